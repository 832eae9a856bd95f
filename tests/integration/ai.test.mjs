// The local AI over HTTP: a customer message arrives annotated with an
// intent; an agent corrects it (the message changes, message.updated is
// published, the correction is kept as an example); supervisors manage the
// account's own intents and their examples; other accounts see nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn, admin as cli } from './server.mjs';
import { customerWrites, openStream } from './inbox_lib.mjs';

let server, supervisor, agent, other;
before(async () => {
  server = await startServer();
  supervisor = await signedIn(server, 'supervisor@demo.test');
  agent = await signedIn(server, 'agent1@demo.test');
  const account = cli(server, ['create-account', 'Other Shop']);
  cli(server, ['add-user', '--account', account, '--email',
    'boss@other.test', '--name', 'Other Boss', '--role', 'administrator'],
  'other-password\n');
  other = new Client(server.url);
  assert.equal((await other.login('boss@other.test', 'other-password'))
    .status, 200);
});
after(async () => { await server.stop(); });

// The customer's message with this text, once ingest has stored it.
async function customerMessage(waId, text) {
  const conv = await customerWrites(server, supervisor, waId, text);
  const thread = (await supervisor.get(
    `/api/v1/conversations/${conv.id}/messages?limit=200`)).json.data;
  return { conv, msg: thread.find((m) => m.text === text) };
}

test('incoming messages carry an intent, and an agent corrects it',
  async () => {
    const text = 'where is my order?? it has been a week';
    const { conv, msg } = await customerMessage('15550009101', text);
    assert.equal(msg.ai.intent, 'track_order', JSON.stringify(msg.ai));

    const stream = await openStream(server, supervisor);
    try {
      const r = await agent.post(`/api/v1/messages/${msg.id}/intent`,
        { intent: 'complaint' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.id, msg.id);
      assert.equal(r.json.ai.intent, 'complaint');
      assert.equal(r.json.ai.confidence, 1);
      const ev = await stream.waitFor((e) => e.event === 'message.updated' &&
        e.data.id === msg.id && e.data.ai?.intent === 'complaint');
      assert.ok(ev);
    } finally { stream.close(); }

    const thread = (await agent.get(
      `/api/v1/conversations/${conv.id}/messages?limit=200`)).json.data;
    assert.equal(thread.find((m) => m.id === msg.id).ai.intent, 'complaint');

    const ex = await supervisor.get('/api/v1/ai/intents/complaint/examples');
    assert.equal(ex.status, 200, ex.text);
    const kept = ex.json.data.find((e) => e.text === text);
    assert.ok(kept, JSON.stringify(ex.json));
    assert.equal(kept.source, 'correction');
    assert.equal(typeof kept.created_by, 'number');
  });

test('corrections refuse unknown intents, bad bodies and missing messages',
  async () => {
    const { msg } = await customerMessage('15550009102', 'can i pay cash?');
    const bad = [
      [{ intent: 'no_such_intent' }, 422],
      [{ intent: 'Track Order' }, 422],
      [{ intent: 7 }, 422],
      [{}, 422],
      [{ intent: 'track_order', extra: 1 }, 422],
    ];
    for (const [body, status] of bad) {
      const r = await agent.post(`/api/v1/messages/${msg.id}/intent`, body);
      assert.equal(r.status, status, JSON.stringify(body) + ' ' + r.text);
    }
    const missing = await agent.post('/api/v1/messages/999999999/intent',
      { intent: 'track_order' });
    assert.equal(missing.status, 404);
    // Nothing changed after the refusals.
    const ex = await supervisor.get(
      '/api/v1/ai/intents/check_payment_methods/examples');
    assert.ok(!ex.json.data.some((e) => e.text === 'can i pay cash?'));
  });

test('another account can neither correct nor see the message', async () => {
  const text = 'i want a refund for the broken lamp';
  const { msg } = await customerMessage('15550009103', text);
  const r = await other.post(`/api/v1/messages/${msg.id}/intent`,
    { intent: 'get_refund' });
  assert.equal(r.status, 404, r.text);
  const ex = await other.get('/api/v1/ai/intents/get_refund/examples');
  assert.equal(ex.status, 200);
  assert.equal(ex.json.data.length, 0);
});

test('supervisors manage custom intents and examples; agents may only list',
  async () => {
    const list = await agent.get('/api/v1/ai/intents');
    assert.equal(list.status, 200);
    const defaults = list.json.data.filter((i) => !i.custom);
    assert.ok(defaults.some((i) => i.name === 'track_order' && i.id === null));

    assert.equal((await agent.post('/api/v1/ai/intents',
      { name: 'loyalty_card' })).status, 403);
    const made = await supervisor.post('/api/v1/ai/intents',
      { name: 'loyalty_card', description: 'points and member cards' });
    assert.equal(made.status, 201, made.text);
    assert.equal(made.json.custom, true);
    assert.equal(typeof made.json.id, 'number');
    assert.equal((await supervisor.post('/api/v1/ai/intents',
      { name: 'loyalty_card' })).status, 409);
    assert.equal((await supervisor.post('/api/v1/ai/intents',
      { name: 'track_order' })).status, 409);
    assert.equal((await supervisor.post('/api/v1/ai/intents',
      { name: 'Bad Name!' })).status, 422);

    const ex = await supervisor.post(
      '/api/v1/ai/intents/loyalty_card/examples',
      { text: 'how many points are on my member card' });
    assert.equal(ex.status, 201, ex.text);
    assert.equal(ex.json.source, 'custom');
    assert.equal((await supervisor.post(
      '/api/v1/ai/intents/no_such_intent/examples', { text: 'hello' }))
      .status, 422);
    assert.equal((await supervisor.post(
      '/api/v1/ai/intents/loyalty_card/examples', { text: '  !!  ' }))
      .status, 422);

    // An agent may now correct a message to the custom intent.
    const { msg } = await customerMessage('15550009104',
      'do i still have points on my card');
    const fix = await agent.post(`/api/v1/messages/${msg.id}/intent`,
      { intent: 'loyalty_card' });
    assert.equal(fix.status, 200, fix.text);

    const all = (await supervisor.get(
      '/api/v1/ai/intents/loyalty_card/examples')).json.data;
    assert.deepEqual(all.map((e) => e.source).sort(),
      ['correction', 'custom']);

    // The other account sees none of it.
    const theirs = (await other.get('/api/v1/ai/intents')).json.data;
    assert.ok(!theirs.some((i) => i.name === 'loyalty_card'));
    assert.equal((await other.del(`/api/v1/ai/examples/${ex.json.id}`))
      .status, 404);

    assert.equal((await supervisor.del(`/api/v1/ai/examples/${ex.json.id}`))
      .status, 204);
    assert.equal((await supervisor.del(`/api/v1/ai/examples/${ex.json.id}`))
      .status, 404);
    assert.equal((await supervisor.del('/api/v1/ai/intents/loyalty_card'))
      .status, 204);
    assert.equal((await supervisor.del('/api/v1/ai/intents/loyalty_card'))
      .status, 404);
    const after = (await supervisor.get('/api/v1/ai/intents')).json.data;
    assert.ok(!after.some((i) => i.name === 'loyalty_card'));
  });
