// A real third-party client against Parley's WhatsApp Cloud API simulator:
// the npm package @great-detail/whatsapp sends text, uploads media and
// sends it, lists templates and sends one, all to `parley sim` on a
// loopback port, and the simulator's ledger shows what arrived.
// Run: PARLEY_BIN=build/parley node --test tests/sdk/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Client } from '@great-detail/whatsapp';

const BIN = process.env.PARLEY_BIN || 'build/parley';
const TOKEN = 'sdk-test-token';
const PNID = '100000000000001';
const WABA = '100000000000002';
const CUSTOMER = '15550142001';

let child, base, sdk;

// Start `parley sim` on a free port and read the port from its log.
before(async () => {
  child = spawn(BIN, ['sim', '--listen', '127.0.0.1:0', '--access-token',
    TOKEN, '--log-level', 'info'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(
      'parley sim did not start:\n' + log)), 15000);
    const seen = (d) => {
      log += d;
      const m = log.match(/event=sim_listening port=(\d+)/);
      if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => reject(new Error(
      `parley sim exited with ${code}:\n${log}`)));
  });
  // 9.2.0 hands ky 2 `baseUrl: <prefixUrl>/<graphVersion>`, which URL
  // resolution cuts back to the host (no trailing slash), losing the
  // version; so the version goes in the prefix and the trailing slash
  // comes from an empty graphVersion.
  sdk = new Client({ prefixUrl: `${base}/v23.0`, graphVersion: '',
    request: { headers: { Authorization: `Bearer ${TOKEN}` } } });
});

after(() => { if (child && child.exitCode === null) child.kill('SIGTERM'); });

// The customer writes first, so the 24-hour window is open.
async function customerWrites() {
  const r = await fetch(`${base}/sim/customers/${CUSTOMER}/messages`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'text', text: { body: 'hi' } }) });
  assert.equal(r.status, 200);
}

async function ledger() {
  const r = await fetch(`${base}/sim/customers/${CUSTOMER}/received`);
  assert.equal(r.status, 200);
  return (await r.json()).messages;
}

const WAMID = /^wamid\.[A-Za-z0-9_=-]+$/;

function assertSent(payload) {
  assert.equal(payload.messaging_product, 'whatsapp');
  assert.equal(payload.contacts[0].wa_id, CUSTOMER);
  assert.match(payload.messages[0].id, WAMID);
  return payload.messages[0].id;
}

test('text message', async () => {
  await customerWrites();
  const res = await sdk.message.createMessage({ phoneNumberID: PNID,
    to: CUSTOMER, type: 'text', text: { body: 'Hello from the SDK' } })
    .json();
  const wamid = assertSent(res);
  const got = (await ledger()).find((m) => m.wamid === wamid);
  assert.equal(got.type, 'text');
  assert.equal(got.message.text.body, 'Hello from the SDK');
});

test('media: upload, then send by id', async () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAA' +
    'DUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
  const up = await sdk.media.upload({ phoneNumberID: PNID,
    file: new Blob([png], { type: 'image/png' }), filename: 'dot.png',
    mimeType: 'image/png' }).json();
  assert.match(up.id, /^\d+$/);
  const res = await sdk.message.createMessage({ phoneNumberID: PNID,
    to: CUSTOMER, type: 'image', image: { id: up.id, caption: 'a dot' } })
    .json();
  const wamid = assertSent(res);
  const got = (await ledger()).find((m) => m.wamid === wamid);
  assert.equal(got.type, 'image');
  assert.equal(got.message.image.id, up.id);
});

test('templates: list, then send one', async () => {
  const list = await sdk.template.list(WABA, {
    fields: ['name', 'language', 'status'] }).json();
  const t = list.data.find((x) => x.name === 'order_update' &&
    x.language === 'en_US');
  assert.ok(t, 'the seeded order_update template is listed');
  assert.equal(t.status, 'APPROVED');
  const res = await sdk.message.createMessage({ phoneNumberID: PNID,
    to: CUSTOMER, type: 'template', template: { name: 'order_update',
      language: { code: 'en_US' }, components: [{ type: 'body', parameters: [
        { type: 'text', text: 'Ann' }, { type: 'text', text: 'A-77' }] }] } })
    .json();
  const wamid = assertSent(res);
  assert.ok(['accepted', 'held_for_quality_assessment'].includes(
    res.messages[0].message_status));
  const got = (await ledger()).find((m) => m.wamid === wamid);
  assert.equal(got.message.template.name, 'order_update');
});

test('a Graph error surfaces through the SDK', async () => {
  let err;
  try {
    await sdk.message.createMessage({ phoneNumberID: PNID, to: CUSTOMER,
      type: 'template', template: { name: 'no_such_template',
        language: { code: 'en_US' } } }).json();
  } catch (e) { err = e; }
  assert.ok(err && err.response, 'the SDK rejects with the HTTP response');
  const body = err.data ?? await err.response.json();
  assert.equal(body.error.code, 132001);
});
