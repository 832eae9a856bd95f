// The inbound path end to end: Meta's webhook (handshake, signature,
// limits), the durable log and its processor, and what the REST API then
// shows. Every pywa fixture is sent, aimed at the demo inbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn } from './server.mjs';
import {
  VERIFY_TOKEN, PHONE_ID, WABA, postWebhook, loadFixtures, retarget,
  messagesOf, until, allMessages, waitMessage, sql,
} from './ingest_lib.mjs';

let server, admin, fixtures;
let seq = 0;
const tag = () => `.t${process.pid}.${++seq}`;

before(async () => {
  server = await startServer();
  admin = await signedIn(server, 'admin@demo.test');
  fixtures = loadFixtures();
});
after(async () => { await server.stop(); });

// A webhook carrying one customer message from `from` (and/or a BSUID).
function customerMessage(msg, { from, bsuid, name = 'Ann' } = {}) {
  const contact = { profile: { name } };
  if (from) contact.wa_id = from;
  if (bsuid) contact.user_id = bsuid;
  const m = { id: 'wamid.c' + tag(), timestamp: String(Math.floor(
    Date.now() / 1000)), ...msg };
  if (from) m.from = from;
  if (bsuid) m.from_user_id = bsuid;
  return { object: 'whatsapp_business_account', entry: [{ id: WABA,
    changes: [{ field: 'messages', value: { messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550000001',
        phone_number_id: PHONE_ID },
      contacts: [contact], messages: [m] } }] }] };
}

function statusBody(wamid, status, extra = {}) {
  return { object: 'whatsapp_business_account', entry: [{ id: WABA,
    changes: [{ field: 'messages', value: { messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550000001',
        phone_number_id: PHONE_ID },
      statuses: [{ id: wamid, status, timestamp: String(Math.floor(
        Date.now() / 1000)), recipient_id: '15557770000', ...extra }] } }] }] };
}

async function send(body) {
  const r = await postWebhook(server, body);
  assert.equal(r.status, 200, r.text);
  return JSON.parse(r.text).id;
}

async function entries(state = 'all') {
  const r = await admin.get(`/api/v1/admin/inbound?state=${state}&limit=200`);
  assert.equal(r.status, 200, r.text);
  return r.json.data;
}

async function entry(id) {
  return until(async () => (await entries()).find(
    (e) => e.id === id && e.state !== 'pending'));
}

async function conversationOf(message) {
  const r = await admin.get(`/api/v1/conversations/${message.conversation_id}`);
  assert.equal(r.status, 200);
  return r.json;
}

// --- the handshake -----------------------------------------------------

