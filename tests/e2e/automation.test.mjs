// The automation screens in a real browser against `parley serve --demo`:
// a supervisor writes a keyword rule in the editor, sees it match in the
// tester and saves it; a simulated customer then sends the keyword, the
// reply reaches the phone and the thread shows the rule's activity line.
// Also: agents see no automation settings, and every screen renders at
// desktop and phone size without script errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startServer, launchBrowser, signIn, customerSays, customerReceived,
  until, apiAs, AGENT } from './harness.mjs';

const SUPERVISOR = 'supervisor@demo.test';
const SHOTS = process.env.PARLEY_SCREENSHOTS;

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

async function signedIn(email, viewport) {
  const page = await browser.page(viewport);
  page.on('dialog', (d) => d.accept());
  await signIn(page, srv.url, email);
  return page;
}

// Save a screenshot when PARLEY_SCREENSHOTS names a folder.
async function shot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

test('a keyword rule is written, tested, saved, and then answers a customer',
  async () => {
    const page = await signedIn(SUPERVISOR);
    await page.goto(srv.url + '/settings/rules');
    await page.getByRole('button', { name: 'New rule' }).click();
    const editor = page.getByRole('form', { name: 'Rule editor' });
    await editor.getByLabel('Name', { exact: true }).fill('Zebra keyword');
    // The new rule starts with "message text has any keyword".
    await editor.getByLabel('Value').fill('zebrafish, quagga');
    await editor.getByLabel('Text', { exact: true })
      .fill('Stripes for {{contact.name|you}}: ticket {{conversation.id}}');
    await editor.getByLabel('Stop evaluating later rules').check();

    const tester = page.getByRole('complementary', { name: 'Tester' });
    await tester.getByLabel('Sample message').fill('I want a ZEBRAFISH now');
    await tester.getByRole('button', { name: 'Run test' }).click();
    const hit = tester.locator('li.hit').filter({ hasText: 'Zebra keyword' });
    await hit.waitFor();
    await tester.getByText('Stripes for you').waitFor();
    await tester.getByLabel('Sample message').fill('a horse');
    await tester.getByRole('button', { name: 'Run test' }).click();
    await tester.locator('li.miss').filter({ hasText: 'Zebra keyword' })
      .waitFor();
    await shot(page, 'automation-rules-desktop');

    await editor.getByRole('button', { name: 'Save rule' }).click();
    const row = page.locator('.rule-row').filter({ hasText: 'Zebra keyword' });
    await row.waitFor();
    // Move it first, so no seeded rule with "stop" runs before it.
    const rules = (await apiAs(page, 'GET', '/api/v1/rules')).json.data;
    const mine = rules.find((r) => r.name === 'Zebra keyword');
    assert.deepEqual(mine.conditions, { all: [{ field: 'text',
      op: 'keywords', value: ['zebrafish', 'quagga'] }] });
    assert.equal(mine.stop, true);
    while (!(await page.locator('.rule-row').first()
      .filter({ hasText: 'Zebra keyword' }).count())) {
      await row.getByRole('button', { name: 'Move Zebra keyword up' })
        .click();
      await page.waitForTimeout(150);
    }
    const order = (await apiAs(page, 'GET', '/api/v1/rules')).json.data;
    assert.equal(order[0].name, 'Zebra keyword', 'reorder was stored');

    const wa = '15550009911';
    await customerSays(srv.url, wa, { profile_name: 'Zoe Zebra',
      type: 'text', text: { body: 'Do you sell zebrafish?' } });
    const got = await until(async () => {
      const r = JSON.stringify(await customerReceived(srv.url, wa));
      return r.includes('Stripes for Zoe Zebra') && r;
    }, 20000);
    assert.match(got, /ticket \d+/);

    const list = (await apiAs(page, 'GET',
      '/api/v1/conversations?status=all&limit=50')).json.data;
    const conv = list.find((c) => c.contact && c.contact.name === 'Zoe Zebra');
    assert.ok(conv, 'the conversation exists');
    await page.goto(srv.url + '/inbox/' + conv.id);
    const line = page.locator('.activity')
      .filter({ hasText: 'Rule ‘Zebra keyword’ sent a reply' });
    await line.waitFor({ timeout: 15000 });
    assert.equal(await page.locator('.messages .unknown').count(), 0,
      'no activity shows as unsupported');
    await page.getByRole('button', { name: 'Contact' }).first().click()
      .catch(() => {});
    await page.locator('.auto-history').filter({ hasText: 'Zebra keyword' })
      .waitFor({ timeout: 10000 });
    await shot(page, 'automation-thread-desktop');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

test('agents see no automation settings', async () => {
  const page = await signedIn(AGENT);
  await page.goto(srv.url + '/settings/rules');
  await page.getByRole('navigation', { name: 'Settings' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Rules' }).count(), 0);
  assert.equal(await page.locator('.rules-page').count(), 0);
  await page.close();
});

test('every automation screen renders on a desktop and a phone',
  async () => {
    for (const [vp, tag] of [[{ width: 1440, height: 900 }, 'desktop'],
      [{ width: 390, height: 844 }, 'phone']]) {
      const page = await signedIn(SUPERVISOR, vp);
      for (const sec of ['rules', 'sla', 'hours', 'assignment']) {
        await page.goto(srv.url + '/settings/' + sec);
        await page.locator('.settings-body h2').first().waitFor();
        await page.waitForTimeout(300);
        // The settings pane itself never scrolls sideways (wide tables
        // scroll in their own box).
        const wide = await page.evaluate(() => {
          const b = document.querySelector('.settings-body');
          return b.scrollWidth > b.clientWidth + 1;
        });
        assert.equal(wide, false, `${sec} on ${tag} scrolls sideways`);
        await shot(page, `automation-${sec}-${tag}`);
      }
      assert.deepEqual(page.errors, []);
      await page.close();
    }
  });
