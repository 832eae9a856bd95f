// The inbox backend: conversation actions and the filtered list, labels,
// canned replies, custom attributes, search, settings and presence, with
// roles, account isolation and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn, admin as cli } from './server.mjs';
import { customerWrites, openStream } from './inbox_lib.mjs';

let server, admin, supervisor, agent, agent2, other, ids;
before(async () => {
  server = await startServer();
  admin = await signedIn(server, 'admin@demo.test');
  supervisor = await signedIn(server, 'supervisor@demo.test');
  agent = await signedIn(server, 'agent1@demo.test');
  agent2 = await signedIn(server, 'agent2@demo.test');
  const account = cli(server, ['create-account', 'Other Shop']);
  cli(server, ['add-user', '--account', account, '--email',
    'boss@other.test', '--name', 'Other Boss', '--role', 'administrator'],
  'other-password\n');
  other = new Client(server.url);
  assert.equal((await other.login('boss@other.test', 'other-password'))
    .status, 200);
  const users = (await admin.get('/api/v1/users')).json.data;
  ids = {
    agent: users.find((u) => u.email === 'agent1@demo.test').id,
    agent2: users.find((u) => u.email === 'agent2@demo.test').id,
    otherBoss: (await other.get('/api/v1/me')).json.user.id,
  };
  ids.c1 = (await customerWrites(server, agent, '821000000001',
    'Where is my order 4411?', 'Minji Park')).id;
  ids.c2 = (await customerWrites(server, agent, '821000000002',
    '환불 받을 수 있나요?', 'Jisoo Lee')).id;
  ids.c3 = (await customerWrites(server, agent, '821000000003',
    'I want a refund for the blue shirt', 'Tom Baker')).id;
});
after(async () => { await server.stop(); });

test('PATCH changes status, priority and assignee, with activity lines',
  async () => {
    const s = await openStream(server, agent2);
    const r = await agent.patch(`/api/v1/conversations/${ids.c1}`,
      { status: 'pending', priority: 3, assignee_id: ids.agent });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'pending');
    assert.equal(r.json.priority, 3);
    assert.equal(r.json.assignee_id, ids.agent);
    assert.deepEqual(r.json.labels, []);
    const ev = await s.waitFor((e) => e.event === 'conversation.updated' &&
      e.data.id === ids.c1 && e.data.priority === 3);
    assert.ok(ev, 'conversation.updated reached another agent');
    s.close();
    // The demo's automation may add lines of its own: count the agent's.
    const mine = (m) => m.type === 'activity' && m.sender.id === ids.agent &&
      ['status', 'priority', 'assignee'].includes(m.content.action);
    const msgs = (await agent.get(`/api/v1/conversations/${ids.c1}/messages`))
      .json.data.filter(mine);
    const actions = msgs.map((m) => m.content.action).sort();
    assert.deepEqual(actions, ['assignee', 'priority', 'status']);
    const st = msgs.find((m) => m.content.action === 'status');
    assert.deepEqual([st.content.from, st.content.to], ['open', 'pending']);
    assert.equal(st.private, true);
    assert.equal(st.sender.type, 'user');
    // The same values again change nothing and add no line.
    await agent.patch(`/api/v1/conversations/${ids.c1}`,
      { status: 'pending', priority: 3 });
    const again = (await agent.get(
      `/api/v1/conversations/${ids.c1}/messages`)).json.data.filter(mine);
    assert.equal(again.length, 3);
  });

test('resolving sets resolved_at and reopening clears it', async () => {
  const r = await agent.patch(`/api/v1/conversations/${ids.c3}`,
    { status: 'resolved' });
  assert.equal(r.json.status, 'resolved');
  assert.ok(r.json.resolved_at > 0);
  const o = await agent.patch(`/api/v1/conversations/${ids.c3}`,
    { status: 'open' });
  assert.equal(o.json.resolved_at, null);
});

