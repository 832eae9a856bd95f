// Starts a real `parley serve` for a test file and talks to it over HTTP.
//
// Each server gets a fresh data directory (SQLite) or, when
// PARLEY_TEST_PG_URL is set, a fresh PostgreSQL database, and a free
// loopback port. Stop it with server.stop() in an after() hook.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const BIN = process.env.PARLEY_BIN || 'build/parley';
export const DEMO_PASSWORD = 'demo-password';

// A new, empty PostgreSQL database next to the one in the URL.
function freshPostgres(url) {
  const name = 'it_' + randomBytes(6).toString('hex');
  execFileSync('psql', [url, '-qc', `CREATE DATABASE ${name}`]);
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

// dbArgs: the database of an earlier server, to restart on the same data.
export async function startServer({ args = [], env = {}, dataDir,
  dbArgs } = {}) {
  const data = dataDir || mkdtempSync(join(tmpdir(), 'parley-it-'));
  const db = dbArgs || (process.env.PARLEY_TEST_PG_URL
    ? ['--database', freshPostgres(process.env.PARLEY_TEST_PG_URL)]
    : []);
  const child = spawn(BIN, ['serve', '--demo', '--listen', '127.0.0.1:0',
    '--data', data, '--log-level', 'warn', ...db, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
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
  const exited = new Promise((resolve) => child.on('exit',
    (code, signal) => resolve({ code, signal })));
  return {
    url, data, child, dbArgs: db,
    stderr: () => stderr,
    // Stop with SIGTERM (graceful) and report how it ended.
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null) child.kill('SIGTERM');
      const how = await exited;
      if (!keepData && !dataDir) rmSync(data, { recursive: true, force: true });
      return how;
    },
  };
}

// Run `parley admin ...` against the server's storage.
export function admin(server, args, input = '') {
  return execFileSync(BIN, ['admin', ...args, '--data', server.data,
    ...server.dbArgs], { input, encoding: 'utf8' }).trim();
}

// A client with its own cookie jar and CSRF token, like one browser.
export class Client {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; }

  async request(method, path, { body, headers = {}, raw } = {}) {
    const h = { ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['X-CSRF-Token'] = this.csrf;
    if (this.token) h.Authorization = `Bearer ${this.token}`;
    let payload = raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      h['Content-Type'] = h['Content-Type'] || 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h,
      body: payload });
    const set = res.headers.get('set-cookie');
    if (set) {
      const m = set.match(/parley_session=([^;]*)/);
      if (m) this.cookie = m[1] ? `parley_session=${m[1]}` : '';
    }
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: res.status, headers: res.headers, json, text };
  }

  get(p, o) { return this.request('GET', p, o); }
  post(p, body, o = {}) { return this.request('POST', p, { ...o, body }); }
  patch(p, body, o = {}) { return this.request('PATCH', p, { ...o, body }); }
  put(p, o) { return this.request('PUT', p, o); }
  del(p, o) { return this.request('DELETE', p, o); }

  async login(email, password = DEMO_PASSWORD) {
    const r = await this.post('/api/v1/auth/login', { email, password });
    if (r.status === 200) this.csrf = r.json.csrf_token;
    return r;
  }
}

export async function signedIn(server, email) {
  const c = new Client(server.url);
  const r = await c.login(email);
  if (r.status !== 200) throw new Error(`login ${email}: ${r.text}`);
  return c;
}
