// A status webhook can overtake the Graph API's answer: Meta reports
// "sent" before the dispatcher has stored the wamid of its send. The send
// carried our message id in biz_opaque_callback_data, so the status still
// finds its message instead of being parked as unmatched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn } from './server.mjs';
import { postWebhook, PHONE_ID, DISPLAY, WABA, until, sql } from
  './ingest_lib.mjs';
import { customerWrites } from './inbox_lib.mjs';

let server, admin;
before(async () => {
  server = await startServer();
  admin = await signedIn(server, 'admin@demo.test');
});
after(async () => { await server.stop(); });

function statusWebhook(wamid, status, tag, to) {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: WABA, changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: DISPLAY, phone_number_id: PHONE_ID },
      statuses: [{ id: wamid, status, recipient_id: to,
        timestamp: String(Math.floor(Date.now() / 1000)),
        biz_opaque_callback_data: tag }],
    } }] }],
  };
}

async function messageById(convId, id) {
  const thread = (await admin.get(
    `/api/v1/conversations/${convId}/messages?limit=200`)).json.data;
  return thread.find((m) => m.id === id);
}

test('a status that arrives before the wamid is stored still applies',
  async () => {
    const wa = '15550006601';
    const conv = await customerWrites(server, admin, wa, 'hello there');
    // A long undo window keeps the reply queued; then put it where the
    // dispatcher leaves a send whose Graph answer has not come back yet:
    // "sending", no wamid. (A slow simulator cannot stage this reliably:
    // its delay holds one of the server's own HTTP threads.)
    assert.equal((await admin.patch('/api/v1/account',
      { undo_send_ms: 30000 })).status, 200);
    const sent = await admin.post(`/api/v1/conversations/${conv.id}/messages`,
      { type: 'text', text: { body: 'on its way' } });
    assert.equal(sent.status, 201, sent.text);
    const id = sent.json.id;
    sql(server, `UPDATE messages SET status = 'sending' WHERE id = ${id} ` +
      "AND status = 'queued'");
    assert.equal((await messageById(conv.id, id)).status, 'sending');

    const wamid = 'wamid.overtaking.' + id;
    const r = await postWebhook(server,
      statusWebhook(wamid, 'sent', `parley:${id}`, wa));
    assert.equal(r.status, 200, r.text);
    assert.ok(await until(async () => {
      const m = await messageById(conv.id, id);
      return m.wamid === wamid && m.status === 'sent';
    }), 'the status found its message');
  });

test('a tag naming a message that is not in flight adopts nothing',
  async () => {
    const wa = '15550006602';
    const conv = await customerWrites(server, admin, wa, 'hi again');
    const thread = (await admin.get(
      `/api/v1/conversations/${conv.id}/messages?limit=200`)).json.data;
    const inbound = thread.find((m) => m.direction === 'in');
    const r = await postWebhook(server, statusWebhook('wamid.stray.1', 'read',
      `parley:${inbound.id}`, wa));
    assert.equal(r.status, 200);
    await new Promise((res) => setTimeout(res, 500));
    const m = await messageById(conv.id, inbound.id);
    assert.notEqual(m.wamid, 'wamid.stray.1');
    assert.equal(m.status, 'received');
  });
