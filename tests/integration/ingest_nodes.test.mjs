// Two nodes on one PostgreSQL database: one inbound processor is active;
// a webhook received by the other node is applied by it promptly (NOTIFY);
// when the active node dies, the other takes the lease over and applies
// what arrives next. Needs PostgreSQL (PARLEY_TEST_PG_URL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn } from './server.mjs';
import { PHONE_ID, WABA, postWebhook, until, waitMessage, sql }
  from './ingest_lib.mjs';

const PG = process.env.PARLEY_TEST_PG_URL;

function message(wamid, from) {
  return { object: 'whatsapp_business_account', entry: [{ id: WABA,
    changes: [{ field: 'messages', value: { messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550000001',
        phone_number_id: PHONE_ID },
      contacts: [{ profile: { name: 'Node test' }, wa_id: from }],
      messages: [{ from, id: wamid, type: 'text', timestamp: String(
        Math.floor(Date.now() / 1000)), text: { body: wamid } }] } }] }] };
}

test('one processor per installation, and another node takes over',
  { skip: PG ? false : 'needs PARLEY_TEST_PG_URL' }, async () => {
    const a = await startServer({ args: ['--node-name', 'node-a'] });
    delete process.env.PARLEY_TEST_PG_URL;
    let b;
    try {
      b = await startServer({ args: [...a.dbArgs, '--node-name', 'node-b'] });
    } finally {
      process.env.PARLEY_TEST_PG_URL = PG;
    }
    try {
      const holder = await until(async () => sql(a,
        "SELECT holder FROM leases WHERE name = 'wa_inbound_processor'")[0]
        ?.[0]);
      assert.ok(holder === 'node-a' || holder === 'node-b', holder);
      const [active, standby] = holder === 'node-a' ? [a, b] : [b, a];
      const admin = await signedIn(standby, 'admin@demo.test');

      // Received by the standby node, applied by the active one.
      const t0 = Date.now();
      const r = await postWebhook(standby, message('wamid.node.1',
        '15550009001'));
      assert.equal(r.status, 200);
      assert.ok(await waitMessage(admin, 'wamid.node.1'));
      assert.ok(Date.now() - t0 < 3000, 'woken by the notification');

      // The active node dies; the standby takes the lease and goes on.
      active.child.kill('SIGKILL');
      await new Promise((res) => active.child.once('exit', res));
      const r2 = await postWebhook(standby, message('wamid.node.2',
        '15550009002'));
      assert.equal(r2.status, 200);
      const m = await until(async () => (await waitMessage(admin,
        'wamid.node.2')), 40000, 500);
      assert.ok(m, 'applied after the takeover');
      // a.dbArgs name the database both nodes share.
      assert.equal(sql(a, "SELECT holder FROM leases WHERE name = " +
        "'wa_inbound_processor'")[0][0], holder === 'node-a' ? 'node-b'
        : 'node-a');
    } finally {
      await b.stop();
      await a.stop();
    }
  });