test('assignee must be an enabled user of the account; null unassigns',
  async () => {
    const bad = await agent.patch(`/api/v1/conversations/${ids.c1}`,
      { assignee_id: ids.otherBoss });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.error.code, 'invalid_field');
    const un = await agent.patch(`/api/v1/conversations/${ids.c1}`,
      { assignee_id: null });
    assert.equal(un.json.assignee_id, null);
    const toOther = await agent.patch(`/api/v1/conversations/${ids.c1}`,
      { assignee_id: ids.agent2 });
    assert.equal(toOther.status, 200, 'agents may hand over to colleagues');
  });

test('bad PATCH input gets clear errors', async () => {
  const cases = [
    [{ priority: 5 }, 422], [{ priority: 'high' }, 422],
    [{ status: 'closed' }, 422], [{ assignee_id: -1 }, 422],
    [{ colour: 'red' }, 422], [{ status: 'snoozed' }, 422],
    [{ snoozed_until: Date.now() - 1000 }, 422],
    [{ attributes: { nope: 1 } }, 422],
  ];
  for (const [body, status] of cases) {
    const r = await agent.patch(`/api/v1/conversations/${ids.c2}`, body);
    assert.equal(r.status, status, JSON.stringify(body) + ' ' + r.text);
    assert.ok(r.json.error.code);
  }
  assert.equal((await agent.patch('/api/v1/conversations/999999',
    { priority: 1 })).status, 404);
});

test('snoozed conversations wake when their time comes', async () => {
  const until = Date.now() + 1500;
  const r = await agent.patch(`/api/v1/conversations/${ids.c2}`,
    { snoozed_until: until });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'snoozed');
  assert.equal(r.json.snoozed_until, until);
  const end = Date.now() + 25000;
  let c;
  do {
    await new Promise((res) => setTimeout(res, 500));
    c = (await agent.get(`/api/v1/conversations/${ids.c2}`)).json;
  } while (c.status === 'snoozed' && Date.now() < end);
  assert.equal(c.status, 'open');
  assert.equal(c.snoozed_until, null);
});

test('labels: supervisors manage, agents apply, lists carry them',
  async () => {
    const forbidden = await agent.post('/api/v1/labels', { name: 'VIP' });
    assert.equal(forbidden.status, 403);
    const vip = await supervisor.post('/api/v1/labels',
      { name: 'VIP', color: '#d97706', description: 'big spenders' });
    assert.equal(vip.status, 201, vip.text);
    assert.equal((await supervisor.post('/api/v1/labels', { name: 'VIP' }))
      .status, 409);
    assert.equal((await supervisor.post('/api/v1/labels',
      { name: 'X', color: 'red' })).status, 422);
    const id = vip.json.id;
    const add = await agent.post(`/api/v1/conversations/${ids.c3}/labels/${id}`);
    assert.equal(add.status, 200);
    assert.deepEqual(add.json.labels, [{ id, name: 'VIP', color: '#d97706' }]);
    const list = await agent.get(`/api/v1/conversations?status=all&label=${id}`);
    assert.deepEqual(list.json.data.map((c) => c.id), [ids.c3]);
    assert.equal(list.json.data[0].labels[0].name, 'VIP');
    const renamed = await supervisor.patch(`/api/v1/labels/${id}`,
      { name: 'Gold' });
    assert.equal(renamed.json.name, 'Gold');
    const del = await agent.del(`/api/v1/conversations/${ids.c3}/labels/${id}`);
    assert.deepEqual(del.json.labels, []);
    assert.equal((await agent.post(
      `/api/v1/conversations/${ids.c3}/labels/999999`)).status, 404);
    assert.equal((await supervisor.del(`/api/v1/labels/${id}`)).status, 204);
    assert.equal((await supervisor.del(`/api/v1/labels/${id}`)).status, 404);
  });

