// Media end to end: customers send files through the simulator, Parley
// downloads, checks, seals and serves them; failed downloads show and can
// be retried; agents upload files within WhatsApp's limits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, signedIn, admin as cli } from './server.mjs';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082',
  'hex');
const MARKER = 'plaintext-marker-7f3a9c';
const PDF = Buffer.from(`%PDF-1.4\n% ${MARKER}\n%%EOF\n`);

let server, agent, other, inboxId;
before(async () => {
  // a short Graph timeout so that the slow-answer fault fails a download
  server = await startServer({ env: { PARLEY_MEDIA_TIMEOUT_MS: '1000' } });
  agent = await signedIn(server, 'agent1@demo.test');
  const account = cli(server, ['create-account', 'Elsewhere']);
  cli(server, ['add-user', '--account', account, '--email', 'x@else.test',
    '--name', 'X', '--role', 'agent'], 'else-password\n');
  other = new Client(server.url);
  await other.login('x@else.test', 'else-password');
  const inboxes = await agent.get('/api/v1/inboxes');
  inboxId = inboxes.json.data[0].id;
});
after(async () => { await server.stop(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function customerSends(waId, msg) {
  const r = await fetch(`${server.url}/sim/customers/${waId}/messages`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(msg) });
  assert.equal(r.status, 200, await r.text());
}

// The media entries of the messages of waId's conversation.
async function mediaOf(waId) {
  const convs = await agent.get('/api/v1/conversations?limit=200');
  const conv = convs.json.data.find((c) => c.contact.wa_id === waId);
  if (!conv) return [];
  const msgs = await agent.get(`/api/v1/conversations/${conv.id}/messages`);
  return msgs.json.data.flatMap((m) => m.media || []);
}

// Wait until waId has a media entry that satisfies pred.
async function waitMedia(waId, pred, ms = 10000) {
  const end = Date.now() + ms;
  for (;;) {
    const found = (await mediaOf(waId)).find(pred);
    if (found) return found;
    if (Date.now() > end) {
      assert.fail(`no matching media for ${waId}: ` +
        JSON.stringify(await mediaOf(waId)));
    }
    await sleep(150);
  }
}

async function getBytes(c, id) {
  const res = await fetch(`${server.url}/api/v1/media/${id}`,
    { headers: { Cookie: c.cookie } });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

// A webhook as Meta would send it, signed with the demo inbox's secret.
async function postWebhook(message, waId) {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '100000000000002', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550000001',
        phone_number_id: '100000000000001' },
      contacts: [{ profile: { name: 'Eve' }, wa_id: waId }],
      messages: [{ from: waId, timestamp: String(Math.floor(Date.now() / 1000)),
        ...message }] } }] }] });
  const sig = createHmac('sha256', 'demo-app-secret').update(body)
    .digest('hex');
  const r = await fetch(`${server.url}/webhooks/whatsapp`, { method: 'POST',
    headers: { 'Content-Type': 'application/json',
      'X-Hub-Signature-256': `sha256=${sig}` }, body });
  assert.equal(r.status, 200);
}

// Upload bytes to the simulator's Graph API; returns the media id.
async function simUpload(bytes, type) {
  const form = new FormData();
  form.append('messaging_product', 'whatsapp');
  form.append('file', new Blob([bytes], { type }), 'f');
  const r = await fetch(`${server.url}/sim/graph/v23.0/100000000000001/media`,
    { method: 'POST', body: form,
      headers: { Authorization: 'Bearer demo-access-token' } });
  assert.equal(r.status, 200);
  return (await r.json()).id;
}

test('an image a customer sends is stored and served byte for byte', async () => {
  await customerSends('15550100001', { type: 'image', image: {
    data_base64: PNG.toString('base64'), mime_type: 'image/png',
    caption: 'look' } });
  const m = await waitMedia('15550100001', (x) => x.state === 'stored');
  assert.equal(m.mime_type, 'image/png');
  assert.equal(m.size, PNG.length);
  assert.equal(m.url, `/api/v1/media/${m.id}`);
  assert.equal(m.error, null);
  const { res, body } = await getBytes(agent, m.id);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  assert.equal(res.headers.get('content-disposition'), 'inline');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.match(res.headers.get('cache-control'), /private/);
  assert.deepEqual(body, PNG);
});

test('audio, video, sticker and document arrive with their types', async () => {
  const cases = [['audio', 'audio/ogg'], ['video', 'video/mp4'],
    ['sticker', 'image/webp'], ['document', 'application/pdf']];
  for (const [type, mime] of cases) {
    const waId = `1555020000${cases.findIndex((c) => c[0] === type)}`;
    await customerSends(waId, { type, [type]: type === 'document'
      ? { filename: 'invoice "May".pdf' } : {} });
    const m = await waitMedia(waId, (x) => x.state === 'stored');
    assert.equal(m.mime_type, mime, type);
    const { res, body } = await getBytes(agent, m.id);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), mime);
    assert.equal(body.length, m.size);
    if (type === 'document') {
      assert.equal(m.filename, 'invoice _May_.pdf');
      assert.equal(res.headers.get('content-disposition'),
        'attachment; filename="invoice _May_.pdf"; ' +
        "filename*=UTF-8''invoice%20_May_.pdf");
    }
  }
});

