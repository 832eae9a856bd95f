// End-to-end reply latency: the simulator's load mode makes N customers
// each write R messages a second for T seconds to a real `parley serve
// --demo`; this driver plays a bounded team of agents that answer every
// new customer message through the REST API as soon as the event stream
// shows it. The simulator times each customer message until the reply
// reaches its Graph endpoint, i.e. leaves Parley.
// Usage: node driver.mjs N R T   (PARLEY_BIN = the binary)
import { startServer, signedIn } from '../../tests/integration/server.mjs';

const [N, R, T] = process.argv.slice(2).map(Number);
const MAX_IN_FLIGHT = 16; // replies being posted at once
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = await startServer();
let stop;
try {
  const admin = await signedIn(server, 'admin@demo.test');
  const undo = await admin.patch('/api/v1/account', { undo_send_ms: 0 });
  if (undo.status !== 200)
    throw new Error('could not turn the undo window off: ' + undo.text);
  // Only the agent answers: the demo's automation rules are switched off
  // so that their menus do not count as replies.
  const rules = await admin.get('/api/v1/rules');
  for (const rule of rules.json?.data ?? []) {
    const r = await admin.patch(`/api/v1/rules/${rule.id}`,
      { enabled: false });
    if (r.status !== 200)
      throw new Error(`could not switch rule ${rule.id} off: ${r.text}`);
  }
  const agent = await signedIn(server, 'agent1@demo.test');

  const queue = [];
  let inFlight = 0, replied = 0, failed = 0;
  const apiMs = [];
  const pump = () => {
    while (inFlight < MAX_IN_FLIGHT && queue.length) {
      const m = queue.shift();
      const t0 = performance.now();
      inFlight++;
      agent.post(`/api/v1/conversations/${m.conversation_id}/messages`,
        { type: 'text', text: { body: 'Thanks, on it!' } })
        .then((r) => {
          if (r.status === 201) { replied++; apiMs.push(performance.now() - t0); }
          else failed++;
        }, () => { failed++; })
        .finally(() => { inFlight--; pump(); });
    }
  };

  // The agent's event stream: every new customer message gets a reply.
  const ctl = new AbortController();
  stop = () => ctl.abort();
  const res = await fetch(server.url + '/api/v1/events',
    { headers: { Cookie: agent.cookie }, signal: ctl.signal });
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
          const ev = Object.fromEntries(frame.split('\n')
            .filter((l) => /^(event|data):/.test(l))
            .map((l) => [l.slice(0, l.indexOf(':')),
              l.slice(l.indexOf(':') + 1).trim()]));
          if (ev.event !== 'message.created') continue;
          const m = JSON.parse(ev.data);
          if (m.direction === 'in') { queue.push(m); pump(); }
        }
      }
    } catch { /* aborted at the end */ }
  })();

  const load = await fetch(server.url + '/sim/load', { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ customers: N, rate: R, seconds: T }) });
  if (load.status >= 300) throw new Error('load refused: ' + await load.text());
  let report;
  do {
    await sleep(1000);
    report = await (await fetch(server.url + '/sim/load')).json();
  } while (report.running);
  // Let the last replies leave.
  for (let i = 0; i < 20 && (queue.length || inFlight ||
       report.replies_seen < report.messages_sent); i++) {
    await sleep(500);
    report = await (await fetch(server.url + '/sim/load')).json();
  }
  apiMs.sort((a, b) => a - b);
  const pct = (p) => apiMs.length
    ? apiMs[Math.min(apiMs.length - 1, Math.floor(p * apiMs.length))] : 0;
  console.log(JSON.stringify({ ...report, driver: { replied, failed,
    reply_api_ms: { p50: +pct(0.5).toFixed(1), p99: +pct(0.99).toFixed(1) } },
  }, null, 1));
} finally {
  if (stop) stop();
  await server.stop();
}
