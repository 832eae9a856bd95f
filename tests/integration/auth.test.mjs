// Sign-in, sessions, CSRF and sign-in throttling against a real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn, DEMO_PASSWORD } from './server.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => { await server.stop(); });

test('login sets an HttpOnly SameSite=Strict cookie and returns a CSRF token', async () => {
  const c = new Client(server.url);
  const r = await c.post('/api/v1/auth/login',
    { email: 'ADMIN@demo.test', password: DEMO_PASSWORD });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.email, 'admin@demo.test');
  assert.equal(r.json.user.role, 'administrator');
  assert.equal(r.json.user.password_hash, undefined);
  assert.match(r.json.csrf_token, /^[A-Za-z0-9_-]{40,}$/);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /parley_session=[^;]+/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Path=\//);
});

test('GET /me is 401 without a session and 200 with one', async () => {
  const anon = await new Client(server.url).get('/api/v1/me');
  assert.equal(anon.status, 401);
  assert.equal(anon.json.error.code, 'unauthorized');
  const c = await signedIn(server, 'agent1@demo.test');
  const me = await c.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.user.email, 'agent1@demo.test');
  assert.equal(me.json.account.name, 'Demo Shop');
  assert.equal(me.json.csrf_token, c.csrf);
});

test('a wrong password and an unknown e-mail get the same answer', async () => {
  const c = new Client(server.url);
  const wrong = await c.post('/api/v1/auth/login',
    { email: 'supervisor@demo.test', password: 'not-the-password' });
  const unknown = await c.post('/api/v1/auth/login',
    { email: 'nobody@demo.test', password: 'not-the-password' });
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.equal(wrong.json.error.code, 'invalid_credentials');
  assert.deepEqual(wrong.json, unknown.json);
  assert.equal(c.cookie, '');
});

test('a cookie-authenticated write without the CSRF token is refused', async () => {
  const c = await signedIn(server, 'agent2@demo.test');
  const saved = c.csrf;
  c.csrf = '';
  const without = await c.patch('/api/v1/me', { name: 'Changed' });
  assert.equal(without.status, 403);
  assert.equal(without.json.error.code, 'csrf_token_invalid');
  c.csrf = saved.slice(0, -1) + (saved.endsWith('A') ? 'B' : 'A');
  const wrong = await c.patch('/api/v1/me', { name: 'Changed' });
  assert.equal(wrong.status, 403);
  c.csrf = saved;
  const ok = await c.patch('/api/v1/me', { name: 'Jiwoo K.' });
  assert.equal(ok.status, 200);
  assert.equal(ok.json.user.name, 'Jiwoo K.');
});

test('logout ends the session on the server, not only in the browser', async () => {
  const c = await signedIn(server, 'supervisor@demo.test');
  const cookie = c.cookie;
  const out = await c.post('/api/v1/auth/logout', {});
  assert.equal(out.status, 204);
  assert.equal(c.cookie, '');
  c.cookie = cookie; // replay the old cookie
  const me = await c.get('/api/v1/me');
  assert.equal(me.status, 401);
});

test('changing the password ends the other sessions', async () => {
  const a = await signedIn(server, 'agent1@demo.test');
  const b = await signedIn(server, 'agent1@demo.test');
  const wrong = await a.patch('/api/v1/me',
    { current_password: 'nope-nope', new_password: 'a-new-password' });
  assert.equal(wrong.status, 401);
  const short = await a.patch('/api/v1/me',
    { current_password: DEMO_PASSWORD, new_password: 'short' });
  assert.equal(short.status, 422);
  const ok = await a.patch('/api/v1/me',
    { current_password: DEMO_PASSWORD, new_password: 'a-new-password' });
  assert.equal(ok.status, 200);
  assert.equal((await a.get('/api/v1/me')).status, 200);
  assert.equal((await b.get('/api/v1/me')).status, 401);
  const back = await a.patch('/api/v1/me',
    { current_password: 'a-new-password', new_password: DEMO_PASSWORD });
  assert.equal(back.status, 200);
});

test('repeated failures are throttled even with the right password', async () => {
  // A server of its own: the failure count is per address, and every test
  // here comes from 127.0.0.1.
  const strict = await startServer({ args: ['--login-max-failures', '3'] });
  try {
    const c = new Client(strict.url);
    for (let i = 0; i < 3; i++) {
      const r = await c.post('/api/v1/auth/login',
        { email: 'throttle@demo.test', password: 'wrong-password' });
      assert.equal(r.status, 401);
    }
    const r = await c.post('/api/v1/auth/login',
      { email: 'admin@demo.test', password: DEMO_PASSWORD });
    assert.equal(r.status, 429);
    assert.equal(r.json.error.code, 'rate_limited');
    assert.ok(Number(r.headers.get('retry-after')) > 0);
    assert.equal(c.cookie, '');
  } finally {
    await strict.stop();
  }
});
