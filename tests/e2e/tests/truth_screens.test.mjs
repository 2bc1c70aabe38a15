// Issue 20 with real accounts of the demo server: a Terjun operator's screens
// show Terjun only (no kecamatan or kota row carrying Terjun's figures; the
// office tree starts at Terjun), and a pegawai gets "Data saya" under their own
// name. Screenshots at the offices' laptop size (1366×768) and a phone
// (390×844) land in tests/e2e/test-results/ for people to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, launch, click, typeInto, waitState, openApp, goTo, locate, shot, signIn } from '../lib/harness.mjs';


async function labels(page) {
  return page.evaluate(() => Module.seimbangItems().map((x) => x.label));
}

const SIZES = [[1366, 768, 'laptop'], [390, 844, 'phone']];

test('a Terjun operator sees Terjun only; a pegawai sees Data saya', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await signIn(page, 'operator.terjun');
    await waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running, 30000);

    await goTo(page, 'nav-home');
    let l = await labels(page);
    assert.ok(l.some((x) => x.startsWith('Kelurahan Terjun##home-')), 'Terjun row on Beranda');
    assert.ok(!l.some((x) => x.startsWith('Kecamatan Medan Marelan##home-')), 'no kecamatan row: ' + l.join(' | '));
    for (const [w, h, name] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      await shot(page, `truth-operator-beranda-${name}`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    for (const [nav, file] of [['nav-abk', 'abk'], ['nav-units', 'unit-jabatan'], ['nav-employees', 'pegawai']]) {
      await goTo(page, nav);
      l = await labels(page);
      if (nav !== 'nav-employees') {
        assert.ok(l.some((x) => x.startsWith('Kelurahan Terjun###')), `${nav}: tree starts at Terjun`);
        assert.ok(!l.some((x) => x.startsWith('Kelurahan Paya Pasir###')), `${nav}: no Paya Pasir in the tree`);
        assert.ok(!l.some((x) => x.startsWith('Kecamatan Medan Marelan###')), `${nav}: no kecamatan in the tree`);
      }
      for (const [w, h, name] of SIZES) {
        await page.setViewportSize({ width: w, height: h });
        await shot(page, `truth-operator-${file}-${name}`);
      }
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.waitForTimeout(300);
    }

    // A pegawai: Data saya, the person's own record, under their name.
    await page.waitForTimeout(300);  // the resized layout is drawn before the click
    await click(page, 'logout');
    await waitState(page, (x) => !x.loggedIn);
    await signIn(page, 'pegawai.terjun');
    await waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running, 30000);
    await locate(page, '##my-data-name', { timeout: 10000 });
    l = await labels(page);
    assert.ok(!l.some((x) => x.endsWith('##nav-abk')), 'no ABK for a pegawai');
    // The account carries the person's name (the employee it is linked to), not the office's.
    const who = execFileSync('sqlite3', ['-readonly', server.db,
      "SELECT u.display_name = e.name FROM users u JOIN employees e ON e.id = u.employee_id WHERE u.username = 'pegawai.terjun'"],
      { encoding: 'utf8' }).trim();
    assert.equal(who, '1', 'pegawai.terjun is named after its employee');
    for (const [w, h, name] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      await shot(page, `truth-pegawai-data-saya-${name}`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
