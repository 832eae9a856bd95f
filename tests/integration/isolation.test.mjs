// Tenant isolation: an administrator of one account can neither see nor
// change anything of another, whatever id they try.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn, admin as cli } from './server.mjs';

let server, demo, other, demoIds;
before(async () => {
  server = await startServer();
  const account = cli(server, ['create-account', 'Other Shop']);
  cli(server, ['add-user', '--account', account, '--email',
    'boss@other.test', '--name', 'Other Boss', '--role', 'administrator'],
  'other-password\n');
  demo = await signedIn(server, 'admin@demo.test');
  other = new Client(server.url);
  assert.equal((await other.login('boss@other.test', 'other-password'))
    .status, 200);
  const token = await demo.post('/api/v1/tokens', { name: 'demo token' });
  demoIds = {
    user: (await demo.get('/api/v1/me')).json.user.id,
    agent: (await demo.get('/api/v1/users')).json.data
      .find((u) => u.role === 'agent').id,
    team: (await demo.get('/api/v1/teams')).json.data[0].id,
    token: token.json.id,
  };
});
after(async () => { await server.stop(); });

test('lists show only the own account', async () => {
  const users = await other.get('/api/v1/users');
  assert.deepEqual(users.json.data.map((u) => u.email), ['boss@other.test']);
  assert.deepEqual((await other.get('/api/v1/teams')).json.data, []);
  assert.deepEqual((await other.get('/api/v1/tokens')).json.data, []);
  const audit = (await other.get('/api/v1/audit')).json.data;
  assert.ok(audit.every((e) => e.user_id !== demoIds.user));
});

test('every endpoint answers 404 for another account\'s ids', async () => {
  const { user, agent, team, token } = demoIds;
  const attempts = [
    ['GET', `/api/v1/users/${user}`],
    ['PATCH', `/api/v1/users/${agent}`, { name: 'Hijacked' }],
    ['DELETE', `/api/v1/users/${agent}`],
    ['GET', `/api/v1/teams/${team}`],
    ['PATCH', `/api/v1/teams/${team}`, { name: 'Hijacked' }],
    ['DELETE', `/api/v1/teams/${team}`],
    ['GET', `/api/v1/teams/${team}/members`],
    ['PUT', `/api/v1/teams/${team}/members/${agent}`],
    ['DELETE', `/api/v1/teams/${team}/members/${agent}`],
    ['DELETE', `/api/v1/tokens/${token}`],
  ];
  for (const [method, path, body] of attempts) {
    const r = await other.request(method, path, body ? { body } : {});
    assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
  }
});

test('nothing of the demo account changed', async () => {
  const team = await demo.get(`/api/v1/teams/${demoIds.team}`);
  assert.equal(team.status, 200);
  assert.equal(team.json.name, 'Support');
  assert.equal(team.json.member_count, 2);
  const agent = await demo.get(`/api/v1/users/${demoIds.agent}`);
  assert.equal(agent.json.disabled, false);
  assert.notEqual(agent.json.name, 'Hijacked');
  const tokens = (await demo.get('/api/v1/tokens')).json.data;
  assert.equal(tokens[0].revoked_at, null);
});

test('adding another account\'s user to an own team is refused', async () => {
  const t = await other.post('/api/v1/teams', { name: 'Mine' });
  const r = await other.put(`/api/v1/teams/${t.json.id}/members/${demoIds.agent}`);
  assert.equal(r.status, 404);
});