test('the file on disk is sealed, not the plaintext', async () => {
  await customerSends('15550300001', { type: 'document', document: {
    data_base64: PDF.toString('base64'), mime_type: 'application/pdf',
    filename: 'secret.pdf' } });
  const m = await waitMedia('15550300001', (x) => x.state === 'stored');
  const dir = join(server.data, 'media', '1');
  assert.ok(readdirSync(dir).includes(String(m.id)));
  const onDisk = readFileSync(join(dir, String(m.id)));
  assert.ok(onDisk.length > PDF.length);
  assert.equal(onDisk.includes(MARKER), false);
  assert.equal(onDisk.includes(Buffer.from('%PDF')), false);
  const { body } = await getBytes(agent, m.id);
  assert.deepEqual(body, PDF);
});

test('another account cannot see or retry the media', async () => {
  const m = await waitMedia('15550100001', (x) => x.state === 'stored');
  const { res } = await getBytes(other, m.id);
  assert.equal(res.status, 404);
  const r = await other.post(`/api/v1/media/${m.id}/retry`, {});
  assert.equal(r.status, 404);
  const anon = await fetch(`${server.url}/api/v1/media/${m.id}`);
  assert.equal(anon.status, 401);
});

test('a file that does not match its SHA-256 ends failed', async () => {
  const id = await simUpload(PNG, 'image/png');
  const wrong = createHash('sha256').update('other bytes').digest('base64');
  await postWebhook({ id: 'wamid.media-sha-mismatch', type: 'image',
    image: { id, mime_type: 'image/png', sha256: wrong } }, '15550400001');
  const m = await waitMedia('15550400001', (x) => x.state === 'failed');
  assert.match(m.error, /SHA-256/);
  assert.equal((await getBytes(agent, m.id)).res.status, 404);
  // retrying fetches it again, and the check fails again: never stored
  const r = await agent.post(`/api/v1/media/${m.id}/retry`, {});
  assert.equal(r.status, 202);
  await sleep(500);
  const again = await waitMedia('15550400001', (x) => x.id === m.id &&
    x.state === 'failed');
  assert.match(again.error, /SHA-256/);
});

test('a download that fails shows failed, and retry recovers it', async () => {
  const put = (faults) => fetch(`${server.url}/sim/faults`, { method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(faults) });
  assert.equal((await put({ slow_ms: 2500 })).status, 200);
  try {
    await customerSends('15550500001', { type: 'image', image: {} });
    const m = await waitMedia('15550500001', (x) => x.state === 'failed',
      15000);
    assert.match(m.error, /lookup failed/);
    assert.equal((await put({})).status, 200);
    // the automatic retry is 30 s away: only the agent's retry can be this
    // quick
    const r = await agent.post(`/api/v1/media/${m.id}/retry`, {});
    assert.equal(r.status, 202);
    const ok = await waitMedia('15550500001', (x) => x.id === m.id &&
      x.state === 'stored', 8000);
    assert.equal(ok.error, null);
    assert.equal((await getBytes(agent, m.id)).res.status, 200);
  } finally {
    await put({});
  }
});

// POST /api/v1/media with a raw body.
function uploadRaw(c, bytes, type, name, inbox = inboxId) {
  const headers = { 'Content-Type': type };
  if (name) headers['X-Filename'] = name;
  return c.request('POST', `/api/v1/media?inbox_id=${inbox}`,
    { raw: bytes, headers });
}

test('an agent uploads a file as a form and gets it back', async () => {
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'dot.png');
  const r = await agent.request('POST', `/api/v1/media?inbox_id=${inboxId}`,
    { raw: form });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual({ ...r.json, id: 0 }, { id: 0, mime_type: 'image/png',
    size: PNG.length, filename: 'dot.png', kind: 'image' });
  const { res, body } = await getBytes(agent, r.json.id);
  assert.equal(res.status, 200);
  assert.deepEqual(body, PNG);
  assert.equal((await getBytes(other, r.json.id)).res.status, 404);
});

test('an agent uploads a raw document with its name', async () => {
  const r = await uploadRaw(agent, PDF, 'application/pdf', '../../etc/q.pdf');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.kind, 'document');
  assert.equal(r.json.filename, 'q.pdf');
});

test('uploads that WhatsApp would refuse get clear errors', async () => {
  const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 + 1)]);
  let r = await uploadRaw(agent, big, 'image/png');
  assert.equal(r.status, 413);
  assert.equal(r.json.error.code, 'payload_too_large');

  r = await uploadRaw(agent, Buffer.from('GIF89a....'), 'image/gif');
  assert.equal(r.status, 415);
  assert.equal(r.json.error.code, 'unsupported_media_type');

  // a PDF claiming to be a PNG
  r = await uploadRaw(agent, PDF, 'image/png', 'fake.png');
  assert.equal(r.status, 422);
  assert.match(r.json.error.message, /application\/pdf/);

  r = await uploadRaw(agent, Buffer.alloc(0), 'image/png');
  assert.equal(r.status, 422);

  r = await agent.request('POST', '/api/v1/media',
    { raw: PNG, headers: { 'Content-Type': 'image/png' } });
  assert.equal(r.status, 422);

  // someone else's inbox is no inbox
  r = await uploadRaw(other, PNG, 'image/png', 'x.png', inboxId);
  assert.equal(r.status, 422);

  const form = new FormData();
  form.append('other', 'x');
  r = await agent.request('POST', `/api/v1/media?inbox_id=${inboxId}`,
    { raw: form });
  assert.equal(r.status, 400);
});