test('bulk applies to many in one transaction, answering per id',
  async () => {
    const l = (await supervisor.post('/api/v1/labels', { name: 'Bulk' })).json;
    const r = await agent.post('/api/v1/conversations/bulk', {
      ids: [ids.c1, ids.c3, 999999], priority: 2, add_labels: [l.id] });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.results.map((x) => [x.id, x.ok]),
      [[ids.c1, true], [ids.c3, true], [999999, false]]);
    assert.equal(r.json.results[2].error.code, 'not_found');
    const list = await agent.get(
      `/api/v1/conversations?status=all&label=${l.id}&priority=2`);
    assert.deepEqual(list.json.data.map((c) => c.id).sort(),
      [ids.c1, ids.c3].sort());
    const tooMany = await agent.post('/api/v1/conversations/bulk',
      { ids: Array.from({ length: 501 }, (_, i) => i + 1), priority: 1 });
    assert.equal(tooMany.status, 422);
    const badLabel = await agent.post('/api/v1/conversations/bulk',
      { ids: [ids.c1], add_labels: [424242] });
    assert.equal(badLabel.status, 422);
    const none = await agent.post('/api/v1/conversations/bulk', { ids: [] });
    assert.equal(none.status, 422);
  });

test('the list filters by assignee, priority and search', async () => {
  await agent.patch(`/api/v1/conversations/${ids.c3}`,
    { assignee_id: ids.agent, priority: 4 });
  const mine = await agent.get('/api/v1/conversations?status=all&assignee=me');
  assert.ok(mine.json.data.every((c) => c.assignee_id === ids.agent));
  assert.ok(mine.json.data.some((c) => c.id === ids.c3));
  const un = await agent.get('/api/v1/conversations?status=all&assignee=unassigned');
  assert.ok(un.json.data.every((c) => c.assignee_id === null));
  const urgent = await agent.get('/api/v1/conversations?status=all&priority_min=4');
  assert.deepEqual(urgent.json.data.map((c) => c.id), [ids.c3]);
  const byText = await agent.get('/api/v1/conversations?status=all&q=blue%20shirt');
  assert.deepEqual(byText.json.data.map((c) => c.id), [ids.c3]);
  const byName = await agent.get('/api/v1/conversations?status=all&q=Minji');
  assert.deepEqual(byName.json.data.map((c) => c.id), [ids.c1]);
  const korean = await agent.get(
    '/api/v1/conversations?status=all&q=' + encodeURIComponent('환불'));
  assert.deepEqual(korean.json.data.map((c) => c.id), [ids.c2]);
  for (const q of ['sort=oldest', 'priority=9', 'assignee=x', 'cursor=zz',
    'status=closed', 'limit=0', 'label=-3']) {
    const r = await agent.get('/api/v1/conversations?' + q);
    assert.equal(r.status, 400, q);
  }
});

test('each sort pages with its own cursor and loses no row', async () => {
  for (const sort of ['last_activity', 'waiting', 'priority']) {
    const seen = [];
    let cursor = null;
    do {
      const r = await agent.get(`/api/v1/conversations?status=all&sort=${sort}` +
        `&limit=1${cursor ? '&cursor=' + cursor : ''}`);
      assert.equal(r.status, 200, `${sort} ${cursor}: ${r.text}`);
      seen.push(...r.json.data);
      cursor = r.json.next_cursor;
    } while (cursor);
    assert.equal(seen.length, 3, sort);
    assert.equal(new Set(seen.map((c) => c.id)).size, 3, sort);
    if (sort === 'priority') {
      const p = seen.map((c) => c.priority);
      assert.deepEqual(p, [...p].sort((a, b) => b - a));
    }
  }
  const a = await agent.get('/api/v1/conversations?status=all&limit=1');
  const wrong = await agent.get('/api/v1/conversations?status=all&sort=waiting' +
    '&cursor=' + a.json.next_cursor);
  assert.equal(wrong.status, 400, 'a cursor of another sort is refused');
});

