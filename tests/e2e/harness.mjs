// Browser-test harness: start a real `parley serve --demo` on a free
// loopback port with a fresh data directory, and a headless Debian
// chromium driven by playwright-core with a fresh profile. Never
// downloads a browser.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BIN = process.env.PARLEY_BIN || 'build/parley';
export const CHROMIUM = process.env.PARLEY_CHROMIUM || '/usr/bin/chromium';
export const PASSWORD = 'demo-password';
export const ADMIN = 'admin@demo.test';
export const AGENT = 'agent1@demo.test';

// Start the demo server; resolves to {url, stop(), stderr()}.
export async function startServer({ args = [] } = {}) {
  const data = mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  const child = spawn(BIN, ['serve', '--demo', '--listen', '127.0.0.1:0',
    '--data', data, '--log-level', 'warn', ...args],
  { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  // A test run that is itself stopped must not leave the server behind.
  const orphan = () => { if (child.exitCode === null) child.kill('SIGKILL'); };
  process.once('exit', orphan);
  for (const sig of ['SIGINT', 'SIGTERM'])
    process.once(sig, () => { orphan(); process.exit(130); });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(
      'server did not start in 30 s:\n' + stderr)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/running at (http:\/\/[0-9.:]+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${stderr}`));
    });
  });
  const exited = new Promise((r) => child.on('exit', r));
  return {
    url, data, stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(data, { recursive: true, force: true });
    },
  };
}

// Launch chromium. Playwright gives it a fresh temporary --user-data-dir
// and removes it on close; each page() gets its own context (cookies,
// storage, service worker), so tests never share a session.
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      '--disable-dev-shm-usage'],
  });
  return {
    browser,
    async page(viewport = { width: 1440, height: 900 }) {
      const context = await browser.newContext({ viewport });
      const p = await context.newPage();
      const errors = [];
      p.on('pageerror', (e) => errors.push(e));
      p.errors = errors;
      const close = p.close.bind(p);
      p.close = async () => { await close(); await context.close(); };
      return p;
    },
    async close() { await browser.close(); },
  };
}

// Sign in through the form.
export async function signIn(page, base, email = AGENT) {
  await page.goto(base + '/login');
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/^password/i).fill(PASSWORD);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(/\/inbox/);
}

// A JSON API call as a signed-in user of the page's browser context, with
// the CSRF token from /me: for setting up state a test then looks at.
export async function apiAs(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const me = await (await fetch('/api/v1/me')).json();
    const r = await fetch(p, { method: m, headers: {
      'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
    body: b === undefined ? undefined : JSON.stringify(b) });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, json, text };
  }, [method, path, body]);
}

// Does the server offer this API route? Not when it answers 404
// route_not_found, nor 405 (the path matched another route's pattern).
export async function hasRoute(base, method, path) {
  const r = await fetch(base + path, { method });
  if (r.status !== 404 && r.status !== 405) return true;
  const j = await r.json().catch(() => ({}));
  return !(j.error && (j.error.code === 'route_not_found' ||
    j.error.code === 'method_not_allowed'));
}

// The simulated customer wa_id sends a Cloud API message object through
// the demo server's in-process simulator; resolves to its wamid.
export async function customerSays(base, waId, message) {
  const r = await fetch(`${base}/sim/customers/${waId}/messages`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(message) });
  const j = await r.json().catch(() => ({}));
  if (r.status >= 300) throw new Error(`sim send: ${r.status} ` +
    JSON.stringify(j));
  return j.wamid;
}

// What the business sent customer wa_id, as the simulator saw it.
export async function customerReceived(base, waId) {
  const r = await fetch(`${base}/sim/customers/${waId}/received`);
  return r.json();
}

// Poll fn until it returns a truthy value or ms pass.
export async function until(fn, ms = 10000, step = 100) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, step));
  }
}
