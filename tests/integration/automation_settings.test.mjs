// The automation settings API (idle auto-resolve and the CSAT survey) and
// changing assignment and SLA policies: what each change does, who may
// make it, what is refused, and that another account's ids are not found.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn, admin as cli } from './server.mjs';

let server, supervisor, agent, other, administrator;
before(async () => {
  server = await startServer();
  supervisor = await signedIn(server, 'supervisor@demo.test');
  agent = await signedIn(server, 'agent1@demo.test');
  administrator = await signedIn(server, 'admin@demo.test');
  const account = cli(server, ['create-account', 'Other Shop']);
  cli(server, ['add-user', '--account', account, '--email',
    'boss@other.test', '--name', 'Other Boss', '--role', 'administrator'],
  'other-password\n');
  other = new Client(server.url);
  assert.equal((await other.login('boss@other.test', 'other-password'))
    .status, 200);
});
after(async () => { await server.stop(); });

async function audited(action) {
  const r = await administrator.get('/api/v1/audit?limit=50');
  assert.equal(r.status, 200, r.text);
  return (r.json?.data ?? []).filter((e) => e.action === action);
}

test('settings: defaults, a change, and the change audited', async () => {
  const d = await supervisor.get('/api/v1/automation/settings');
  assert.equal(d.status, 200);
  assert.equal(typeof d.json.idle_resolve_min, 'number');
  assert.equal(typeof d.json.closing_csat, 'boolean');
  const p = await supervisor.patch('/api/v1/automation/settings', {
    idle_resolve_min: 90, closing_message: 'Thanks!\nWe close this now.',
    closing_csat: true, csat_template: 'csat_survey' });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.idle_resolve_min, 90);
  assert.equal(p.json.closing_message, 'Thanks!\nWe close this now.');
  assert.equal(p.json.closing_csat, true);
  assert.equal(p.json.csat_template, 'csat_survey');
  // Only what the PATCH names changes.
  const q = await supervisor.patch('/api/v1/automation/settings',
    { closing_csat: false });
  assert.equal(q.status, 200);
  assert.equal(q.json.idle_resolve_min, 90);
  assert.equal(q.json.closing_csat, false);
  const g = await supervisor.get('/api/v1/automation/settings');
  assert.deepEqual(g.json, q.json);
  const a = await audited('automation_settings.update');
  assert.ok(a.length >= 2);
  // The audit names the fields, never the message the customer gets.
  assert.ok(!JSON.stringify(a).includes('We close this now'));
});

test('settings: agents may neither read nor change them', async () => {
  assert.equal((await agent.get('/api/v1/automation/settings')).status, 403);
  assert.equal((await agent.patch('/api/v1/automation/settings',
    { idle_resolve_min: 1 })).status, 403);
});

test('settings: bad input is refused and nothing changes', async () => {
  const before = (await supervisor.get('/api/v1/automation/settings')).json;
  const bad = [
    { idle_resolve_min: -1 }, { idle_resolve_min: 43201 },
    { idle_resolve_min: '5' }, { closing_csat: 'yes' },
    { closing_message: 'a\u0007b' }, { closing_message: 'x'.repeat(1001) },
    { csat_template: 'Bad Name' }, { queue_wait_change_pct: 0 },
    { idle_resolve_minutes: 5 },
  ];
  for (const body of bad) {
    const r = await supervisor.patch('/api/v1/automation/settings', body);
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.equal(r.json.error.code, 'invalid_field');
  }
  const bogus = await supervisor.request('PATCH',
    '/api/v1/automation/settings', { raw: '{"idle_resolve_min":',
      headers: { 'Content-Type': 'application/json' } });
  assert.equal(bogus.status >= 400 && bogus.status < 500, true);
  const after = (await supervisor.get('/api/v1/automation/settings')).json;
  assert.deepEqual(after, before);
});

test('settings: each account has its own', async () => {
  await supervisor.patch('/api/v1/automation/settings',
    { idle_resolve_min: 77 });
  const o = await other.get('/api/v1/automation/settings');
  assert.equal(o.status, 200);
  assert.equal(o.json.idle_resolve_min, 0);
});