test('counts give mine, unassigned and all open', async () => {
  const r = await agent.get('/api/v1/conversations/counts');
  assert.equal(r.status, 200);
  const open = (await agent.get('/api/v1/conversations?status=open')).json.data;
  assert.equal(r.json.all, open.length);
  assert.equal(r.json.mine,
    open.filter((c) => c.assignee_id === ids.agent).length);
  assert.equal(r.json.unassigned,
    open.filter((c) => c.assignee_id === null).length);
  assert.equal(typeof r.json.unread.all, 'number');
});

test('canned replies: unique shortcuts, supervisors manage, suggestions rank',
  async () => {
    assert.equal((await agent.post('/api/v1/canned-replies',
      { shortcut: 'x', body: 'y' })).status, 403);
    const track = await supervisor.post('/api/v1/canned-replies', {
      shortcut: 'track', title: 'Where is my order',
      body: 'Your order is on its way; here is the tracking link.',
      intent: 'track_order' });
    assert.equal(track.status, 201, track.text);
    const refund = await supervisor.post('/api/v1/canned-replies', {
      shortcut: 'refund', title: 'Refunds',
      body: 'Refunds reach your card within five working days.' });
    assert.equal(refund.status, 201);
    assert.equal((await supervisor.post('/api/v1/canned-replies',
      { shortcut: 'refund', body: 'again' })).status, 409);
    assert.equal((await supervisor.post('/api/v1/canned-replies',
      { shortcut: 'Bad Shortcut', body: 'x' })).status, 422);
    const bySlash = await agent.get('/api/v1/canned-replies/suggest?q=%2Fref');
    assert.equal(bySlash.json.data[0].shortcut, 'refund');
    // The demo seeds replies of its own ("order" among them): what counts
    // is that the order question puts the order replies above refunds.
    const byCustomer = (await agent.get(
      `/api/v1/canned-replies/suggest?conversation_id=${ids.c1}&limit=20`))
      .json.data.map((r) => r.shortcut);
    assert.ok(byCustomer.includes('track'), byCustomer.join());
    assert.ok(!byCustomer.includes('refund') ||
      byCustomer.indexOf('track') < byCustomer.indexOf('refund'));
    const byTyping = await agent.get(
      '/api/v1/canned-replies/suggest?q=refund%20my%20card');
    assert.equal(byTyping.json.data[0].shortcut, 'refund');
    assert.equal((await agent.get(
      '/api/v1/canned-replies/suggest?conversation_id=999999')).status, 404);
    const upd = await supervisor.patch(
      `/api/v1/canned-replies/${refund.json.id}`, { title: 'Refund policy' });
    assert.equal(upd.json.title, 'Refund policy');
    const all = (await agent.get('/api/v1/canned-replies')).json.data;
    assert.ok(['refund', 'track'].every((s) =>
      all.some((r) => r.shortcut === s)));
  });

test('custom attributes are defined by supervisors and checked on PATCH',
  async () => {
    const def = await supervisor.post('/api/v1/attributes', {
      applies_to: 'conversation', key: 'order_channel', label: 'Channel',
      type: 'list', options: ['web', 'store'] });
    assert.equal(def.status, 201, def.text);
    assert.equal((await supervisor.post('/api/v1/attributes', {
      applies_to: 'conversation', key: 'order_channel', label: 'Again',
      type: 'text' })).status, 409);
    assert.equal((await supervisor.post('/api/v1/attributes', {
      applies_to: 'contact', key: 'Bad Key', label: 'x', type: 'text' }))
      .status, 422);
    assert.equal((await supervisor.post('/api/v1/attributes', {
      applies_to: 'contact', key: 'k', label: 'x', type: 'colour' }))
      .status, 422);
    assert.equal((await agent.post('/api/v1/attributes', {
      applies_to: 'contact', key: 'k', label: 'x', type: 'text' }))
      .status, 403);
    const bad = await agent.patch(`/api/v1/conversations/${ids.c1}`,
      { attributes: { order_channel: 'fax' } });
    assert.equal(bad.status, 422);
    const ok = await agent.patch(`/api/v1/conversations/${ids.c1}`,
      { attributes: { order_channel: 'web' } });
    assert.equal(ok.status, 200, ok.text);
    const line = (await agent.get(`/api/v1/conversations/${ids.c1}/messages`))
      .json.data.find((m) => m.type === 'activity' &&
        m.content.action === 'attributes');
    assert.ok(line, 'an attributes activity line');
    assert.deepEqual(line.content.to, { order_channel: 'web' });
    const list = await agent.get('/api/v1/attributes?applies_to=conversation');
    assert.deepEqual(list.json.data.map((d) => d.key), ['order_channel']);
  });

