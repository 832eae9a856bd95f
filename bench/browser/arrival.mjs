// See run.sh. Prints a markdown table of p50/p99/max arrival latency.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '../../tests/node_modules/playwright-core/index.mjs';

const [bin, count] = [process.argv[2], Number(process.argv[3])];
const data = mkdtempSync(join(tmpdir(), 'parley-bench-'));
const server = spawn(bin, ['serve', '--demo', '--listen', '127.0.0.1:0',
  '--data', data, '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/running at (http:\/\/[0-9.:]+)/);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error('server exited ' + code)));
});

async function customerSays(text) {
  await fetch(`${url}/sim/customers/15550009999/messages`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'text', text: { body: text },
      profile_name: 'Bench Customer' }) });
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
try {
  await page.goto(url);
  await page.fill('input[type=email]', 'admin@demo.test');
  await page.fill('input[type=password]', 'demo-password');
  await page.keyboard.press('Enter');
  await customerSays('warming up');
  await page.getByRole('tab', { name: /^All/ }).first().click();
  await page.getByRole('listitem').filter({ hasText: 'Bench Customer' })
    .getByRole('button').first().click();
  await page.getByText('warming up').first().waitFor();

  const ms = [];
  for (let i = 0; i < count; i++) {
    const text = `bench message ${i} ${Date.now()}`;
    const t0 = performance.now();
    await customerSays(text);
    await page.getByText(text).first().waitFor({ timeout: 30000 });
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  console.log(`command: bench/browser/run.sh (${count} messages, one at a ` +
    'time, headless chromium, parley serve --demo on SQLite)\n');
  console.log('| messages | p50 | p99 | max |\n|---|---|---|---|');
  console.log(`| ${count} | ${at(0.5).toFixed(0)} ms | ${at(0.99).toFixed(0)} ms ` +
    `| ${ms[ms.length - 1].toFixed(0)} ms |`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  rmSync(data, { recursive: true, force: true });
}
