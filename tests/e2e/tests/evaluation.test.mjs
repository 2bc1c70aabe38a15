// Evaluasi (issue 11): the server holds balance snapshots of two periods (one
// closed, the running one open); a camat signs in, syncs, goes offline and
// still sees the trend of both periods for the kecamatan and a kelurahan;
// "Unduh" gives a CSV offline and the server's XLSX online; the print view is
// saved offline; the kelurahan's positions across periods are shown.
// Screenshots at the offices' laptop size and a phone land in test-results/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, launch, click, typeInto, waitState, openApp, goTo, locate, pickFromCombo, shot, SERVER, signIn } from '../lib/harness.mjs';


test('a camat sees the trend of two periods offline after a sync; Unduh offline and online', async () => {
  const server = await startServer();
  await server.halt();
  const snap = (period) => JSON.parse(execFileSync(SERVER,
    ['snapshot', '--db', server.db, '--period', period, '--today', '2026-12-07']).toString());
  assert.deepEqual([snap('2026-S1').closed, snap('2026-S2').closed], [true, false]);
  await server.resume();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, 'camat.marelan');
    await waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running, 60000);

    await browser.context.setOffline(true);
    await waitState(page, (s) => !s.online);
    await goTo(page, 'nav-evaluation');
    await locate(page, '##eval-bar-2026-S1');
    await locate(page, '##eval-bar-2026-S2');
    await shot(page, 'evaluation-camat-laptop');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await locate(page, '##eval-bar-2026-S1');
    await shot(page, 'evaluation-camat-phone');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(300);

    // A kelurahan below the kecamatan: its own two periods.
    await pickFromCombo(page, '##eval-office', 'Kelurahan Terjun##');
    await locate(page, '##eval-bar-2026-S1');
    await locate(page, '##eval-bar-2026-S2');
    await shot(page, 'evaluation-terjun-laptop');

    // "Unduh" offline: a CSV of this device's snapshots; online: the server's XLSX.
    await click(page, 'eval-download');
    await page.waitForFunction(() => Module.seimbangLastDownload, null, { timeout: 10000 });
    let dl = await page.evaluate(() => Module.seimbangLastDownload);
    assert.equal(dl.name, 'evaluasi-2026-S2.csv');
    assert.ok(dl.size > 100, JSON.stringify(dl));
    // The print view, offline too: an HTML page from the same snapshots.
    await click(page, 'eval-print');
    await page.waitForFunction(() => Module.seimbangLastDownload.name.endsWith('.html'), null, { timeout: 10000 });
    dl = await page.evaluate(() => Module.seimbangLastDownload);
    assert.equal(dl.name, 'evaluasi-2026-S2.html');
    assert.ok(dl.size > 2000, JSON.stringify(dl));
    // The positions of Terjun across both periods, on a tall laptop page and a phone.
    await page.setViewportSize({ width: 1366, height: 2300 });
    await page.waitForTimeout(300);
    await shot(page, 'evaluation-terjun-positions-laptop');
    await page.setViewportSize({ width: 390, height: 2600 });
    await page.waitForTimeout(300);
    await shot(page, 'evaluation-terjun-positions-phone');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(300);
    await browser.context.setOffline(false);
    await waitState(page, (s) => s.online);
    await click(page, 'eval-download');
    await page.waitForFunction(() => Module.seimbangLastDownload.name.endsWith('.xlsx'), null, { timeout: 20000 });
    dl = await page.evaluate(() => Module.seimbangLastDownload);
    assert.ok(dl.size > 3000, JSON.stringify(dl));  // a real workbook (ZIP), not an error body
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
