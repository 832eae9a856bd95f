// Operations: health, readiness, metrics, graceful shutdown, and state
// that survives a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn } from './server.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('healthz, readyz and metrics answer', async () => {
  const server = await startServer();
  try {
    const c = new Client(server.url);
    assert.equal((await c.get('/healthz')).json.status, 'ok');
    const ready = await c.get('/readyz');
    assert.equal(ready.status, 200);
    assert.ok(ready.json.schema_version >= 1);
    await c.get('/api/v1/me');
    const m = await c.get('/metrics');
    assert.equal(m.status, 200);
    assert.match(m.headers.get('content-type'), /text\/plain/);
    assert.match(m.text, /parley_http_requests_total\{[^}]*route="\/api\/v1\/me"[^}]*\} [1-9]/);
    assert.match(m.text, /parley_http_request_duration_seconds_bucket/);
    assert.match(m.text, /parley_store_connections\{state="open"\} [1-9]/);
    assert.match(m.text, /parley_jobs_/);
    assert.match(m.text, /parley_sse_streams/);
  } finally {
    await server.stop();
  }
});

test('SIGTERM stops the server cleanly', async () => {
  const server = await startServer({ args: ['--log-level', 'info'] });
  const how = await server.stop();
  assert.equal(how.code, 0);
  assert.match(server.stderr(), /event=stopped/);
});

test('sessions and data survive a restart', async () => {
  const data = mkdtempSync(join(tmpdir(), 'parley-restart-'));
  try {
    let server = await startServer({ dataDir: data });
    const c = await signedIn(server, 'admin@demo.test');
    await c.post('/api/v1/teams', { name: 'Kept' });
    await server.stop();
    server = await startServer({ dataDir: data, dbArgs: server.dbArgs });
    c.base = server.url;
    const me = await c.get('/api/v1/me');
    assert.equal(me.status, 200, 'the session cookie still works');
    const teams = (await c.get('/api/v1/teams')).json.data.map((t) => t.name);
    assert.ok(teams.includes('Kept'));
    assert.equal(teams.filter((t) => t === 'Support').length, 1,
      'the demo is not seeded twice');
    await server.stop();
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});

test('secrets never reach the log', async () => {
  const server = await startServer({ args: ['--log-level', 'debug'] });
  const c = await signedIn(server, 'admin@demo.test');
  const t = await c.post('/api/v1/tokens', { name: 'log check' });
  const bot = new Client(server.url);
  bot.token = t.json.token;
  await bot.get('/api/v1/me');
  await server.stop();
  const log = server.stderr();
  assert.match(log, /event=http_request/);
  assert.ok(!log.includes(t.json.token));
  assert.ok(!log.includes(c.csrf));
  assert.ok(!log.includes(c.cookie.split('=')[1]));
  assert.ok(!log.includes('demo-password'));
});
