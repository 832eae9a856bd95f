// The CRM side of the inbox: contacts list, search and filters, editing
// with custom attributes, notes, labels, merging, and CSV export/import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn, admin as cli } from './server.mjs';
import { customerWrites } from './inbox_lib.mjs';

let server, admin, supervisor, agent, agent2, other, ids = {};
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
  await other.login('boss@other.test', 'other-password');
  const a = await customerWrites(server, agent, '821055500001', 'Hi there',
    'Seoyeon Kim');
  const b = await customerWrites(server, agent, '821055500002', 'Hello',
    'Daniel Cho');
  ids.a = a.contact.id;
  ids.b = b.contact.id;
  ids.convB = b.id;
  const tier = await supervisor.post('/api/v1/attributes', {
    applies_to: 'contact', key: 'tier', label: 'Tier', type: 'list',
    options: ['gold', 'silver'] });
  assert.equal(tier.status, 201, tier.text);
  for (const [key, type] of [['vip', 'boolean'], ['birthday', 'date'],
    ['site', 'link'], ['orders', 'number']]) {
    const r = await supervisor.post('/api/v1/attributes',
      { applies_to: 'contact', key, label: key, type });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => { await server.stop(); });

test('PATCH edits a contact and checks attributes against definitions',
  async () => {
    const r = await agent.patch(`/api/v1/contacts/${ids.a}`, {
      name: 'Seoyeon K.', email: 'seoyeon@example.com', language: 'ko',
      attributes: { tier: 'gold', vip: true, birthday: '1990-02-28',
        site: 'https://example.com/s', orders: 12 } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.name, 'Seoyeon K.');
    assert.deepEqual(r.json.attributes, { birthday: '1990-02-28',
      orders: 12, site: 'https://example.com/s', tier: 'gold', vip: true });
    const cases = [
      { attributes: { tier: 'bronze' } }, { attributes: { vip: 'yes' } },
      { attributes: { birthday: '1990-02-30' } },
      { attributes: { site: 'javascript:alert(1)' } },
      { attributes: { orders: '12' } }, { attributes: { unknown: 1 } },
      { attributes: [] }, { email: 'not-an-address' }, { phone: '12ab' },
      { blocked: 'yes' }, { wa_id: '1' },
    ];
    for (const body of cases) {
      const bad = await agent.patch(`/api/v1/contacts/${ids.a}`, body);
      assert.equal(bad.status, 422, JSON.stringify(body) + bad.text);
    }
    const unset = await agent.patch(`/api/v1/contacts/${ids.a}`,
      { attributes: { orders: null } });
    assert.equal(unset.json.attributes.orders, undefined);
    assert.equal(unset.json.attributes.tier, 'gold', 'others kept');
  });

test('the list searches, filters by label and attribute, and pages',
  async () => {
    const byName = await agent.get('/api/v1/contacts?q=Daniel');
    assert.deepEqual(byName.json.data.map((c) => c.id), [ids.b]);
    const byPhone = await agent.get('/api/v1/contacts?q=55500001');
    assert.deepEqual(byPhone.json.data.map((c) => c.id), [ids.a]);
    const byAttr = await agent.get('/api/v1/contacts?attr.tier=gold');
    assert.deepEqual(byAttr.json.data.map((c) => c.id), [ids.a]);
    const byBool = await agent.get('/api/v1/contacts?attr.vip=true');
    assert.deepEqual(byBool.json.data.map((c) => c.id), [ids.a]);
    const label = (await supervisor.post('/api/v1/labels',
      { name: 'Wholesale' })).json.id;
    const add = await agent.post(`/api/v1/contacts/${ids.b}/labels/${label}`);
    assert.equal(add.status, 200);
    assert.deepEqual(add.json.labels.map((l) => l.name), ['Wholesale']);
    const byLabel = await agent.get(`/api/v1/contacts?label=${label}`);
    assert.deepEqual(byLabel.json.data.map((c) => c.id), [ids.b]);
    const page1 = await agent.get('/api/v1/contacts?limit=1');
    assert.equal(page1.json.data.length, 1);
    const page2 = await agent.get(
      `/api/v1/contacts?limit=1&cursor=${page1.json.next_cursor}`);
    assert.notEqual(page2.json.data[0].id, page1.json.data[0].id);
    assert.equal((await agent.get('/api/v1/contacts?label=x')).status, 400);
    const del = await agent.del(`/api/v1/contacts/${ids.b}/labels/${label}`);
    assert.deepEqual(del.json.labels, []);
  });

test('a contact\'s conversations', async () => {
  const r = await agent.get(`/api/v1/contacts/${ids.b}/conversations`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.data.map((c) => c.id), [ids.convB]);
});

test('notes: authors and supervisors change them, others may not',
  async () => {
    const n = await agent.post(`/api/v1/contacts/${ids.a}/notes`,
      { body: 'Prefers KakaoTalk follow-ups.' });
    assert.equal(n.status, 201, n.text);
    assert.equal(n.json.user_name, 'Alex Agent');
    const path = `/api/v1/contacts/${ids.a}/notes/${n.json.id}`;
    assert.equal((await agent2.patch(path, { body: 'mine now' })).status, 403);
    assert.equal((await agent2.del(path)).status, 403);
    const edit = await agent.patch(path, { body: 'Prefers e-mail.' });
    assert.equal(edit.json.body, 'Prefers e-mail.');
    const list = await agent2.get(`/api/v1/contacts/${ids.a}/notes`);
    assert.deepEqual(list.json.data.map((x) => x.body), ['Prefers e-mail.']);
    assert.equal((await agent.post(`/api/v1/contacts/${ids.a}/notes`,
      { body: '' })).status, 422);
    assert.equal((await agent.patch(
      `/api/v1/contacts/${ids.b}/notes/${n.json.id}`, { body: 'x' })).status,
    404, 'a note is reached through its own contact');
    assert.equal((await supervisor.del(path)).status, 204);
  });

test('CSV export quotes per RFC 4180 and guards formulas', async () => {
  await agent.patch(`/api/v1/contacts/${ids.b}`,
    { name: '=HYPERLINK("http://evil")', email: 'a,b@example.com' });
  assert.equal((await agent.get('/api/v1/contacts/export.csv')).status, 403);
  const r = await supervisor.get('/api/v1/contacts/export.csv');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  const lines = r.text.split('\r\n');
  assert.equal(lines[0], 'id,name,profile_name,phone,wa_id,email,language,' +
    'blocked,created_at,attr.birthday,attr.orders,attr.site,attr.tier,' +
    'attr.vip');
  const row = lines.find((l) => l.startsWith(`${ids.b},`));
  assert.ok(row.includes('"\'=HYPERLINK(""http://evil"")"'), row);
  assert.ok(row.includes('"a,b@example.com"'), row);
  assert.equal(lines.at(-1), '', 'every record ends with CRLF');
});

test('CSV import is all-or-nothing with per-row errors', async () => {
  const bad = 'name,phone,email,attr.tier\r\n' +
    'Ok Person,+821077700001,ok@example.com,gold\r\n' +
    'Bad Tier,+821077700002,,platinum\r\n' +
    'No Number,,x@example.com,\r\n' +
    '"Short, Row",+821077700003\r\n';
  const r = await supervisor.request('POST', '/api/v1/contacts/import',
    { raw: bad, headers: { 'Content-Type': 'text/csv' } });
  assert.equal(r.status, 422, r.text);
  assert.deepEqual(r.json.error.rows.map((e) => e.line), [3, 4, 5]);
  const none = await agent.get('/api/v1/contacts?q=Ok%20Person');
  assert.deepEqual(none.json.data, [], 'nothing was imported');

  const good = '\uFEFFname,phone,wa_id,email,attr.tier,attr.vip\r\n' +
    'Ok Person,+821077700001,,ok@example.com,gold,yes\r\n' +
    '"Kim, Minsu",,821055500001,minsu@example.com,silver,no\r\n' +
    '\r\n';
  const ok = await supervisor.request('POST', '/api/v1/contacts/import',
    { raw: good, headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.json, { rows: 2, created: 1, updated: 1 });
  const updated = (await agent.get(`/api/v1/contacts/${ids.a}`)).json;
  assert.equal(updated.name, 'Kim, Minsu', 'matched by wa_id');
  assert.equal(updated.attributes.tier, 'silver');
  assert.equal(updated.attributes.vip, false);
  assert.equal(updated.attributes.birthday, '1990-02-28', 'others kept');
  const created = (await agent.get('/api/v1/contacts?q=Ok%20Person')).json.data;
  assert.equal(created.length, 1);
  assert.equal(created[0].phone, '+821077700001');
  // Importing the same file again updates, creating nothing.
  const again = await supervisor.request('POST', '/api/v1/contacts/import',
    { raw: good, headers: { 'Content-Type': 'text/csv' } });
  assert.deepEqual(again.json, { rows: 2, created: 0, updated: 2 });
});

test('CSV import refuses what it cannot read', async () => {
  const post = (raw, type = 'text/csv', c = supervisor) =>
    c.request('POST', '/api/v1/contacts/import',
      { raw, headers: { 'Content-Type': type } });
  assert.equal((await post('name,phone\r\nA,+821011112222\r\n',
    'application/json')).status, 415);
  assert.equal((await post('name,phone\r\nA,+821011112222\r\n', 'text/csv',
    agent)).status, 403);
  const cases = ['', 'name,email\r\nA,a@b.c\r\n', 'name,colour\r\nA,red\r\n',
    'name,phone\r\n"unterminated,+821011112222\r\n',
    'name,phone\r\nA"B,+821011112222\r\n', 'phone,phone\r\n1,2\r\n'];
  for (const raw of cases) {
    const r = await post(raw);
    assert.equal(r.status, 422, JSON.stringify(raw) + r.text);
    assert.ok(r.json.error.rows.length > 0);
  }
});

test('merging moves conversations and hides the merged contact', async () => {
  assert.equal((await agent.post('/api/v1/contacts/merge',
    { keep_id: ids.a, merge_id: ids.b })).status, 403);
  assert.equal((await supervisor.post('/api/v1/contacts/merge',
    { keep_id: ids.a, merge_id: ids.a })).status, 422);
  const r = await supervisor.post('/api/v1/contacts/merge',
    { keep_id: ids.a, merge_id: ids.b });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.id, ids.a);
  const convs = (await agent.get(`/api/v1/contacts/${ids.a}/conversations`))
    .json.data.map((c) => c.id);
  assert.ok(convs.includes(ids.convB));
  assert.equal((await agent.get(`/api/v1/contacts/${ids.b}`)).status, 404);
  assert.equal((await supervisor.post('/api/v1/contacts/merge',
    { keep_id: ids.a, merge_id: ids.b })).status, 404);
});

test('another account sees none of these contacts', async () => {
  for (const [method, path, body] of [
    ['GET', `/api/v1/contacts/${ids.a}`],
    ['PATCH', `/api/v1/contacts/${ids.a}`, { name: 'Hijacked' }],
    ['GET', `/api/v1/contacts/${ids.a}/conversations`],
    ['GET', `/api/v1/contacts/${ids.a}/notes`],
    ['POST', `/api/v1/contacts/${ids.a}/notes`, { body: 'x' }],
  ]) {
    const r = await other.request(method, path, { body });
    assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
  }
  const m = await other.post('/api/v1/contacts/merge',
    { keep_id: ids.a, merge_id: ids.b });
  assert.equal(m.status, 404);
  assert.deepEqual((await other.get('/api/v1/contacts')).json.data, []);
  const csv = await other.get('/api/v1/contacts/export.csv');
  assert.equal(csv.text.trim().split('\r\n').length, 1, 'header only');
});