test('search finds contacts and message text, Korean included', async () => {
  const r = await agent.get('/api/v1/search?q=refund');
  assert.equal(r.status, 200);
  assert.ok(r.json.messages.some((m) => m.conversation_id === ids.c3));
  const byName = await agent.get('/api/v1/search?q=Jisoo');
  assert.deepEqual(byName.json.contacts.map((c) => c.name), ['Jisoo Lee']);
  const ko = await agent.get('/api/v1/search?q=' + encodeURIComponent('환불'));
  assert.ok(ko.json.messages.some((m) => m.conversation_id === ids.c2));
  const short = await agent.get('/api/v1/search?q=44');
  assert.ok(short.json.messages.some((m) => m.conversation_id === ids.c1));
  assert.equal((await agent.get('/api/v1/search')).status, 400);
  const quotes = await agent.get('/api/v1/search?q=' +
    encodeURIComponent('"%_\\ AND OR NEAR('));
  assert.equal(quotes.status, 200, 'operators and quotes are plain text');
  const none = await other.get('/api/v1/search?q=refund');
  assert.deepEqual([none.json.contacts, none.json.messages], [[], []]);
});

test('account settings are for administrators, within bounds', async () => {
  assert.equal((await supervisor.patch('/api/v1/account',
    { undo_send_ms: 1000 })).status, 403);
  const r = await admin.patch('/api/v1/account',
    { name: 'Demo Shop KR', timezone: 'Asia/Seoul', undo_send_ms: 10000 });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.json.name, r.json.timezone, r.json.undo_send_ms],
    ['Demo Shop KR', 'Asia/Seoul', 10000]);
  for (const body of [{ undo_send_ms: 30001 }, { undo_send_ms: -1 },
    { timezone: 'Mars/Base' }, { timezone: '../../etc/passwd' },
    { name: '' }, { plan: 'pro' }]) {
    assert.equal((await admin.patch('/api/v1/account', body)).status, 422,
      JSON.stringify(body));
  }
});

test('keyboard shortcuts are per user and name the account\'s replies',
  async () => {
    const replies = (await agent.get('/api/v1/canned-replies')).json.data;
    const put = await agent.put('/api/v1/me/shortcuts', { body: {
      shortcuts: [{ keys: 'Ctrl+B', canned_reply_id: replies[0].id },
        { keys: 'Alt+Shift+2', canned_reply_id: replies[1].id }] } });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.json.data.length, 2);
    assert.deepEqual((await agent2.get('/api/v1/me/shortcuts')).json.data, []);
    for (const shortcuts of [[{ keys: 'B', canned_reply_id: replies[0].id }],
      [{ keys: 'Ctrl+B', canned_reply_id: 999999 }],
      [{ keys: 'Ctrl+B', canned_reply_id: replies[0].id },
        { keys: 'Ctrl+B', canned_reply_id: replies[1].id }]]) {
      const r = await agent.put('/api/v1/me/shortcuts', { body: { shortcuts } });
      assert.equal(r.status, 422, JSON.stringify(shortcuts));
    }
    assert.equal((await agent.get('/api/v1/me/shortcuts')).json.data.length, 2,
      'a refused PUT changes nothing');
  });

