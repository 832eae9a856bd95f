// Users, teams and API tokens through the REST API, with the role each
// action needs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn } from './server.mjs';

let server, admin, supervisor, agent;
before(async () => {
  server = await startServer();
  admin = await signedIn(server, 'admin@demo.test');
  supervisor = await signedIn(server, 'supervisor@demo.test');
  agent = await signedIn(server, 'agent1@demo.test');
});
after(async () => { await server.stop(); });

test('the demo has four users and two teams', async () => {
  const users = await agent.get('/api/v1/users');
  assert.equal(users.status, 200);
  assert.deepEqual(users.json.data.map((u) => u.email).sort(), [
    'admin@demo.test', 'agent1@demo.test', 'agent2@demo.test',
    'supervisor@demo.test']);
  assert.equal(users.json.next_cursor, null);
  const teams = await agent.get('/api/v1/teams');
  assert.deepEqual(teams.json.data.map((t) => t.name), ['Support',
    'Korean Desk']);
});

test('lists page with a cursor', async () => {
  const first = await admin.get('/api/v1/users?limit=3');
  assert.equal(first.json.data.length, 3);
  assert.ok(first.json.next_cursor);
  const rest = await admin.get(
    `/api/v1/users?limit=3&cursor=${first.json.next_cursor}`);
  assert.equal(rest.json.data.length, 1);
  assert.equal(rest.json.next_cursor, null);
  const ids = [...first.json.data, ...rest.json.data].map((u) => u.id);
  assert.equal(new Set(ids).size, 4);
});

test('an administrator adds a user who can then sign in', async () => {
  const r = await admin.post('/api/v1/users', { email: 'New@Demo.test',
    name: 'Nia New', role: 'agent', password: 'welcome-aboard' });
  assert.equal(r.status, 201);
  assert.equal(r.json.email, 'new@demo.test');
  const c = new Client(server.url);
  assert.equal((await c.login('new@demo.test', 'welcome-aboard')).status, 200);
  const dup = await admin.post('/api/v1/users', { email: 'new@demo.test',
    name: 'Again', role: 'agent' });
  assert.equal(dup.status, 409);
  assert.equal(dup.json.error.code, 'already_exists');
});

test('agents and supervisors cannot manage users', async () => {
  for (const c of [agent, supervisor]) {
    const r = await c.post('/api/v1/users',
      { email: 'x@demo.test', name: 'X', role: 'administrator' });
    assert.equal(r.status, 403);
    assert.equal(r.json.error.code, 'forbidden');
    assert.equal((await c.patch('/api/v1/users/3', { role: 'administrator' }))
      .status, 403);
  }
});

test('disabling a user ends their sessions at once', async () => {
  const created = await admin.post('/api/v1/users', { email: 'leaver@demo.test',
    name: 'Lee Leaver', role: 'agent', password: 'goodbye-now' });
  const c = new Client(server.url);
  await c.login('leaver@demo.test', 'goodbye-now');
  assert.equal((await c.get('/api/v1/me')).status, 200);
  const del = await admin.del(`/api/v1/users/${created.json.id}`);
  assert.equal(del.status, 204);
  assert.equal((await c.get('/api/v1/me')).status, 401);
  const again = await new Client(server.url).login('leaver@demo.test',
    'goodbye-now');
  assert.equal(again.status, 401);
  const shown = await admin.get(`/api/v1/users/${created.json.id}`);
  assert.equal(shown.json.disabled, true);
});

test('the last administrator cannot be demoted or disabled', async () => {
  const me = (await admin.get('/api/v1/me')).json.user;
  const r = await admin.patch(`/api/v1/users/${me.id}`, { role: 'agent' });
  assert.equal(r.status, 409);
  assert.equal((await admin.del(`/api/v1/users/${me.id}`)).status, 409);
  assert.equal((await admin.get('/api/v1/me')).json.user.role,
    'administrator');
});

test('teams: administrators create, supervisors staff, agents read', async () => {
  assert.equal((await supervisor.post('/api/v1/teams', { name: 'VIP' }))
    .status, 403);
  const t = await admin.post('/api/v1/teams',
    { name: 'VIP', description: 'Big customers' });
  assert.equal(t.status, 201);
  assert.equal(t.json.member_count, 0);
  const dup = await admin.post('/api/v1/teams', { name: 'VIP' });
  assert.equal(dup.status, 409);
  const agentId = (await agent.get('/api/v1/me')).json.user.id;
  assert.equal((await agent.put(`/api/v1/teams/${t.json.id}/members/${agentId}`))
    .status, 403);
  assert.equal((await supervisor.put(
    `/api/v1/teams/${t.json.id}/members/${agentId}`)).status, 204);
  const members = await agent.get(`/api/v1/teams/${t.json.id}/members`);
  assert.deepEqual(members.json.data.map((u) => u.id), [agentId]);
  assert.equal((await supervisor.put(
    `/api/v1/teams/${t.json.id}/members/999999`)).status, 404);
  assert.equal((await supervisor.del(
    `/api/v1/teams/${t.json.id}/members/${agentId}`)).status, 204);
  const renamed = await admin.patch(`/api/v1/teams/${t.json.id}`,
    { name: 'VIP desk' });
  assert.equal(renamed.json.name, 'VIP desk');
  assert.equal((await admin.del(`/api/v1/teams/${t.json.id}`)).status, 204);
  assert.equal((await agent.get(`/api/v1/teams/${t.json.id}`)).status, 404);
});

test('an API token is shown once, works as Bearer, and stops on revoke', async () => {
  const made = await admin.post('/api/v1/tokens', { name: 'CRM sync' });
  assert.equal(made.status, 201);
  assert.match(made.json.token, /^pk_/);
  const list = await admin.get('/api/v1/tokens');
  const listed = list.json.data.find((t) => t.id === made.json.id);
  assert.equal(listed.name, 'CRM sync');
  assert.equal(listed.token, undefined);
  assert.ok(made.json.token.startsWith(listed.prefix));
  assert.ok(!list.text.includes(made.json.token));

  const bot = new Client(server.url);
  bot.token = made.json.token;
  const me = await bot.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.auth, 'token');
  // Bearer requests need no CSRF token: no cookie is involved.
  assert.equal((await bot.post('/api/v1/teams', { name: 'From the bot' }))
    .status, 201);

  assert.equal((await admin.del(`/api/v1/tokens/${made.json.id}`)).status,
    204);
  const after = await bot.get('/api/v1/me');
  assert.equal(after.status, 401);
  assert.match(after.json.error.message, /revoked/);
  bot.token = 'pk_' + 'x'.repeat(43);
  assert.equal((await bot.get('/api/v1/me')).status, 401);
});

test('agents cannot see or make API tokens', async () => {
  assert.equal((await agent.get('/api/v1/tokens')).status, 403);
  assert.equal((await agent.post('/api/v1/tokens', { name: 'x' })).status,
    403);
});

test('the audit log records who did what', async () => {
  const r = await admin.get('/api/v1/audit?limit=200');
  assert.equal(r.status, 200);
  const actions = r.json.data.map((e) => e.action);
  for (const a of ['user.created', 'user.disabled', 'team.created',
    'team.deleted', 'token.created', 'token.revoked', 'user.signed_in']) {
    assert.ok(actions.includes(a), `missing ${a}`);
  }
  assert.equal((await agent.get('/api/v1/audit')).status, 403);
});
