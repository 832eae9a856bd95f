// An account's own intents and its agents' corrections take part in
// classifying the next customer message, for that account only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn } from './server.mjs';
import { customerWrites } from './inbox_lib.mjs';

let server, supervisor, agent;
before(async () => {
  server = await startServer();
  supervisor = await signedIn(server, 'supervisor@demo.test');
  agent = await signedIn(server, 'agent1@demo.test');
});
after(async () => { await server.stop(); });

async function intentOf(waId, text) {
  const conv = await customerWrites(server, agent, waId, text);
  const thread = (await agent.get(
    `/api/v1/conversations/${conv.id}/messages?limit=200`)).json.data;
  const msg = thread.find((m) => m.text === text);
  return { msg, intent: msg && msg.ai && msg.ai.intent };
}

test('a custom intent with examples classifies the next message', async () => {
  const made = await supervisor.post('/api/v1/ai/intents',
    { name: 'warranty_claim', description: 'Repairs under warranty' });
  assert.equal(made.status, 201, made.text);
  for (const text of ['my blender broke, is it under warranty',
    'warranty repair for my kettle please',
    'the toaster stopped working, warranty still valid?']) {
    const r = await supervisor.post('/api/v1/ai/intents/warranty_claim/examples',
      { text });
    assert.equal(r.status, 201, r.text);
  }
  const { intent } = await intentOf('15550008801',
    'my blender broke is it under warranty');
  assert.equal(intent, 'warranty_claim');
});

test('a correction is used for the same words next time', async () => {
  const text = 'the parcel came crushed and wet';
  const first = await intentOf('15550008802', text);
  assert.ok(first.msg, 'message stored');
  // Correct it to an intent the default model did not choose, so only
  // the correction can explain the next answer.
  const target = first.intent === 'get_refund' ? 'complaint' : 'get_refund';
  const fixed = await agent.post(`/api/v1/messages/${first.msg.id}/intent`,
    { intent: target });
  assert.equal(fixed.status, 200, fixed.text);
  const again = await intentOf('15550008803', text);
  assert.equal(again.intent, target);
});
