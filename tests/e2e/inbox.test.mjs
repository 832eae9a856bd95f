// The inbox in a real browser against `parley serve --demo` and its
// in-process WhatsApp simulator: customers' messages arrive live, replies
// reach the simulated phone with their ticks, undo keeps a message from
// ever leaving, customer text is only ever text, and the keyboard and a
// phone can do the same work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, signIn, customerSays, customerReceived,
  until, hasRoute, apiAs, ADMIN } from './harness.mjs';

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

// Sign in as the administrator and show every conversation.
async function inbox(viewport) {
  const page = await browser.page(viewport);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  page.dialogs = dialogs;
  await signIn(page, srv.url, ADMIN);
  await page.getByRole('tab', { name: /^all/i }).click();
  return page;
}

const row = (page, name) => page.getByRole('listitem')
  .filter({ hasText: name });
const composer = (page) => page.getByRole('textbox',
  { name: /reply to the customer/i });

// Everything the simulator has seen the business send to wa_id, as text.
async function sentTo(waId) {
  return JSON.stringify(await customerReceived(srv.url, waId));
}

test('a customer message appears live, and HTML in it stays text',
  async () => {
    const page = await inbox();
    await customerSays(srv.url, '15550000001', { profile_name: 'Live Lena',
      type: 'text', text: { body: 'Where is my parcel?' } });
    await row(page, 'Live Lena').waitFor({ timeout: 15000 });
    await row(page, 'Live Lena').getByRole('button').click();
    await page.locator('.msg.in').filter({ hasText: 'Where is my parcel?' })
      .waitFor();

    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>' +
      '<b>bold</b>';
    await customerSays(srv.url, '15550000001', { type: 'text',
      text: { body: evil } });
    const bubble = page.locator('.msg.in').filter({ hasText: 'onerror' });
    await bubble.waitFor({ timeout: 15000 });
    assert.equal((await bubble.locator('.msg-text').textContent()).trim(),
      evil);
    assert.equal(await page.locator('.messages script, .messages b, ' +
      '.messages img[src="x"]').count(), 0);
    assert.deepEqual(page.dialogs, []);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

test('every message type renders as what it is', async () => {
  const wa = '15550000002';
  await customerSays(srv.url, wa, { profile_name: 'Types Tom', type: 'image',
    image: { caption: 'the broken box' } });
  await customerSays(srv.url, wa, { type: 'location', location: {
    latitude: 37.5665, longitude: 126.978, name: 'City Hall' } });
  await customerSays(srv.url, wa, { type: 'document',
    document: { filename: 'receipt.pdf' } });
  await customerSays(srv.url, wa, { type: 'unsupported' });
  const page = await inbox();
  await row(page, 'Types Tom').getByRole('button').click();
  await page.getByText('the broken box').waitFor();
  const img = page.getByRole('button', { name: /open the photo/i });
  await img.waitFor();
  await img.click();
  await page.getByRole('dialog').locator('img.zoomed').waitFor();
  await page.keyboard.press('Escape');
  const map = page.getByRole('link', { name: /openstreetmap/i });
  assert.match(await map.getAttribute('href'),
    /^https:\/\/www\.openstreetmap\.org\/\?mlat=37\.5665&mlon=126\.978/);
  assert.equal(await map.getAttribute('rel'), 'noopener noreferrer');
  const doc = page.locator('a.doc').filter({ hasText: 'receipt.pdf' });
  assert.match(await doc.getAttribute('href'), /^\/api\/v1\/media\/\d+$/);
  await page.getByText(/unsupported message/i).first().waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a reply reaches the customer and its ticks advance', async () => {
  const wa = '15550000003';
  await customerSays(srv.url, wa, { profile_name: 'Reply Rita',
    type: 'text', text: { body: 'Can I change my address?' } });
  const page = await inbox();
  await row(page, 'Reply Rita').getByRole('button').click();
  await composer(page).fill('Yes, send me the new one.');
  await composer(page).press('Enter');
  const out = page.locator('.msg.out').filter({ hasText: 'send me the new' });
  await out.waitFor();
  assert.equal(await composer(page).inputValue(), '');
  // queued during the undo window, then sent and delivered by the phone
  await until(async () => ['sent', 'delivered', 'read'].includes(
    await out.locator('.tick').getAttribute('data-status')), 30000, 250);
  assert.match(await sentTo(wa), /send me the new one/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('undo within the window: the customer never receives it', async () => {
  const wa = '15550000004';
  await customerSays(srv.url, wa, { profile_name: 'Undo Uma',
    type: 'text', text: { body: 'Hello?' } });
  const page = await inbox();
  await row(page, 'Undo Uma').getByRole('button').click();
  await composer(page).fill('Oops, wrong customer');
  await composer(page).press('Enter');
  await page.getByRole('button', { name: /^undo$/i }).click();
  await page.getByText(/not sent/i).waitFor();
  assert.equal(await composer(page).inputValue(), 'Oops, wrong customer');
  await page.locator('.msg.out.cancelled').waitFor();
  // past the 5 s window and the dispatcher's next turn
  await new Promise((r) => setTimeout(r, 8000));
  assert.doesNotMatch(await sentTo(wa), /wrong customer/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('keyboard only: j opens, r replies, Enter sends', async () => {
  const wa = '15550000005';
  await customerSays(srv.url, wa, { profile_name: 'Keys Kim',
    type: 'text', text: { body: 'Are you open today?' } });
  const page = await inbox();
  await row(page, 'Keys Kim').waitFor();
  await page.locator('body').click({ position: { x: 700, y: 500 } });
  // the newest conversation is first
  await page.keyboard.press('j');
  await page.waitForURL(/\/inbox\/\d+$/);
  await page.getByRole('heading', { name: 'Keys Kim', level: 2 }).waitFor();
  await page.keyboard.press('r');
  await until(() => page.evaluate(() =>
    document.activeElement.tagName === 'TEXTAREA'));
  await page.keyboard.type('Until 6 pm.');
  await page.keyboard.press('Enter');
  await page.locator('.msg.out').filter({ hasText: 'Until 6 pm.' }).waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: /keyboard shortcuts/i }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a phone opens a thread in one pane and goes back', async () => {
  const wa = '15550000006';
  await customerSays(srv.url, wa, { profile_name: 'Phone Pia',
    type: 'text', text: { body: 'Sent from my phone' } });
  const page = await inbox({ width: 390, height: 844 });
  await row(page, 'Phone Pia').getByRole('button').click();
  await page.locator('.msg.in').filter({ hasText: 'Sent from my phone' })
    .waitFor();
  assert.equal(await page.getByRole('region', { name: /conversations/i })
    .isVisible(), false);
  await composer(page).fill('Got it');
  await composer(page).press('Enter');
  await page.locator('.msg.out').filter({ hasText: 'Got it' }).waitFor();
  await page.getByRole('button', { name: /^back$/i }).click();
  await row(page, 'Phone Pia').waitFor();
  const overflow = await page.evaluate(() =>
    document.documentElement.scrollWidth > innerWidth);
  assert.equal(overflow, false);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a template is offered and sent', async (t) => {
  const wa = '15550000007';
  await customerSays(srv.url, wa, { profile_name: 'Template Theo',
    type: 'text', text: { body: 'Hi' } });
  const page = await inbox();
  // the demo's templates live in the simulator until synchronised
  const convs = await until(async () => {
    const r = await apiAs(page, 'GET', '/api/v1/conversations?status=all');
    return (r.json.data || []).find((c) => c.contact.name ===
      'Template Theo');
  });
  const inboxId = convs.inbox_id;
  await apiAs(page, 'POST', '/api/v1/templates/sync?inbox_id=' + inboxId,
    { inbox_id: inboxId });
  const list = await apiAs(page, 'GET', '/api/v1/templates?inbox_id=' +
    inboxId);
  const usable = ((list.json && list.json.data) || []).filter((x) =>
    /approved/i.test(x.status || 'approved'));
  if (!usable.length) {
    t.skip('the demo server offers no approved template');
    await page.close();
    return;
  }
  await row(page, 'Template Theo').getByRole('button').click();
  await page.getByRole('button', { name: /^template$/i }).click();
  const dialog = page.getByRole('dialog');
  const tpl = usable[0];
  await dialog.getByRole('combobox').selectOption({ index: 1 });
  for (const input of await dialog.locator('input').all())
    await input.fill('Theo');
  await dialog.getByRole('button', { name: /send template/i }).click();
  await page.locator('.msg.out[data-type="template"]').waitFor();
  await until(async () => (await sentTo(wa)).includes(tpl.name), 30000, 250);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('bulk-assign several conversations at once', async (t) => {
  if (!await hasRoute(srv.url, 'POST', '/api/v1/conversations/bulk')) {
    t.skip('the server has no bulk conversation API yet');
    return;
  }
  for (const [wa, name] of [['15550000008', 'Bulk Bo'],
    ['15550000009', 'Bulk Bea']])
    await customerSays(srv.url, wa, { profile_name: name, type: 'text',
      text: { body: 'bulk' } });
  const page = await inbox();
  for (const name of ['Bulk Bo', 'Bulk Bea']) {
    await row(page, name).waitFor();
    await row(page, name).getByRole('checkbox').check();
  }
  const bar = page.getByRole('toolbar', { name: /bulk actions/i });
  await bar.getByText('2 selected').waitFor();
  await bar.getByRole('combobox', { name: /assign/i })
    .selectOption({ label: 'Alex Agent' });
  await page.getByText(/updated 2 conversations/i).waitFor();
  const r = await apiAs(page, 'GET', '/api/v1/conversations?status=all');
  const agents = r.json.data.filter((c) => /Bulk B/.test(c.contact.name))
    .map((c) => c.assignee_id);
  assert.equal(agents.length, 2);
  assert.ok(agents.every((a) => a && a === agents[0]));
  await page.close();
});
