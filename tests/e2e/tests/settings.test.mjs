// Pengaturan (docs/SETTINGS.md): BKPSDM changes the rule settings from the
// screen. A number typed the English way is refused on the device with nothing
// sent; typed the Indonesian way it is saved on the server for every office,
// with its version and who changed it. Screenshots at laptop and phone size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, launch, click, typeInto, waitState, openApp, goTo, locate, shot, signIn } from '../lib/harness.mjs';


test('bkpsdm changes the settings on the Pengaturan screen; a wrong number is refused on the device', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, 'bkpsdm.medan');
    await waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running, 60000);
    // The server's own record: the rules in force and the change log.
    const sql = (q) => execFileSync('sqlite3', ['-json', server.db, q]).toString().trim();
    const settings = async () => {
      const log = JSON.parse(sql('SELECT count(*) AS n, max(username) AS who FROM settings_log'))[0];
      const rules = sql("SELECT value FROM settings WHERE key = 'rules'");
      return { version: log.n, changed_by: log.who, rules: rules ? JSON.parse(JSON.parse(rules)[0].value) : null };
    };
    await goTo(page, 'nav-settings');
    await locate(page, '##set-wke');
    await shot(page, 'pengaturan-bkpsdm-laptop');

    // "0.85" is the English way: refused here, nothing reaches the server.
    // Tall, so the whole form is in view (wheel events do not reach the canvas
    // reliably in headless Chromium).
    await page.setViewportSize({ width: 1366, height: 1800 });
    await page.waitForTimeout(300);
    await typeInto(page, '##set-bal-min', '0.85');
    await click(page, 'set-rules-save');
    await page.waitForTimeout(500);
    await shot(page, 'pengaturan-refused');
    assert.equal((await settings()).version, 0);

    await typeInto(page, '##set-bal-min', '0,85');
    await typeInto(page, '##set-wke', '72.000');
    await click(page, 'set-rules-save');
    let doc;
    for (let i = 0; i < 50; i++) {
      doc = await settings();
      if (doc.version === 1) break;
      await page.waitForTimeout(200);
    }
    assert.equal(doc.version, 1);
    assert.equal(doc.changed_by, 'bkpsdm.medan');
    assert.equal(doc.rules.wke_minutes, 72000);
    assert.equal(doc.rules.status_bands.balanced_min, 0.85);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    const wke = await locate(page, '##set-wke');
    assert.ok(wke.x >= 0 && wke.x + wke.w <= 390, `the field fits the phone: ${JSON.stringify(wke)}`);
    await shot(page, 'pengaturan-bkpsdm-phone');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
