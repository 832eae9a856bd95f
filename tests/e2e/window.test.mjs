// When the customer last wrote more than 24 hours ago, WhatsApp accepts
// only templates: the composer says so, free text is refused, and a
// template is offered and reaches the customer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startServer, launchBrowser, signIn, customerReceived, until, apiAs,
  ADMIN } from './harness.mjs';

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

// A customer message as Meta would deliver it, written `hours` ago, signed
// with the demo inbox's app secret.
async function oldMessage(waId, name, text, hours) {
  const ts = Math.floor(Date.now() / 1000) - hours * 3600;
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '100000000000002', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550000001',
        phone_number_id: '100000000000001' },
      contacts: [{ profile: { name }, wa_id: waId }],
      messages: [{ from: waId, id: `wamid.old.${waId}`, timestamp: String(ts),
        type: 'text', text: { body: text } }],
    } }] }],
  });
  const sig = 'sha256=' + createHmac('sha256', 'demo-app-secret')
    .update(body).digest('hex');
  const r = await fetch(srv.url + '/webhooks/whatsapp', { method: 'POST',
    headers: { 'Content-Type': 'application/json',
      'X-Hub-Signature-256': sig }, body });
  assert.equal(r.status, 200, await r.text());
}

test('after 24 hours only a template can be sent, and the app offers one',
  async () => {
    const wa = '15550001225';
    await oldMessage(wa, 'Yesterday Yuna', 'Are you open tomorrow?', 25);
    const page = await browser.page();
    await signIn(page, srv.url, ADMIN);
    await page.getByRole('tab', { name: /^all/i }).click();
    const row = page.getByRole('listitem').filter({ hasText: 'Yesterday Yuna' });
    await row.getByRole('button').first().click();
    await page.getByText(/reply window closed/i).first().waitFor();

    // The server refuses free text, with the reason the app shows.
    const conv = await until(async () => {
      const r = await apiAs(page, 'GET', '/api/v1/conversations?status=all');
      return (r.json.data || []).find((c) => c.contact.wa_id === wa);
    });
    const free = await apiAs(page, 'POST',
      `/api/v1/conversations/${conv.id}/messages`,
      { type: 'text', text: { body: 'hello?' } });
    assert.equal(free.status, 422);
    assert.equal(free.json.error.code, 'window_closed');

    await apiAs(page, 'POST', '/api/v1/templates/sync?inbox_id=' +
      conv.inbox_id, {});
    await page.getByRole('button', { name: /^template$/i }).click();
    const dialog = page.getByRole('dialog');
    const options = await dialog.getByRole('combobox').locator('option')
      .allTextContents();
    const pick = options.findIndex((o) => /hello_world/.test(o));
    assert.ok(pick > 0, 'hello_world is offered: ' + options.join(', '));
    await dialog.getByRole('combobox').selectOption({ index: pick });
    for (const input of await dialog.locator('input').all())
      await input.fill('Yuna');
    await dialog.getByRole('button', { name: /send template/i }).click();
    await until(async () => JSON.stringify(
      await customerReceived(srv.url, wa)).includes('hello_world'),
    30000, 250);
    // Free text never left.
    assert.ok(!JSON.stringify(await customerReceived(srv.url, wa))
      .includes('hello?'));
    assert.deepEqual(page.errors, []);
    await page.close();
  });
