// The retry schedule of an outbound message lives in storage: a message
// that WhatsApp asked to retry later is still retried, and delivered, by
// a server started again on the same data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, signedIn } from './server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, timeoutMs) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function call(server, method, path, body) {
  const res = await fetch(server.url + path, { method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, json: await res.json().catch(() => null) };
}

const customerSays = (server, wa, text) => call(server, 'POST',
  `/sim/customers/${wa}/messages`, { type: 'text', text: { body: text } });

async function messages(agent, conv) {
  return (await agent.get(`/api/v1/conversations/${conv}/messages?limit=200`))
    .json.data;
}

test('a retry scheduled before a restart is sent after it', async (t) => {
  if (process.env.PARLEY_TEST_PG_URL) {
    // startServer gives each start a fresh PostgreSQL database.
    t.skip('needs the same database across two starts (SQLite only)');
    return;
  }
  const data = mkdtempSync(join(tmpdir(), 'parley-restart-'));
  const wa = '15550177001';
  let server = await startServer({ dataDir: data });
  try {
    let agent = await signedIn(server, 'agent1@demo.test');
    assert.equal((await customerSays(server, wa, 'hi')).status, 200);
    const conv = await waitFor('the conversation', async () => {
      const l = await agent.get('/api/v1/conversations?status=all');
      return l.json.data.find((c) => c.contact.wa_id === wa);
    }, 15000);
    await waitFor('automation to settle', async () =>
      !(await messages(agent, conv.id)).some((m) => m.direction === 'out' &&
        ['queued', 'sending'].includes(m.status) && !m.wamid), 20000);
    // 131016 (service overloaded): retry later, 30 s on.
    await call(server, 'PUT', '/sim/faults', { error_probability: 1,
      error_code: 131016 });
    const sent = await agent.post(`/api/v1/conversations/${conv.id}/messages`,
      { type: 'text', text: { body: 'survives a restart' } });
    assert.equal(sent.status, 201);
    const id = sent.json.id;
    const held = await waitFor('the retry scheduled', async () => {
      const m = (await messages(agent, conv.id)).find((x) => x.id === id);
      return m.error?.code === 131016 && m;
    }, 20000);
    assert.equal(held.status, 'queued');
    assert.equal(held.wamid, null);
    const how = await server.stop({ keepData: true });
    assert.equal(how.code, 0);

    // A new process, a new (fault-free) simulator that has to hear from
    // the customer again before it takes free text.
    server = await startServer({ dataDir: data });
    agent = await signedIn(server, 'agent1@demo.test');
    assert.equal((await customerSays(server, wa, 'still there?')).status,
      200);
    const got = await waitFor('the message at the customer', async () => {
      const r = await call(server, 'GET', `/sim/customers/${wa}/received`);
      return (r.json?.messages ?? []).find((m) =>
        m.message.text?.body === 'survives a restart');
    }, 45000);
    assert.match(got.wamid, /^wamid\./);
    const m = await waitFor('the wamid stored', async () => {
      const x = (await messages(agent, conv.id)).find((y) => y.id === id);
      return x.wamid && x;
    }, 10000);
    assert.equal(m.wamid, got.wamid);
    assert.equal(m.error, null);
  } finally {
    await server.stop({ keepData: true });
    rmSync(data, { recursive: true, force: true });
  }
});

test('a message out when the server was killed is sent by the next one',
  async (t) => {
    if (process.env.PARLEY_TEST_PG_URL) {
      t.skip('needs the same database across two starts (SQLite only)');
      return;
    }
    const data = mkdtempSync(join(tmpdir(), 'parley-crash-'));
    const wa = '15550177002';
    let server = await startServer({ dataDir: data });
    try {
      let agent = await signedIn(server, 'agent1@demo.test');
      assert.equal((await customerSays(server, wa, 'hi')).status, 200);
      const conv = await waitFor('the conversation', async () => {
        const l = await agent.get('/api/v1/conversations?status=all');
        return l.json.data.find((c) => c.contact.wa_id === wa);
      }, 15000);
      await waitFor('automation to settle', async () =>
        !(await messages(agent, conv.id)).some((m) =>
          m.direction === 'out' && ['queued', 'sending'].includes(m.status) &&
          !m.wamid), 20000);
      // Graph answers take 20 s: the send is out when the server dies.
      await call(server, 'PUT', '/sim/faults', { slow_ms: 20000 });
      const sent = await agent.post(
        `/api/v1/conversations/${conv.id}/messages`,
        { type: 'text', text: { body: 'not lost' } });
      assert.equal(sent.status, 201);
      // Not polled meanwhile: the in-process simulator holds a server
      // thread while it delays an answer.
      await sleep(5000 + 2500);
      server.child.kill('SIGKILL');
      await server.stop({ keepData: true });

      // The next server takes the dispatcher lease once the dead one's
      // runs out, puts the claimed message back and sends it.
      server = await startServer({ dataDir: data });
      agent = await signedIn(server, 'agent1@demo.test');
      const left = (await messages(agent, conv.id)).find((x) =>
        x.id === sent.json.id);
      assert.equal(left.status, 'sending', 'it was out when the server died');
      assert.equal(left.wamid, null);
      assert.equal((await customerSays(server, wa, 'hello?')).status, 200);
      const got = await waitFor('the message at the customer', async () => {
        const r = await call(server, 'GET', `/sim/customers/${wa}/received`);
        return (r.json?.messages ?? []).find((m) =>
          m.message.text?.body === 'not lost');
      }, 40000);
      const m = await waitFor('the wamid stored', async () => {
        const x = (await messages(agent, conv.id)).find((y) =>
          y.id === sent.json.id);
        return x.wamid && x;
      }, 10000);
      assert.equal(m.wamid, got.wamid);
    } finally {
      await server.stop({ keepData: true });
      rmSync(data, { recursive: true, force: true });
    }
  });
