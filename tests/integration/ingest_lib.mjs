// Helpers for the inbound tests: signed webhooks aimed at the demo inbox,
// the shared pywa fixtures, and polling the REST API until the processor
// has applied what was sent.
import { createHmac } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

export const APP_SECRET = 'demo-app-secret';
export const VERIFY_TOKEN = 'demo-verify-token';
export const PHONE_ID = '100000000000001';
export const DISPLAY = '15550000001';
export const WABA = '100000000000002';

// The shared folder sits beside the repository (tests/integration/../../..).
export const SHARED = process.env.PARLEY_SHARED ||
  join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');
export const FIXTURES = join(SHARED, 'fixtures', 'whatsapp', 'pywa');

export function sign(body, secret = APP_SECRET) {
  return 'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
}

// POST raw bytes to the webhook; signed with the demo secret unless told.
export async function postWebhook(server, body, { signature, contentType =
  'application/json', secret } = {}) {
  const raw = typeof body === 'string' || Buffer.isBuffer(body)
    ? body : JSON.stringify(body);
  const headers = { 'Content-Type': contentType };
  const sig = signature === undefined ? sign(raw, secret) : signature;
  if (sig !== null) headers['X-Hub-Signature-256'] = sig;
  const res = await fetch(server.url + '/webhooks/whatsapp', {
    method: 'POST', headers, body: raw });
  return { status: res.status, text: await res.text() };
}

// Every fixture file as {file: {case: body}}.
export function loadFixtures() {
  const out = {};
  for (const f of readdirSync(FIXTURES).filter((n) => n.endsWith('.json')))
    out[f.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(FIXTURES, f),
      'utf8'));
  return out;
}

// Aim a fixture at the demo inbox (its number and WABA) and give its
// message and status ids a suffix so that cases do not collide.
export function retarget(body, tag = '') {
  const b = structuredClone(body);
  for (const e of b.entry || []) {
    e.id = WABA;
    for (const c of e.changes || []) {
      const v = c.value || {};
      if (v.metadata) v.metadata = { display_phone_number: DISPLAY,
        phone_number_id: PHONE_ID };
      if (tag) for (const m of [...(v.messages || []), ...(v.statuses || []),
        ...(v.message_echoes || [])])
        if (m.id) m.id += tag;
    }
  }
  return b;
}

export function messagesOf(body) {
  return body.entry.flatMap((e) => e.changes.flatMap(
    (c) => c.value?.messages || []));
}

export async function until(fn, ms = 8000, step = 50) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) return null;
    await new Promise((r) => setTimeout(r, step));
  }
}

// Every message of every conversation the client can see.
export async function allMessages(client) {
  const out = [];
  let cursor = '';
  for (;;) {
    const r = await client.get('/api/v1/conversations?status=all&limit=200' +
      (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    for (const c of r.json.data) {
      let mc = '';
      for (;;) {
        const m = await client.get(`/api/v1/conversations/${c.id}/messages` +
          `?limit=200${mc ? '&cursor=' + mc : ''}`);
        out.push(...m.json.data);
        if (!m.json.next_cursor) break;
        mc = m.json.next_cursor;
      }
    }
    if (!r.json.next_cursor) break;
    cursor = r.json.next_cursor;
  }
  return out;
}

// Wait until a message with this wamid is visible; returns it or null.
export async function waitMessage(client, wamid, pred = () => true) {
  return until(async () => (await allMessages(client)).find(
    (m) => m.wamid === wamid && pred(m)));
}

// Run one SQL query against the server's database, rows as arrays of
// strings (sqlite3 on the data directory, or psql on the test database).
export function sql(server, query) {
  let out;
  const pg = server.dbArgs.length ? server.dbArgs[1] : null;
  if (pg) out = execFileSync('psql', [pg, '-AtF', '\t', '-c', query],
    { encoding: 'utf8' });
  // The server writes at the same time: wait for its lock, as it does.
  else out = execFileSync('sqlite3', ['-cmd', '.timeout 10000', '-separator',
    '\t', join(server.data, 'parley.db'), query], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l).map((l) => l.split('\t'));
}
