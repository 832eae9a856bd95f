// Live events over server-sent events: delivery, account and role
// filtering, and resuming with Last-Event-ID.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn, admin as cli } from './server.mjs';

let server, admin, agent, other;
before(async () => {
  server = await startServer();
  admin = await signedIn(server, 'admin@demo.test');
  agent = await signedIn(server, 'agent1@demo.test');
  const account = cli(server, ['create-account', 'Elsewhere']);
  cli(server, ['add-user', '--account', account, '--email', 'x@else.test',
    '--name', 'X', '--role', 'administrator'], 'else-password\n');
  other = new Client(server.url);
  await other.login('x@else.test', 'else-password');
});
after(async () => { await server.stop(); });

// Open a stream for client c and collect its events.
async function stream(c, headers = {}) {
  const ctl = new AbortController();
  const res = await fetch(server.url + '/api/v1/events', {
    headers: { Cookie: c.cookie, ...headers }, signal: ctl.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/event-stream/);
  const events = [];
  const waiters = [];
  (async () => {
    const dec = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body) {
        buf += dec.decode(chunk, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const ev = {};
          for (const line of frame.split('\n')) {
            const m = line.match(/^(id|event|data): ?(.*)$/);
            if (m) ev[m[1]] = m[2];
          }
          if (ev.event) {
            events.push({ ...ev, data: JSON.parse(ev.data) });
            waiters.splice(0).forEach((w) => w());
          }
        }
      }
    } catch { /* aborted */ }
  })();
  return {
    events,
    close: () => ctl.abort(),
    async waitFor(pred, ms = 5000) {
      const end = Date.now() + ms;
      for (;;) {
        const found = events.find(pred);
        if (found) return found;
        if (Date.now() > end) return null;
        await new Promise((r) => { waiters.push(r); setTimeout(r, 50); });
      }
    },
  };
}

test('a change reaches signed-in users of the account live', async () => {
  const s = await stream(agent);
  const made = await admin.post('/api/v1/teams', { name: 'Live team' });
  const ev = await s.waitFor((e) => e.event === 'team.created');
  assert.ok(ev, 'no team.created event');
  assert.equal(ev.data.id, made.json.id);
  assert.equal(ev.data.name, 'Live team');
  assert.ok(Number(ev.id) > 0);
  s.close();
});

test('events do not cross accounts', async () => {
  const theirs = await stream(other);
  const ours = await stream(agent);
  await admin.post('/api/v1/teams', { name: 'Private team' });
  assert.ok(await ours.waitFor((e) => e.data.name === 'Private team'));
  assert.equal(await theirs.waitFor((e) => e.event === 'team.created', 500),
    null);
  theirs.close(); ours.close();
});

test('administrator-only events are not sent to agents', async () => {
  const a = await stream(admin);
  const g = await stream(agent);
  await admin.post('/api/v1/tokens', { name: 'secret integration' });
  await admin.post('/api/v1/teams', { name: 'Marker' });
  const seen = await a.waitFor((e) => e.event === 'api_token.created');
  assert.ok(seen);
  assert.equal(seen.data.token, undefined);
  assert.ok(await g.waitFor((e) => e.data.name === 'Marker'));
  assert.equal(g.events.find((e) => e.event === 'api_token.created'),
    undefined);
  a.close(); g.close();
});

test('a reconnecting client gets what it missed', async () => {
  const s = await stream(agent);
  await admin.post('/api/v1/teams', { name: 'Before drop' });
  const last = await s.waitFor((e) => e.data.name === 'Before drop');
  s.close();
  await admin.post('/api/v1/teams', { name: 'Missed one' });
  await admin.post('/api/v1/teams', { name: 'Missed two' });
  const again = await stream(agent, { 'Last-Event-ID': last.id });
  const two = await again.waitFor((e) => e.data.name === 'Missed two');
  assert.ok(two);
  const names = again.events.map((e) => e.data.name);
  assert.deepEqual(names.slice(0, 2), ['Missed one', 'Missed two']);
  assert.ok(!names.includes('Before drop'));
  again.close();
});

test('the stream needs a signed-in user', async () => {
  const r = await fetch(server.url + '/api/v1/events');
  assert.equal(r.status, 401);
});

test('open streams do not hold database connections', async () => {
  // More streams than the server has pooled connections (4 by default):
  // each stream's request must give its connection back once streaming.
  const streams = [];
  for (let i = 0; i < 10; i++) streams.push(await stream(agent));
  const ctl = AbortSignal.timeout(5000);
  const r = await fetch(server.url + '/api/v1/me',
    { headers: { Cookie: admin.cookie }, signal: ctl });
  assert.equal(r.status, 200);
  const made = await admin.post('/api/v1/teams', { name: 'Still writable' });
  assert.equal(made.status, 201);
  assert.ok(await streams[9].waitFor((e) => e.data.name === 'Still writable'));
  streams.forEach((s) => s.close());
});