test('viewing and typing reach the account live, without stored ids',
  async () => {
    const s = await openStream(server, agent2);
    const so = await openStream(server, other);
    const v = await agent.post(`/api/v1/conversations/${ids.c1}/viewing`);
    assert.equal(v.status, 200, v.text);
    const ev = await s.waitFor((e) => e.event === 'viewing');
    assert.ok(ev);
    assert.equal(ev.id, undefined, 'ephemeral events carry no id');
    assert.deepEqual([ev.data.conversation_id, ev.data.user_id, ev.data.name],
      [ids.c1, ids.agent, 'Alex Agent']);
    assert.ok(ev.data.until > Date.now());
    const again = await agent.post(`/api/v1/conversations/${ids.c1}/viewing`);
    assert.equal(again.status, 429, 'rate-limited per user');
    const t = await agent.post(
      `/api/v1/conversations/${ids.c1}/presence/typing`);
    assert.equal(t.status, 200);
    assert.ok(await s.waitFor((e) => e.event === 'typing'));
    await new Promise((res) => setTimeout(res, 300));
    assert.equal(so.events.filter((e) => e.event === 'viewing' ||
      e.event === 'typing').length, 0, 'other accounts see nothing');
    const p = await agent2.get('/api/v1/presence');
    s.close();
    so.close();
    const me = p.json.data.find((u) => u.user_id === ids.agent);
    assert.ok(me, 'the announcing agent is online');
    assert.equal(me.viewing, ids.c1);
    assert.equal(me.streaming, false);
    const listening = p.json.data.find((u) => u.user_id === ids.agent2);
    assert.equal(listening.streaming, true, 'an open stream counts');
    assert.ok(p.json.data.every((u) => u.user_id !== ids.otherBoss));
    assert.equal((await agent.post('/api/v1/conversations/999999/viewing'))
      .status, 404);
  });

test('another account gets 404 for every id of this one', async () => {
  const label = (await supervisor.post('/api/v1/labels', { name: 'Mine' }))
    .json.id;
  const canned = (await agent.get('/api/v1/canned-replies')).json.data[0].id;
  const attr = (await agent.get('/api/v1/attributes')).json.data[0].id;
  const attempts = [
    ['PATCH', `/api/v1/conversations/${ids.c1}`, { priority: 1 }],
    ['POST', `/api/v1/conversations/${ids.c1}/labels/${label}`],
    ['DELETE', `/api/v1/conversations/${ids.c1}/labels/${label}`],
    ['POST', `/api/v1/conversations/${ids.c1}/viewing`],
    ['PATCH', `/api/v1/labels/${label}`, { name: 'Hijacked' }],
    ['DELETE', `/api/v1/labels/${label}`],
    ['PATCH', `/api/v1/canned-replies/${canned}`, { title: 'Hijacked' }],
    ['DELETE', `/api/v1/canned-replies/${canned}`],
    ['PATCH', `/api/v1/attributes/${attr}`, { label: 'Hijacked' }],
    ['DELETE', `/api/v1/attributes/${attr}`],
    ['GET', `/api/v1/canned-replies/suggest?conversation_id=${ids.c1}`],
  ];
  for (const [method, path, body] of attempts) {
    const r = await other.request(method, path, { body });
    assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
  }
  const bulk = await other.post('/api/v1/conversations/bulk',
    { ids: [ids.c1], priority: 0 });
  assert.equal(bulk.json.results[0].ok, false);
  assert.deepEqual((await other.get('/api/v1/conversations?status=all'))
    .json.data, []);
  assert.deepEqual((await other.get('/api/v1/labels')).json.data, []);
  assert.deepEqual((await other.get('/api/v1/canned-replies')).json.data, []);
  const c = (await agent.get(`/api/v1/conversations/${ids.c1}`)).json;
  assert.notEqual(c.priority, 0);
});
