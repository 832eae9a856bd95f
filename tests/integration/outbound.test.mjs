// Outbound messages through the real server and its in-process simulator:
// every message type reaches the virtual customer and its ticks advance,
// undo send, the 24-hour window, templates, retries and failures, pair-rate
// pacing, idempotency keys, private notes, mark-as-read and typing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { startServer, signedIn } from './server.mjs';

const PNID = '100000000000001';
const WABA = '100000000000002';
const APP_SECRET = 'demo-app-secret';
const UNDO_MS = 5000; // the demo account's undo_send_ms

let server, agent, agent2, supervisor;
before(async () => {
  server = await startServer();
  agent = await signedIn(server, 'agent1@demo.test');
  agent2 = await signedIn(server, 'agent2@demo.test');
  supervisor = await signedIn(server, 'supervisor@demo.test');
});
after(async () => { await server.stop(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function sim(method, path, body) {
  const res = await fetch(server.url + path, {
    method, headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

// A virtual customer writes; returns the conversation it lands in, once
// whatever the demo's automation answers has left (so that tests count
// only their own messages at the customer).
async function customerSays(waId, text = 'hello') {
  const r = await sim('POST', `/sim/customers/${waId}/messages`,
    { type: 'text', text: { body: text } });
  assert.equal(r.status, 200);
  const conv = await waitFor('the conversation', async () => {
    const l = await agent.get('/api/v1/conversations?status=all&limit=200');
    return l.json.data.find((c) => c.contact.wa_id === waId);
  });
  await settled(conv);
  return conv;
}

// Wait until no outbound message of conv is queued or being sent.
async function settled(conv) {
  await sleep(300);
  await waitFor('automation to settle', async () => {
    const l = await agent.get(`/api/v1/conversations/${conv.id}/messages` +
      '?limit=200');
    return !l.json.data.some((m) => m.direction === 'out' &&
      ['queued', 'sending'].includes(m.status) && !m.wamid);
  }, 20000);
}

const received = async (waId) =>
  (await sim('GET', `/sim/customers/${waId}/received`)).json?.messages ?? [];

async function messageOf(conv, id) {
  const l = await agent.get(`/api/v1/conversations/${conv.id}/messages`);
  return l.json.data.find((m) => m.id === id);
}

const send = (client, conv, body, headers = {}) =>
  client.post(`/api/v1/conversations/${conv.id}/messages`, body,
    { headers });

// A 1x1 PNG, so that the upload passes content sniffing.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8Dw' +
  'HwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

test('every message type reaches the customer and its ticks advance',
  async () => {
    const wa = '15550100001';
    const conv = await customerSays(wa);
    const up = await agent.request('POST', '/api/v1/media?inbox_id=' +
      conv.inbox_id, { raw: PNG, headers: { 'Content-Type': 'image/png' } });
    assert.equal(up.status, 201, up.text);
    const first = (await received(wa)).length;
    const inbound = (await agent.get(
      `/api/v1/conversations/${conv.id}/messages`)).json.data
      .find((m) => m.direction === 'in');
    const bodies = [
      { type: 'text', text: { body: 'plain text' } },
      { type: 'text', text: { body: 'a reply' },
        context: { message_id: inbound.wamid } },
      { type: 'image', image: { id: up.json.id, caption: 'the picture' } },
      { type: 'location', location: { latitude: 48.85, longitude: 2.35,
        name: 'Paris' } },
      { type: 'contacts', contacts: [{ name: { formatted_name: 'Ann Lee' },
        phones: [{ phone: '+15550001111' }] }] },
      { type: 'interactive', interactive: { type: 'button',
        body: { text: 'Pick one' }, action: { buttons: [
          { type: 'reply', reply: { id: 'y', title: 'Yes' } },
          { type: 'reply', reply: { id: 'n', title: 'No' } }] } } },
      { type: 'interactive', interactive: { type: 'list',
        body: { text: 'Choose' }, action: { button: 'Open',
          sections: [{ title: 'S', rows: [{ id: 'r1', title: 'Row 1' }] }] } } },
      { type: 'interactive', interactive: { type: 'cta_url',
        body: { text: 'See it' }, action: { name: 'cta_url',
          parameters: { display_text: 'Open', url: 'https://example.com' } } } },
      { type: 'reaction', reaction: { message_id: inbound.wamid,
        emoji: '\u{1F44D}' } },
    ];
    const ids = [];
    for (const b of bodies) {
      const r = await send(agent, conv, b);
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.status, 'queued');
      assert.ok(r.json.send_after >= r.json.created_at + UNDO_MS - 1);
      ids.push(r.json.id);
    }
    const got = await waitFor('all types at the customer', async () => {
      const m = await received(wa);
      return m.length >= first + bodies.length && m;
    }, 30000);
    const types = got.slice(first).map((m) => m.type);
    assert.deepEqual(types, bodies.map((b) => b.type));
    const img = got.slice(first).find((m) => m.type === 'image');
    assert.match(img.message.image.id, /^\d+$/);
    assert.notEqual(img.message.image.id, String(up.json.id),
      'the Graph media id, not Parley\'s');
    // Status webhooks move our copies forward, past "sending" (a
    // reaction only ever gets "sent").
    for (const [i, id] of ids.entries()) {
      const want = bodies[i].type === 'reaction' ? ['sent']
        : ['delivered', 'read'];
      const m = await waitFor(`message ${id} ${want[0]}`, async () => {
        const x = await messageOf(conv, id);
        return want.includes(x.status) && x;
      });
      assert.match(m.wamid, /^wamid\./);
      assert.ok(m.sent_at);
    }
  });

test('undo within the window: the customer never gets it', async () => {
  const wa = '15550100002';
  const conv = await customerSays(wa);
  const base = (await received(wa)).length;
  const r = await send(agent, conv, { type: 'text', text: { body: 'oops' } });
  assert.equal(r.status, 201);
  const other = await agent2.post(`/api/v1/messages/${r.json.id}/cancel`, {});
  assert.equal(other.status, 403, 'another agent may not cancel it');
  const c = await agent.post(`/api/v1/messages/${r.json.id}/cancel`, {});
  assert.equal(c.status, 200, c.text);
  assert.equal(c.json.status, 'cancelled');
  const again = await agent.post(`/api/v1/messages/${r.json.id}/cancel`, {});
  assert.equal(again.status, 409);
  await sleep(UNDO_MS + 1500);
  assert.equal((await received(wa)).length, base);
  assert.equal((await messageOf(conv, r.json.id)).status, 'cancelled');

  // Once it left, undo is refused with 409; a supervisor may try others'.
  const s = await send(agent, conv, { type: 'text', text: { body: 'ok' } });
  await waitFor('sent', async () => (await received(wa)).length === base + 1);
  const late = await supervisor.post(`/api/v1/messages/${s.json.id}/cancel`,
    {});
  assert.equal(late.status, 409);
});

// A signed webhook of a customer message written 25 hours ago: the window
// it opened has closed (Meta delivers late messages too).
async function oldCustomerMessage(waId) {
  const ts = Math.floor(Date.now() / 1000) - 25 * 3600;
  const body = JSON.stringify({ object: 'whatsapp_business_account',
    entry: [{ id: WABA, changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550000001',
        phone_number_id: PNID },
      contacts: [{ profile: { name: 'Late' }, wa_id: waId }],
      messages: [{ from: waId, id: 'wamid.' + randomBytes(12).toString('hex'),
        timestamp: String(ts), type: 'text', text: { body: 'yesterday' } }],
    } }] }] });
  const sig = 'sha256=' + createHmac('sha256', APP_SECRET).update(body)
    .digest('hex');
  const res = await fetch(server.url + '/webhooks/whatsapp', { method: 'POST',
    headers: { 'Content-Type': 'application/json',
      'X-Hub-Signature-256': sig }, body });
  assert.equal(res.status, 200);
  return waitFor('the old conversation', async () => {
    const l = await agent.get('/api/v1/conversations?status=all&limit=200');
    return l.json.data.find((c) => c.contact.wa_id === waId);
  });
}

test('templates: sync, window closed, checks, and Graph errors surfaced',
  async () => {
    const denied = await agent.post('/api/v1/templates/sync?inbox_id=1', {});
    assert.equal(denied.status, 403);
    const sync = await supervisor.post('/api/v1/templates/sync?inbox_id=1',
      {});
    assert.equal(sync.status, 200, sync.text);
    assert.ok(sync.json.synced >= 4);
    const list = await agent.get('/api/v1/templates?inbox_id=1');
    assert.equal(list.status, 200);
    const ou = list.json.data.find((t) => t.name === 'order_update' &&
      t.language === 'en_US');
    assert.equal(ou.status, 'APPROVED');

    const wa = '15550100003';
    const conv = await oldCustomerMessage(wa);
    const free = await send(agent, conv, { type: 'text',
      text: { body: 'are you there?' } });
    assert.equal(free.status, 422);
    assert.equal(free.json.error.code, 'window_closed');
    assert.match(free.json.error.message, /template/);

    const tpl = (params, name = 'order_update') => ({ type: 'template',
      template: { name, language: { code: 'en_US' }, components: [
        { type: 'body', parameters: params.map((t) => ({ type: 'text',
          text: t })) }] } });
    const short = await send(agent, conv, tpl(['Ann']));
    assert.equal(short.status, 422, 'one parameter of two');
    assert.match(short.json.error.message, /template/);
    const unknown = await send(agent, conv, tpl(['a', 'b'], 'no_such'));
    assert.equal(unknown.status, 422);
    const ok = await send(agent, conv, tpl(['Ann', 'A-77']));
    assert.equal(ok.status, 201, ok.text);
    const got = await waitFor('the template at the customer', async () =>
      (await received(wa)).find((m) => m.type === 'template'), 20000);
    assert.equal(got.message.template.name, 'order_update');

    // Deleted at Meta after our sync: the send fails with Meta's 132001.
    const del = await fetch(server.url + `/sim/graph/v23.0/${WABA}` +
      '/message_templates?name=csat_survey', { method: 'DELETE',
      headers: { Authorization: 'Bearer demo-access-token' } });
    assert.equal(del.status, 200);
    const gone = await send(agent, conv, { type: 'template', template: {
      name: 'csat_survey', language: { code: 'en_US' }, components: [
        { type: 'body', parameters: [{ type: 'text', text: 'Ann' }] }] } });
    assert.equal(gone.status, 201, gone.text);
    const failed = await waitFor('132001 failure', async () => {
      const m = await messageOf(conv, gone.json.id);
      return m.status === 'failed' && m;
    }, 20000);
    assert.equal(failed.error.code, 132001);
    assert.ok(failed.error.title.length > 10);
  });

test('retryable errors are retried, permanent ones fail with the reason',
  async () => {
    const wa = '15550100004';
    const conv = await customerSays(wa);
    let f = await sim('PUT', '/sim/faults', { error_probability: 1,
      error_code: 130429 });
    assert.equal(f.status, 200);
    const r = await send(agent, conv, { type: 'text', text: { body: 'one' } });
    const retried = await waitFor('a retry scheduled', async () => {
      const m = await messageOf(conv, r.json.id);
      return m.error && m.error.code === 130429 && m;
    }, 15000);
    assert.notEqual(retried.status, 'failed');
    f = await sim('PUT', '/sim/faults', {});
    await waitFor('sent after the fault cleared', async () =>
      (await received(wa)).some((m) => m.message.text?.body === 'one'), 20000);
    const m = await waitFor('accepted', async () => {
      const x = await messageOf(conv, r.json.id);
      return x.wamid && x;
    });
    assert.equal(m.error, null, 'a success clears the last error');

    await sim('PUT', '/sim/faults', { error_probability: 1,
      error_code: 131026 });
    const p = await send(agent, conv, { type: 'text', text: { body: 'two' } });
    const failed = await waitFor('failed', async () => {
      const x = await messageOf(conv, p.json.id);
      return x.status === 'failed' && x;
    }, 15000);
    await sim('PUT', '/sim/faults', {});
    assert.equal(failed.error.code, 131026);
    assert.match(failed.error.title, /\w+ \w+/);
    assert.ok(!(await received(wa)).some((x) => x.message.text?.body ===
      'two'));
  });

test('pair rate: a burst past the limit waits instead of failing',
  async () => {
    const wa = '15550100005';
    const conv = await customerSays(wa);
    const n = 47; // the pair-rate burst is 45
    const ids = [];
    for (let i = 0; i < n; i++) {
      const r = await send(agent, conv, { type: 'text',
        text: { body: `burst ${i}` } });
      assert.equal(r.status, 201);
      ids.push(r.json.id);
    }
    const got = await waitFor('the whole burst', async () => {
      const m = (await received(wa)).filter((x) =>
        /^burst /.test(x.message.text?.body ?? ''));
      return m.length >= n && m;
    }, 45000);
    assert.deepEqual(got.map((m) => m.message.text.body),
      ids.map((_, i) => `burst ${i}`), 'in order');
    const times = got.map((m) => m.timestamp);
    assert.ok(times[n - 1] - times[0] >= 5,
      'the last ones waited for the pair rate');
    const l = await agent.get(`/api/v1/conversations/${conv.id}/messages` +
      '?limit=200');
    assert.ok(!l.json.data.some((m) => m.status === 'failed'));
  });

test('an Idempotency-Key gives the same message back', async () => {
  const wa = '15550100006';
  const conv = await customerSays(wa);
  const body = { type: 'text', text: { body: 'once' } };
  const h = { 'Idempotency-Key': 'k-' + randomBytes(6).toString('hex') };
  const a = await send(agent, conv, body, h);
  const b = await send(agent, conv, body, h);
  assert.equal(a.status, 201);
  assert.equal(b.status, 200);
  assert.equal(b.json.id, a.json.id);
  const c = await send(agent2, conv, body, h);
  assert.equal(c.status, 201, 'another user\'s key is another message');
  assert.notEqual(c.json.id, a.json.id);
  const bad = await send(agent, conv, body, { 'Idempotency-Key': 'x'.repeat(
    201) });
  assert.equal(bad.status, 400);
});

test('notes are stored with mentions and never sent; bad input is 422',
  async () => {
    const wa = '15550100007';
    const conv = await customerSays(wa);
    const base = (await received(wa)).length;
    const n = await send(agent, conv, { type: 'note', private: true,
      text: { body: 'ask @agent2 about it, cc @supervisor' } });
    assert.equal(n.status, 201, n.text);
    assert.equal(n.json.private, true);
    assert.equal(n.json.status, 'note');
    assert.deepEqual(n.json.content.mentions, ['agent2', 'supervisor']);
    const notPrivate = await send(agent, conv, { type: 'note',
      text: { body: 'x' } });
    assert.equal(notPrivate.status, 422);
    const long = await send(agent, conv, { type: 'text',
      text: { body: 'x'.repeat(4097) } });
    assert.equal(long.status, 422);
    assert.match(long.json.error.message, /text\.body/);
    const badMedia = await send(agent, conv, { type: 'image',
      image: { id: 999999 } });
    assert.equal(badMedia.status, 422);
    const missing = await agent.post('/api/v1/conversations/999999/messages',
      { type: 'text', text: { body: 'x' } });
    assert.equal(missing.status, 404);
    await sleep(UNDO_MS + 1000);
    assert.equal((await received(wa)).length, base);
  });

test('mark as read and typing indicator', async () => {
  const wa = '15550100008';
  const conv = await customerSays(wa);
  assert.ok(conv.unread_count >= 1);
  const r = await agent.post(`/api/v1/conversations/${conv.id}/read`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.unread_count, 0);
  const t = await agent.post(`/api/v1/conversations/${conv.id}/typing`, {});
  assert.equal(t.status, 204, t.text);
  const t2 = await agent.post(`/api/v1/conversations/${conv.id}/typing`, {});
  assert.equal(t2.status, 429);
});

test('/metrics counts the dispatcher\'s sends', async () => {
  const res = await fetch(server.url + '/metrics');
  const text = await res.text();
  assert.match(text, /^parley_outbound_lease_held 1$/m);
  const accepted = Number(text.match(
    /^parley_outbound_sends_total\{result="accepted"\} (\d+)$/m)[1]);
  const failed = Number(text.match(
    /^parley_outbound_sends_total\{result="failed"\} (\d+)$/m)[1]);
  const retried = Number(text.match(
    /^parley_outbound_sends_total\{result="retry"\} (\d+)$/m)[1]);
  assert.ok(accepted >= 60, `accepted ${accepted}`);
  assert.ok(failed >= 2, 'the 132001 and 131026 failures');
  assert.ok(retried >= 1, 'the 130429 retries');
});
