// Automated reply latency: the simulator's load mode makes N customers
// each write R messages a second for T seconds to a real `parley serve
// --demo` with one rule answering every load message ("load test" in the
// text), the demo's own rules switched off and the undo window at 0. The
// simulator times each customer message until the automated reply reaches
// its Graph endpoint, i.e. leaves Parley, and this prints the table row.
// Usage: node reply.mjs N R T   (PARLEY_BIN = the binary)
import { startServer, signedIn } from '../../tests/integration/server.mjs';

const [N, R, T] = process.argv.slice(2).map(Number);
if (!(N > 0 && R > 0 && T > 0 && N * R <= 200 && T <= 30)) {
  console.error('usage: reply.mjs N R T with N*R <= 200 msg/s, T <= 30 s');
  process.exit(2);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = await startServer();
try {
  const admin = await signedIn(server, 'admin@demo.test');
  const undo = await admin.patch('/api/v1/account', { undo_send_ms: 0 });
  if (undo.status !== 200)
    throw new Error('could not turn the undo window off: ' + undo.text);
  for (const rule of (await admin.get('/api/v1/rules')).json?.data ?? []) {
    const r = await admin.patch(`/api/v1/rules/${rule.id}`,
      { enabled: false });
    if (r.status !== 200)
      throw new Error(`could not switch rule ${rule.id} off: ${r.text}`);
  }
  const rule = await admin.post('/api/v1/rules', { name: 'Load reply',
    event: 'message.received', reply_period_s: 0,
    conditions: { field: 'text', op: 'contains', value: 'load test' },
    actions: [{ type: 'reply', text: 'Thanks, we got your message.' }] });
  if (rule.status !== 201) throw new Error('rule refused: ' + rule.text);

  const load = await fetch(server.url + '/sim/load', { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ customers: N, rate: R, seconds: T }) });
  if (load.status >= 300) throw new Error('load refused: ' + await load.text());
  let report;
  do {
    await sleep(1000);
    report = await (await fetch(server.url + '/sim/load')).json();
  } while (report.running);
  for (let i = 0; i < 20 && report.replies_seen < report.messages_sent; i++) {
    await sleep(500);
    report = await (await fetch(server.url + '/sim/load')).json();
  }
  const r = report.reply_latency_ms, a = report.ack_latency_ms;
  const ms = (x) => `${+x.toFixed(1)} ms`;
  console.log('| load (customers × msg/s × s) | messages | replies seen | ' +
    'reply p50 | reply p99 | max | webhook ack p50 / p99 |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(`| ${N} × ${R} × ${T} | ${report.messages_sent} | ` +
    `${report.replies_seen} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ` +
    `${+a.p50.toFixed(1)} / ${+a.p99.toFixed(1)} ms |`);
} finally {
  await server.stop();
}