test('an assignment policy is changed, checked and audited', async () => {
  const teams = (await supervisor.get('/api/v1/teams')).json.data;
  const c = await supervisor.post('/api/v1/assignment-policies',
    { team_id: teams[0].id, mode: 'round_robin', capacity: 3 });
  assert.equal(c.status, 201, c.text);
  const id = c.json.id;
  const p = await supervisor.patch(`/api/v1/assignment-policies/${id}`,
    { mode: 'least_loaded', capacity: 7, skills: ['billing'],
      reassign_after_min: 15 });
  assert.equal(p.status, 200, p.text);
  const l = (await supervisor.get('/api/v1/assignment-policies')).json.data
    .find((x) => x.id === id);
  assert.equal(l.mode, 'least_loaded');
  assert.equal(l.capacity, 7);
  assert.deepEqual(l.skills, ['billing']);
  assert.equal(l.reassign_after_min, 15);
  assert.equal(l.team_id, teams[0].id);
  assert.equal((await audited('assignment_policy.update')).length, 1);
  for (const body of [{ mode: 'random' }, { capacity: 1001 },
    { skills: 'billing' }, { skills: [1] }, { reassign_after_min: -5 },
    { inbox_id: 1 }, { colour: 'red' }]) {
    const r = await supervisor.patch(`/api/v1/assignment-policies/${id}`,
      body);
    assert.equal(r.status, 422, JSON.stringify(body));
  }
  assert.equal((await agent.patch(`/api/v1/assignment-policies/${id}`,
    { capacity: 1 })).status, 403);
  // Another account: neither its policy nor a team of ours to point to.
  assert.equal((await other.patch(`/api/v1/assignment-policies/${id}`,
    { capacity: 1 })).status, 404);
  const mine = await other.post('/api/v1/teams', { name: 'Theirs' });
  assert.equal(mine.status, 201, mine.text);
  const op = await other.post('/api/v1/assignment-policies',
    { team_id: mine.json.id, mode: 'round_robin' });
  assert.equal(op.status, 201, op.text);
  assert.equal((await other.patch(`/api/v1/assignment-policies/${op.json.id}`,
    { team_id: teams[0].id })).status, 404);
  assert.equal((await supervisor.patch('/api/v1/assignment-policies/999999',
    { capacity: 1 })).status, 404);
  const after = (await supervisor.get('/api/v1/assignment-policies')).json
    .data.find((x) => x.id === id);
  assert.equal(after.capacity, 7);
});

test('an SLA policy is changed, checked and audited', async () => {
  const c = await supervisor.post('/api/v1/sla-policies',
    { name: 'Gold', first_response_s: 600, resolution_s: 86400 });
  assert.equal(c.status, 201, c.text);
  const id = c.json.id;
  const p = await supervisor.patch(`/api/v1/sla-policies/${id}`,
    { first_response_s: 300, at_risk_pct: 50, business_hours_only: true });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.json.name, 'Gold');
  assert.equal(p.json.first_response_s, 300);
  assert.equal(p.json.resolution_s, 86400);
  assert.equal(p.json.at_risk_pct, 50);
  assert.equal(p.json.business_hours_only, true);
  const l = (await supervisor.get('/api/v1/sla-policies')).json.data
    .find((x) => x.id === id);
  assert.deepEqual(l, p.json);
  assert.equal((await audited('sla_policy.update')).length, 1);
  for (const body of [{ at_risk_pct: 100 }, { first_response_s: -1 },
    { first_response_s: 0, resolution_s: 0 }, { name: '' },
    { name: 7 }, { colour: 'red' }]) {
    const r = await supervisor.patch(`/api/v1/sla-policies/${id}`, body);
    assert.equal(r.status, 422, JSON.stringify(body));
  }
  const dup = await supervisor.post('/api/v1/sla-policies',
    { name: 'Silver', first_response_s: 900 });
  assert.equal(dup.status, 201);
  assert.equal((await supervisor.patch(`/api/v1/sla-policies/${dup.json.id}`,
    { name: 'Gold' })).status, 409);
  assert.equal((await agent.patch(`/api/v1/sla-policies/${id}`,
    { at_risk_pct: 60 })).status, 403);
  assert.equal((await other.patch(`/api/v1/sla-policies/${id}`,
    { at_risk_pct: 60 })).status, 404);
  const after = (await supervisor.get('/api/v1/sla-policies')).json.data
    .find((x) => x.id === id);
  assert.equal(after.at_risk_pct, 50);
});
