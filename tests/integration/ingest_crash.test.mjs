// Durability of the inbound log: signed webhooks arrive from many
// concurrent senders while the server is killed with SIGKILL; after a
// restart on the same data every webhook that got a 200 is in the
// database, exactly once, and nothing is left unapplied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startServer, signedIn } from './server.mjs';
import { PHONE_ID, WABA, sign, until, sql } from './ingest_lib.mjs';

const SENDERS = 24;
// Kill once this many webhooks were acknowledged (or after MAX_LOAD_MS on
// a slow machine), so that the kill lands in the middle of the load.
const KILL_AFTER = 300;
const MAX_LOAD_MS = 15000;

function body(n, run) {
  const wa = '1555990' + String(n % 50).padStart(4, '0');
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{
    id: WABA, changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550000001',
        phone_number_id: PHONE_ID },
      contacts: [{ profile: { name: 'Load ' + (n % 50) }, wa_id: wa }],
      messages: [{ from: wa, id: `wamid.crash.${run}.${n}`,
        timestamp: String(Math.floor(Date.now() / 1000)), type: 'text',
        text: { body: 'load message ' + n } }] } }] }] });
}

// Senders post until stopped; returns the wamids that were answered 200.
async function load(url, run, stopAt) {
  const acked = [];
  let next = 0, errors = 0;
  async function sender() {
    while (Date.now() < stopAt.value) {
      const n = next++;
      const b = body(n, run);
      try {
        const r = await fetch(url + '/webhooks/whatsapp', { method: 'POST',
          headers: { 'Content-Type': 'application/json',
            'X-Hub-Signature-256': sign(b) }, body: b });
        await r.text();
        if (r.status === 200) acked.push(`wamid.crash.${run}.${n}`);
      } catch {
        errors++; // the server died under us: not acknowledged
        return;
      }
    }
  }
  const all = Promise.all(Array.from({ length: SENDERS }, sender));
  return { acked, done: all, sent: () => next, errors: () => errors };
}

test('every acknowledged webhook survives kill -9, exactly once', async () => {
  const first = await startServer();
  const run = String(process.pid);
  const stopAt = { value: Date.now() + 60000 };
  const l = await load(first.url, run, stopAt);
  await until(async () => l.acked.length >= KILL_AFTER, MAX_LOAD_MS, 20);
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  stopAt.value = 0;
  await l.done;
  const acked = [...l.acked];
  assert.ok(acked.length >= 20, `${acked.length} webhooks acknowledged`);
  assert.ok(l.sent() > acked.length, 'some were in flight at the kill');

  // Restart on the same data (and the same PostgreSQL database).
  const pg = process.env.PARLEY_TEST_PG_URL;
  delete process.env.PARLEY_TEST_PG_URL;
  let second;
  try {
    second = await startServer({ dataDir: first.data, args: first.dbArgs });
  } finally {
    if (pg) process.env.PARLEY_TEST_PG_URL = pg;
  }
  try {
    const admin = await signedIn(second, 'admin@demo.test');
    const drained = await until(async () => {
      const r = await admin.get('/api/v1/admin/inbound?state=pending');
      return r.json.data.length === 0;
    }, 30000, 200);
    assert.ok(drained, 'the processor applied every pending entry');
    const failed = await admin.get('/api/v1/admin/inbound?state=failed');
    assert.equal(failed.json.data.length, 0);

    // first names the same data directory and database as second.
    const rows = sql(first, 'SELECT wamid, COUNT(*) FROM messages WHERE ' +
      `wamid LIKE 'wamid.crash.${run}.%' GROUP BY wamid`);
    const counts = new Map(rows.map(([w, c]) => [w, Number(c)]));
    const missing = acked.filter((w) => !counts.has(w));
    assert.deepEqual(missing, [], 'no acknowledged webhook is lost');
    for (const w of acked) assert.equal(counts.get(w), 1, w);
    // Bodies stored but not acknowledged in time may be there too, once.
    for (const [w, c] of counts) assert.equal(c, 1, w);
    const logged = Number(sql(first, 'SELECT COUNT(*) FROM wa_inbound')[0][0]);
    assert.ok(logged >= acked.length);
  } finally {
    await second.stop();
    rmSync(first.data, { recursive: true, force: true });
  }
});
