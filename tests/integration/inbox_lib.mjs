// Helpers the inbox tests share: conversations made by the simulator's
// virtual customers, and an SSE reader.
import assert from 'node:assert/strict';

// A customer writes through the in-process simulator; resolves with the
// conversation once ingest has stored it.
export async function customerWrites(server, client, waId, body,
  name = 'Customer ' + waId) {
  const r = await fetch(`${server.url}/sim/customers/${waId}/messages`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'text', text: { body }, profile_name: name }),
  });
  assert.equal(r.status, 200, await r.text());
  // The demo's automation may answer at once, so the customer's message
  // need not be the last one: look for it in the thread.
  const end = Date.now() + 10000;
  for (;;) {
    const list = await client.get('/api/v1/conversations?status=all&limit=200');
    const c = list.json.data.find((x) => x.contact.wa_id === waId);
    const thread = c && (await client.get(
      `/api/v1/conversations/${c.id}/messages?limit=200`)).json.data;
    if (thread && thread.some((m) => m.text === body)) return c;
    if (Date.now() > end) throw new Error('no conversation for ' + waId);
    await new Promise((res) => setTimeout(res, 100));
  }
}

// Open the event stream of client c; events collect in .events.
export async function openStream(server, c) {
  const ctl = new AbortController();
  const res = await fetch(server.url + '/api/v1/events', {
    headers: { Cookie: c.cookie }, signal: ctl.signal });
  assert.equal(res.status, 200);
  const events = [];
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
          if (ev.event) events.push({ ...ev, data: JSON.parse(ev.data) });
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
        await new Promise((res) => setTimeout(res, 50));
      }
    },
  };
}
