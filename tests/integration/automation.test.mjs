// Automation through the real server and the in-process simulator: the
// rules API and tester, and the demo's rules end to end: order status in
// Korean and English answered automatically, and "talk to a person"
// handed to the Support team's least-loaded online agent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn } from './server.mjs';

let server, supervisor, agent1, agent2;
before(async () => {
  server = await startServer();
  supervisor = await signedIn(server, 'supervisor@demo.test');
  agent1 = await signedIn(server, 'agent1@demo.test');
  agent2 = await signedIn(server, 'agent2@demo.test');
});
after(async () => { await server.stop(); });

async function sim(method, path, body) {
  const res = await fetch(server.url + path, {
    method, headers: { 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function says(waId, text) {
  const r = await sim('POST', `/sim/customers/${waId}/messages`,
    { type: 'text', text: { body: text } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
}

// Wait until the customer has received a message containing needle.
async function receives(waId, needle) {
  const end = Date.now() + 15000;
  for (;;) {
    const r = await sim('GET', `/sim/customers/${waId}/received`);
    const all = JSON.stringify(r.json?.messages ?? []);
    if (all.includes(needle)) return;
    if (Date.now() > end) throw new Error(`${waId} never got "${needle}"`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function conversationOf(waId, ok) {
  const end = Date.now() + 15000;
  for (;;) {
    const l = await agent1.get('/api/v1/conversations?status=all&limit=200');
    const c = l.json.data.find((x) => x.contact.wa_id === waId);
    if (c && ok(c)) return c;
    if (Date.now() > end) throw new Error('conversation never ready');
    await new Promise((res) => setTimeout(res, 100));
  }
}

test('the demo seeds rules, and agents may not read them', async () => {
  const r = await supervisor.get('/api/v1/rules');
  assert.equal(r.status, 200);
  assert.ok(r.json.data.length >= 10);
  assert.ok(r.json.data.some((x) => x.name === 'Talk to a person'));
  assert.equal((await agent1.get('/api/v1/rules')).status, 403);
});

test('a bad rule is refused with the reason', async () => {
  const r = await supervisor.post('/api/v1/rules', { name: 'x',
    event: 'message.received', actions: [{ type: 'set_priority',
      priority: 9 }] });
  assert.equal(r.status, 422);
  assert.equal(r.json.error.message, 'actions[0]: priority is 0..4');
  const typo = await supervisor.post('/api/v1/rules', { name: 'x',
    event: 'message.received', actons: [] });
  assert.equal(typo.status, 422);
});

test('rules are created, changed, reordered and deleted', async () => {
  const c = await supervisor.post('/api/v1/rules', { name: 'VIP',
    event: 'message.received', position: 99,
    conditions: { field: 'text', op: 'contains', value: 'vip' },
    actions: [{ type: 'add_label', label: 'vip' }] });
  assert.equal(c.status, 201);
  const p = await supervisor.patch(`/api/v1/rules/${c.json.id}`,
    { enabled: false });
  assert.equal(p.status, 200);
  assert.equal(p.json.enabled, false);
  assert.equal(p.json.name, 'VIP');
  const o = await supervisor.post('/api/v1/rules/reorder',
    { ids: [c.json.id] });
  assert.equal(o.status, 200);
  assert.equal(o.json.data.find((x) => x.id === c.json.id).position, 0);
  assert.equal((await supervisor.del(`/api/v1/rules/${c.json.id}`)).status,
    204);
  assert.equal((await supervisor.get(`/api/v1/rules/${c.json.id}`)).status,
    404);
});

test('the tester shows what the stored rules would do', async () => {
  const r = await supervisor.post('/api/v1/rules/test', {
    message: { text: 'It is A-7777' },
    facts: { flow_step: 'await_order', business_hours: true } });
  assert.equal(r.status, 200);
  const reply = r.json.actions.find((a) => a.action.type === 'reply');
  assert.equal(reply.rule, 'Order lookup (English)');
  assert.match(reply.action.text, /track\.example\.com\/A-7777/);
  assert.ok(r.json.rules.some((x) => x.matched === false));
});

test('order status in Korean gets the Korean answer and link', async () => {
  const wa = '821055550001';
  await says(wa, '주문 조회 부탁드립니다');
  await receives(wa, '주문 번호를 보내주세요');
  await says(wa, 'A-2024 입니다');
  await receives(wa, 'track.example.com/A-2024');
  const teams = (await agent1.get('/api/v1/teams')).json.data;
  const korean = teams.find((t) => t.name === 'Korean Desk').id;
  await conversationOf(wa, (c) => c.team_id === korean);
});

test('order status in English gets the English answer and link', async () => {
  const wa = '15555550002';
  await says(wa, 'where is my order?');
  await receives(wa, 'Please send your order number');
  await says(wa, 'It is B-31337');
  await receives(wa, 'track.example.com/B-31337');
});

test('talk to a person goes to Support, least-loaded online agent',
  async () => {
    const teams = (await agent1.get('/api/v1/teams')).json.data;
    const support = teams.find((t) => t.name === 'Support').id;
    await says('15555550003', 'I want to talk to a person');
    await receives('15555550003', 'Connecting you');
    const first = await conversationOf('15555550003',
      (c) => c.assignee_id !== null && c.assignee_id !== undefined);
    assert.equal(first.team_id, support);
    // The first agent now has one more open conversation than the other:
    // the next customer goes to the other one.
    await says('15555550004', 'agent please');
    const second = await conversationOf('15555550004',
      (c) => c.assignee_id !== null && c.assignee_id !== undefined);
    assert.equal(second.team_id, support);
    assert.notEqual(second.assignee_id, first.assignee_id);
    const ids = [];
    for (const c of [agent1, agent2])
      ids.push((await c.get('/api/v1/me')).json.user.id);
    assert.deepEqual([first.assignee_id, second.assignee_id].sort(),
      ids.sort());
    const state = await agent1.get(
      `/api/v1/conversations/${second.id}/automation`);
    assert.equal(state.status, 200);
    assert.ok(state.json.actions.some((a) => a.rule === 'Talk to a person'));
  });
