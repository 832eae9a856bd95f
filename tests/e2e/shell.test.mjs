// The embedded app shell and sign-in, in a real browser against a real
// `parley serve --demo`: headers of the served files, the sign-in errors
// people see, and the phone-sized layout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signIn, AGENT }
  from './harness.mjs';

let srv;
let browser;

before(async () => {
  srv = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('the app shell is served with a strict CSP and cache rules', async () => {
  const r = await fetch(srv.url + '/');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  const csp = r.headers.get('content-security-policy');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /connect-src 'self'/);
  assert.match(csp, /img-src 'self' data: blob:/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(r.headers.get('cache-control'), 'no-cache');
  const etag = r.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{32}"$/);
  const html = await r.text();
  assert.doesNotMatch(html, /<script>[^<]/, 'no inline script');

  const again = await fetch(srv.url + '/', {
    headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);

  const js = html.match(/src="(\/app\/app-[0-9a-f]{8}\.js)"/)[1];
  const a = await fetch(srv.url + js);
  assert.equal(a.status, 200);
  assert.match(a.headers.get('content-type'), /^text\/javascript/);
  assert.match(a.headers.get('cache-control'), /immutable/);
  assert.equal(a.headers.get('x-content-type-options'), 'nosniff');
});

test('client-side pages get index.html, unknown files 404', async () => {
  for (const p of ['/inbox/42', '/contacts', '/settings/teams', '/login']) {
    const r = await fetch(srv.url + p);
    assert.equal(r.status, 200, p);
    assert.match(await r.text(), /<div id="app">/, p);
  }
  const miss = await fetch(srv.url + '/app/nope.js');
  assert.equal(miss.status, 404);
  const sw = await fetch(srv.url + '/sw.js');
  assert.equal(sw.status, 200);
  assert.equal(sw.headers.get('service-worker-allowed'), '/');
  const mf = await fetch(srv.url + '/manifest.webmanifest');
  assert.match(mf.headers.get('content-type'), /manifest\+json/);
  assert.equal((await mf.json()).start_url, '/inbox');
});

test('sign-in tells a wrong password from too many attempts', async () => {
  // Its own server: throttling is per address, and would lock out the
  // other tests' sign-ins.
  const strict = await startServer({ args: ['--login-max-failures', '3'] });
  const page = await browser.page();
  await page.goto(strict.url + '/');
  await page.waitForURL(/\/login$/);
  await page.getByLabel(/e-mail/i).fill('supervisor@demo.test');
  await page.getByLabel(/^password/i).fill('not-the-password');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByRole('alert').getByText(/wrong e-mail address or password/i)
    .waitFor();
  for (let i = 0; i < 3; i++)
    await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByRole('alert').getByText(/too many failed attempts/i)
    .waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
  await strict.stop();
});

test('signing in opens the inbox and survives a reload', async () => {
  const page = await browser.page();
  await signIn(page, srv.url, AGENT);
  await page.getByRole('tab', { name: /mine/i }).waitFor();
  await page.reload();
  await page.getByRole('tab', { name: /unassigned/i }).waitFor();
  assert.match(page.url(), /\/inbox/);
  await page.getByRole('button', { name: /sign out/i }).click();
  await page.waitForURL(/\/login$/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a phone gets one pane and a bottom navigation bar', async () => {
  const page = await browser.page({ width: 390, height: 844 });
  await signIn(page, srv.url, AGENT);
  const nav = page.getByRole('navigation', { name: /main/i });
  const box = await nav.boundingBox();
  assert.ok(box.y > 700, 'navigation at the bottom');
  assert.ok(box.width >= 380, 'navigation spans the width');
  const list = await page.getByRole('region', { name: /conversations/i })
    .boundingBox();
  assert.ok(list.width >= 380, 'the list takes the whole width');
  const overflow = await page.evaluate(() =>
    document.documentElement.scrollWidth > innerWidth);
  assert.equal(overflow, false, 'nothing wider than the screen');
  await page.getByRole('link', { name: /settings/i }).click();
  await page.getByRole('heading', { name: /profile/i }).waitFor();
  await page.close();
});