test('GET handshake answers the challenge for a known verify token', async () => {
  const ok = await fetch(server.url + '/webhooks/whatsapp?hub.mode=subscribe' +
    `&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
  assert.equal(ok.status, 200);
  assert.match(ok.headers.get('content-type'), /^text\/plain/);
  assert.equal(await ok.text(), '1158201444');
  const bad = await fetch(server.url + '/webhooks/whatsapp?hub.mode=' +
    'subscribe&hub.verify_token=nope&hub.challenge=1');
  assert.equal(bad.status, 403);
  const mode = await fetch(server.url + '/webhooks/whatsapp?hub.mode=' +
    `unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`);
  assert.equal(mode.status, 403);
});

// --- refusals: nothing is stored ---------------------------------------

test('a bad or missing signature gets 401 and stores nothing', async () => {
  const before = (await entries()).length;
  const body = JSON.stringify(customerMessage({ type: 'text',
    text: { body: 'forged' } }, { from: '15550001111' }));
  let r = await postWebhook(server, body, { secret: 'not-the-secret' });
  assert.equal(r.status, 401);
  assert.equal(JSON.parse(r.text).error.code, 'invalid_signature');
  r = await postWebhook(server, body, { signature: null });
  assert.equal(r.status, 401);
  r = await postWebhook(server, body, { signature: 'sha256=' + '0'.repeat(64) });
  assert.equal(r.status, 401);
  // A good signature of other bytes: the check is on the raw body.
  r = await postWebhook(server, body + ' ', {
    signature: (await import('./ingest_lib.mjs')).sign(body) });
  assert.equal(r.status, 401);
  await new Promise((res) => setTimeout(res, 300));
  assert.equal((await entries()).length, before);
});

test('wrong content type gets 415, an oversized body 413', async () => {
  const body = JSON.stringify(customerMessage({ type: 'text',
    text: { body: 'x' } }, { from: '15550001112' }));
  let r = await postWebhook(server, body, { contentType: 'text/plain' });
  assert.equal(r.status, 415);
  const big = '{"object":"whatsapp_business_account","entry":[],"pad":"' +
    'x'.repeat(3 * 1024 * 1024) + '"}';
  r = await postWebhook(server, big);
  assert.equal(r.status, 413);
});

// --- bad content with a good signature: kept, failed, visible ----------

test('malformed JSON with a good signature is kept as a failed entry', async () => {
  const id = await send('{"object": "whatsapp_business_account", "entry": [');
  const e = await entry(id);
  assert.equal(e.state, 'failed');
  assert.match(e.error, /not a WhatsApp webhook/);
  assert.equal(e.attributed, false);
  assert.equal(e.body, null, 'an unattributed body is not shown');
  assert.ok((await entries('failed')).some((x) => x.id === id));
});

test('an unknown phone-number id fails the entry with the reason', async () => {
  const body = customerMessage({ type: 'text', text: { body: 'lost?' } },
    { from: '15550001113' });
  body.entry[0].changes[0].value.metadata.phone_number_id = '999000999';
  const id = await send(body);
  const e = await entry(id);
  assert.equal(e.state, 'failed');
  assert.match(e.error, /999000999/);
});

test('replay puts a failed entry back and it is applied again', async () => {
  const id = await send('not json at all');
  assert.equal((await entry(id)).state, 'failed');
  const r = await admin.post(`/api/v1/admin/inbound/${id}/replay`, {});
  assert.equal(r.status, 202, r.text);
  const again = await until(async () => {
    const e = (await entries()).find((x) => x.id === id);
    return e.state === 'failed' && e.attempts === 1 ? e : null;
  });
  assert.ok(again, 'processed again after the replay');
  const none = await admin.post('/api/v1/admin/inbound/999999999/replay', {});
  assert.equal(none.status, 404);
  const agent = await signedIn(server, 'agent1@demo.test');
  assert.equal((await agent.get('/api/v1/admin/inbound')).status, 403);
});

test('the state filter is validated', async () => {
  const r = await admin.get('/api/v1/admin/inbound?state=bogus');
  assert.equal(r.status, 400);
});

// --- every fixture -------------------------------------------------------

test('every pywa fixture is accepted, applied, and its messages visible', async () => {
  const sent = [];
  for (const [file, cases] of Object.entries(fixtures)) {
    for (const [name, body] of Object.entries(cases)) {
      const b = retarget(body, tag());
      const id = await send(b);
      sent.push({ file, name, id, body: b });
    }
  }
  assert.ok(sent.length >= 60, `${sent.length} fixture cases`);
  for (const s of sent) {
    const e = await entry(s.id);
    assert.ok(e, `${s.file}/${s.name} processed`);
    assert.equal(e.state, 'done', `${s.file}/${s.name}: ${e.error}`);
  }
  const all = await allMessages(admin);
  for (const s of sent) {
    for (const m of messagesOf(s.body)) {
      const found = all.find((x) => x.wamid === m.id);
      assert.ok(found, `${s.file}/${s.name}: message ${m.id} stored`);
      assert.equal(found.type, m.type, `${s.file}/${s.name}`);
      assert.equal(found.direction, 'in');
    }
    const echoes = s.body.entry.flatMap((e) => e.changes.flatMap(
      (c) => c.value?.message_echoes || []));
    for (const m of echoes) {
      const found = all.find((x) => x.wamid === m.id);
      assert.ok(found, `${s.file}/${s.name}: echo ${m.id} stored`);
      assert.equal(found.direction, 'out');
    }
  }
});

// One case per inbound type: the fixture, then what the API must show.
const typeCases = [
  ['message', 'text', (m) => {
    assert.equal(m.content.body, 'Body Text');
    assert.equal(m.text, 'Body Text');
  }],
  ['message', 'image', (m) => {
    assert.equal(m.content.id, '65463453');
    assert.equal(m.content.mime_type, 'image/jpeg');
  }],
  ['message', 'video', (m) => {
    assert.equal(m.content.caption, 'caption');
    assert.equal(m.text, 'caption');
  }],
  ['message', 'document', (m) => {
    assert.equal(m.content.filename, 'filename.pdf');
    assert.match(m.text, /filename\.pdf/);
  }],
  ['message', 'audio', (m) => assert.equal(m.content.voice, false)],
  ['message', 'voice', (m) => assert.equal(m.content.voice, true)],
  ['message', 'static_sticker', (m) => assert.equal(m.content.animated, false)],
  ['message', 'animated_sticker', (m) => assert.equal(m.content.animated, true)],
  ['message', 'reaction', (m) => {
    assert.equal(m.content.emoji, '\u{1F62E}');
    assert.equal(m.reply_to_wamid, 'wamid.yzxyzx=');
  }],
  ['message', 'unreaction_empty', (m) => {
    assert.equal(m.content.removed, true);
    assert.equal(m.content.emoji, null);
  }],
  ['message', 'unreaction_no_emoji', (m) => assert.equal(m.content.removed,
    true)],
  ['message', 'current_location', (m) => {
    assert.equal(m.content.latitude, 12.25089);
    assert.equal(m.content.longitude, 43.90539);
  }],
  ['message', 'chosen_location', (m) => {
    assert.equal(m.content.name, 'Facebook HQ');
    assert.match(m.text, /Hacker Way/);
  }],
  ['message', 'contacts', (m) => {
    assert.equal(m.content.contacts.length, 3);
    assert.match(m.text, /Chandler Bing/);
  }],
  ['message', 'order', (m) => {
    assert.equal(m.content.catalog_id, '354160437058781');
    assert.equal(m.content.product_items[0].quantity, 3);
  }],
  ['message', 'unsupported', (m) => {
    assert.equal(m.content.raw.type, 'unsupported');
    assert.equal(m.content.errors[0].code, 131051);
  }],
  ['message', 'reply', (m) => {
    assert.equal(m.reply_to_wamid, 'wamid.xyzxyz==');
    assert.equal(m.content.body, 'replied text');
  }],
  ['message', 'forwarded', (m) => assert.equal(m.content.context.forwarded,
    true)],
  ['message', 'forwarded_many_times', (m) => assert.equal(
    m.content.context.frequently_forwarded, true)],
  ['message', 'interactive_message_with_err', (m) => assert.ok(m.content.raw)],
  ['message', 'referral', async (m) => {
    assert.equal(m.content.referral.source_id, 'ADID');
    assert.equal(m.content.referral.ctwa_clid, 'CTWA_CLID');
  }],
  ['callback_button', 'button', (m) => {
    assert.equal(m.content.type, 'button_reply');
    assert.equal(m.content.id, 'callback_data');
    assert.equal(m.text, 'title');
  }],
  ['callback_button', 'quick_reply', (m) => {
    assert.equal(m.content.payload, 'callback_data');
    assert.equal(m.reply_to_wamid, 'wamid.xyzxyz==');
  }],
  ['callback_selection', 'description', (m) => {
    assert.equal(m.content.type, 'list_reply');
    assert.equal(m.content.description, 'description');
  }],
  ['flow_completion', 'completion', (m) => {
    assert.equal(m.content.type, 'nfm_reply');
    assert.equal(m.content.response.comment_text, 'Comment Text');
  }],
  ['call_permission_update', 'accept', (m) => assert.equal(
    m.content.call_permission_reply.response, 'accept')],
  ['system', 'identity_change', (m) => assert.equal(m.content.type,
    'customer_identity_changed')],
];

for (const [file, name, check] of typeCases) {
  test(`inbound ${file}/${name} is stored with its content`, async () => {
    const body = retarget(fixtures[file][name], tag());
    await send(body);
    const wamid = messagesOf(body)[0].id;
    const m = await waitMessage(admin, wamid);
    assert.ok(m, `message ${wamid} visible`);
    assert.equal(m.direction, 'in');
    assert.equal(m.status, 'received');
    await check(m);
  });
}

// --- edits, revokes, system messages ----------------------------------

test('an edit replaces the content of the message it names', async () => {
  const from = '15550002001';
  const orig = customerMessage({ type: 'text', text: { body: 'helo' } },
    { from });
  await send(orig);
  const wamid = messagesOf(orig)[0].id;
  assert.ok(await waitMessage(admin, wamid));
  await send(customerMessage({ type: 'edit', edit: {
    original_message_id: wamid,
    message: { type: 'text', text: { body: 'hello' } } } }, { from }));
  const m = await waitMessage(admin, wamid, (x) => x.edited_at !== null);
  assert.ok(m, 'edited');
  assert.equal(m.content.body, 'hello');
  assert.equal(m.text, 'hello');
});

test('a revoke marks the message it names', async () => {
  const from = '15550002002';
  const orig = customerMessage({ type: 'text', text: { body: 'oops' } },
    { from });
  await send(orig);
  const wamid = messagesOf(orig)[0].id;
  assert.ok(await waitMessage(admin, wamid));
  await send(customerMessage({ type: 'revoke', revoke: {
    original_message_id: wamid } }, { from }));
  assert.ok(await waitMessage(admin, wamid, (x) => x.revoked_at !== null));
});

test('a number change moves the contact to the new wa_id', async () => {
  const from = '15550002003';
  await send(customerMessage({ type: 'text', text: { body: 'hi' } },
    { from }));
  const body = customerMessage({ type: 'system', system: {
    body: 'changed', wa_id: '15550002004', type: 'user_changed_number' } },
    { from });
  await send(body);
  const m = await waitMessage(admin, messagesOf(body)[0].id);
  assert.ok(m);
  const conv = await conversationOf(m);
  assert.equal(conv.contact.wa_id, '15550002004');
});

// --- identities ------------------------------------------------------------

test('a BSUID-only contact and a wa_id contact merge when one message names both', async () => {
  const bsuid = 'US.7700' + process.pid, wa = '15550003001';
  const a = customerMessage({ type: 'text', text: { body: 'by bsuid' } },
    { bsuid });
  const b = customerMessage({ type: 'text', text: { body: 'by phone' } },
    { from: wa });
  await send(a);
  await send(b);
  const ma = await waitMessage(admin, messagesOf(a)[0].id);
  const mb = await waitMessage(admin, messagesOf(b)[0].id);
  const ca = await conversationOf(ma), cb = await conversationOf(mb);
  assert.notEqual(ca.contact.id, cb.contact.id);
  assert.equal(ca.contact.bsuid, bsuid);
  assert.equal(ca.contact.wa_id, null);
  const both = customerMessage({ type: 'text', text: { body: 'both' } },
    { from: wa, bsuid });
  await send(both);
  const mc = await waitMessage(admin, messagesOf(both)[0].id);
  const cc = await conversationOf(mc);
  assert.equal(cc.contact.wa_id, wa);
  assert.equal(cc.contact.bsuid, bsuid);
  const keep = Math.min(ca.contact.id, cb.contact.id);
  assert.equal(cc.contact.id, keep);
  assert.equal((await conversationOf(ma)).contact.id, keep);
  assert.equal((await conversationOf(mb)).contact.id, keep);
});

// --- the window ----------------------------------------------------------

test('a customer message opens the 24-hour window; a referral the 72-hour one', async () => {
  const body = customerMessage({ type: 'text', text: { body: 'window' } },
    { from: '15550004001' });
  const ts = Number(messagesOf(body)[0].timestamp) * 1000;
  await send(body);
  const m = await waitMessage(admin, messagesOf(body)[0].id);
  const conv = await conversationOf(m);
  assert.equal(conv.window_expires_at, ts + 24 * 3600 * 1000);
  assert.equal(conv.free_entry_expires_at, null);
  const ad = customerMessage({ type: 'text', text: { body: 'from an ad' },
    referral: { source_id: 'AD1', source_type: 'ad', ctwa_clid: 'C1' } },
  { from: '15550004001' });
  await send(ad);
  const m2 = await waitMessage(admin, messagesOf(ad)[0].id);
  const conv2 = await conversationOf(m2);
  assert.equal(conv2.free_entry_expires_at,
    Number(messagesOf(ad)[0].timestamp) * 1000 + 72 * 3600 * 1000);
});

// --- statuses --------------------------------------------------------------

// An outbound message with a wamid: the echo of one the business sent
// from the WhatsApp Business app, stored as sent.
async function outbound(to) {
  const wamid = 'wamid.out' + tag();
  const body = retarget(fixtures.outgoing_message.text);
  const echo = body.entry[0].changes[0].value.message_echoes[0];
  Object.assign(echo, { id: wamid, to, to_user_id: undefined,
    timestamp: String(Math.floor(Date.now() / 1000)) });
  body.entry[0].changes[0].value.contacts = [{ profile: { name: 'Bo' },
    wa_id: to }];
  await send(body);
  const m = await waitMessage(admin, wamid);
  assert.ok(m, 'outbound stored');
  assert.equal(m.status, 'sent');
  return wamid;
}

test('statuses move a message forward: sent, delivered, read', async () => {
  const wamid = await outbound('15550005001');
  await send(statusBody(wamid, 'delivered', { pricing: { billable: true,
    pricing_model: 'PMP', category: 'service', type: 'free_customer_service'
  } }));
  let m = await waitMessage(admin, wamid, (x) => x.status === 'delivered');
  assert.ok(m);
  assert.ok(m.delivered_at);
  assert.equal(m.pricing_category, 'service');
  await send(statusBody(wamid, 'read'));
  m = await waitMessage(admin, wamid, (x) => x.status === 'read');
  assert.ok(m.read_at);
});

test('statuses out of order and duplicated never move backwards', async () => {
  const wamid = await outbound('15550005002');
  await send(statusBody(wamid, 'read'));
  await send(statusBody(wamid, 'delivered'));
  await send(statusBody(wamid, 'sent'));
  const last = await send(statusBody(wamid, 'read'));
  await entry(last);
  const m = await waitMessage(admin, wamid);
  assert.equal(m.status, 'read');
  assert.ok(m.delivered_at, 'read implies delivered');
});

test('a failed status records the error code and title', async () => {
  const wamid = await outbound('15550005003');
  await send(statusBody(wamid, 'failed', { errors: [{ code: 131047,
    title: 'Re-engagement message', message: 'Re-engagement message' }] }));
  const m = await waitMessage(admin, wamid, (x) => x.status === 'failed');
  assert.ok(m);
  assert.equal(m.error.code, 131047);
  assert.equal(m.error.title, 'Re-engagement message');
  assert.ok(m.failed_at);
  // Nothing replaces failed.
  const last = await send(statusBody(wamid, 'read'));
  await entry(last);
  assert.equal((await waitMessage(admin, wamid)).status, 'failed');
});

test('a status for a message we do not have is recorded on the entry', async () => {
  const id = await send(statusBody('wamid.nobody' + tag(), 'delivered'));
  const e = await entry(id);
  assert.equal(e.state, 'done');
  assert.equal(e.items[0].kind, 'status_unmatched');
  assert.equal(e.attributed, true);
});

// --- templates and preferences -------------------------------------------

test('template status, quality and category webhooks update templates', async () => {
  await send(retarget(fixtures.template_status_update.approved));
  const q = "SELECT status, quality, category, wa_template_id FROM templates " +
    "WHERE name = 'order_confirmation' AND language = 'en_US'";
  const row = await until(async () => sql(server, q)[0]);
  assert.deepEqual(row, ['APPROVED', 'UNKNOWN', 'UTILITY',
    '1689556908129832']);
  const quality = structuredClone(fixtures.template_quality_update.yellow);
  Object.assign(quality.entry[0].changes[0].value, {
    message_template_id: 1689556908129832 });
  await send(retarget(quality));
  assert.ok(await until(async () => sql(server, q)[0]?.[1] === 'YELLOW'));
  const cat = structuredClone(fixtures.template_category_update.marketing);
  Object.assign(cat.entry[0].changes[0].value, {
    message_template_id: 1689556908129832 });
  await send(retarget(cat));
  assert.ok(await until(async () => sql(server, q)[0]?.[2] === 'MARKETING'));
  const rejected = await send(retarget(
    fixtures.template_status_update.rejected));
  assert.equal((await entry(rejected)).state, 'done');
});

test('a template webhook for an unknown WABA fails with the reason', async () => {
  const body = structuredClone(fixtures.template_status_update.approved);
  const id = await send(body); // not retargeted: its WABA is not ours
  const e = await entry(id);
  assert.equal(e.state, 'failed');
  assert.match(e.error, /102290129340398/);
});

test('marketing stop and resume mark the contact', async () => {
  const wa = '15550006001';
  const first = customerMessage({ type: 'text', text: { body: 'hi' } },
    { from: wa });
  await send(first);
  const m = await waitMessage(admin, messagesOf(first)[0].id);
  const pref = (value) => {
    const b = retarget(fixtures.user_marketing_preferences.resume);
    Object.assign(b.entry[0].changes[0].value.user_preferences[0],
      { wa_id: wa, value });
    return b;
  };
  await send(pref('stop'));
  assert.ok(await until(async () =>
    (await conversationOf(m)).contact.marketing_opt_out === true));
  await send(pref('resume'));
  assert.ok(await until(async () =>
    (await conversationOf(m)).contact.marketing_opt_out === false));
});

// --- reading conversations ------------------------------------------------

test('conversations list by status with cursor paging, scoped and validated', async () => {
  for (let i = 0; i < 3; i++)
    await send(customerMessage({ type: 'text', text: { body: 'p' + i } },
      { from: '1555000700' + i }));
  const seen = new Set();
  let cursor = '', pages = 0;
  assert.ok(await until(async () => {
    const r = await admin.get('/api/v1/conversations?status=open');
    return r.json.data.filter((c) => c.contact.wa_id?.startsWith(
      '1555000700')).length === 3;
  }));
  for (;;) {
    const r = await admin.get('/api/v1/conversations?limit=2' +
      (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    assert.equal(r.status, 200);
    for (const c of r.json.data) {
      assert.ok(!seen.has(c.id), 'no conversation twice');
      seen.add(c.id);
      assert.equal(c.status, 'open');
      assert.ok(c.contact && 'last_message' in c);
    }
    pages++;
    if (!r.json.next_cursor) break;
    cursor = r.json.next_cursor;
  }
  assert.ok(pages >= 2);
  assert.equal((await admin.get('/api/v1/conversations?status=resolved'))
    .json.data.length, 0);
  assert.equal((await admin.get('/api/v1/conversations?status=nope')).status,
    400);
  assert.equal((await admin.get('/api/v1/conversations?cursor=x')).status,
    400);
  assert.equal((await admin.get('/api/v1/conversations/999999999')).status,
    404);
  assert.equal((await admin.get('/api/v1/conversations/999999999/messages'))
    .status, 404);
});

// --- with the simulator ----------------------------------------------------

test('a message sent by a simulated customer appears through the API', async () => {
  const r = await fetch(server.url + '/sim/customers/15550008001/messages', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'text', text: { body: 'Where is my order?' },
      profile_name: 'Sim Ann' }) });
  assert.equal(r.status, 200);
  const { wamid } = await r.json();
  const m = await waitMessage(admin, wamid);
  assert.ok(m, 'the simulated message arrived');
  assert.equal(m.text, 'Where is my order?');
  const conv = await conversationOf(m);
  assert.equal(conv.contact.wa_id, '15550008001');
  assert.equal(conv.contact.profile_name, 'Sim Ann');
  assert.ok(conv.window_expires_at > Date.now());
});
