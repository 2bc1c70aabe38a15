// Screenshot test of the main screens: each screen renders with real data (demo
// mode), in Bahasa Indonesia and English. PNGs land in tests/e2e/test-results/
// for people to look at; the test asserts through the widget locator that each
// screen shows what it is for (its offices, rows, fields), and on a phone that
// nothing runs past the right edge of the screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, waitReady, click, state, ROOT } from '../lib/harness.mjs';

const OUT = join(ROOT, 'tests/e2e/test-results');

const items = (page) => page.evaluate(() => Module.seimbangItems());

// Every widget on screen ends inside a phone's 390 px (nothing cut at the right).
async function withinPhone(page, name) {
  const over = (await items(page)).filter((x) => x.w > 0 && x.x + x.w > 390.5).map((x) => x.label);
  assert.deepEqual(over, [], `${name}: widgets past the right edge`);
}

test('main screens render (screenshots)', async () => {
  mkdirSync(OUT, { recursive: true });
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url);
    await waitReady(page);
    await page.screenshot({ path: join(OUT, 'masuk.png') });
    await click(page, 'login-demo');
    const s = await state(page);
    assert.equal(s.loggedIn, true);
    assert.ok(s.employees > 50, 'demo data seeded');
    // Per screen: [label part, at least how many widgets carry it] it must show.
    const shots = [
      ['nav-home', 'beranda', [['##home-', 6]]],                       // the kecamatan and its 5 kelurahan
      ['nav-employees', 'pegawai', [['##emp-search', 1], ['##emp-add', 1], ['##row-', 10]]],
      ['nav-units', 'unit-jabatan', [['###ut-', 6]]],                  // the office tree
      ['nav-abk', 'abk', [['###at-', 6], ['##abk-year', 1]]],
      ['nav-sync', 'sinkronisasi', []],                                // demo: a status text only
      ['nav-settings', 'pengaturan', []],                              // demo: the values, read only
    ];
    for (const [nav, name, expect] of shots) {
      await click(page, nav);
      await page.waitForTimeout(150);
      const png = await page.screenshot({ path: join(OUT, `${name}.png`) });
      assert.ok(png.length > 20000, `${name} is not blank`);
      const labels = await items(page).then((xs) => xs.map((x) => x.label));
      for (const [part, atLeast] of expect) {
        const n = labels.filter((l) => l.includes(part)).length;
        assert.ok(n >= atLeast, `${name} shows ${part} ${n} times, expected at least ${atLeast}`);
      }
    }
    // At 1366×768 (the offices' laptops): the kecamatan's ABK lists every unit's
    // positions; a kelurahan its own; a long seksi name wraps in the tree.
    await page.setViewportSize({ width: 1366, height: 768 });
    await click(page, 'nav-abk');
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(OUT, 'abk-kecamatan.png') });
    await click(page, 'Kelurahan Terjun');
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(OUT, 'abk-kelurahan.png') });
    await click(page, 'nav-units');
    await click(page, 'Seksi Ketenteraman dan Ketertiban Umum');
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(OUT, 'unit-jabatan-seksi.png') });
    // A phone (390×844): the tree as tall as its content above the table; a word
    // longer than the narrow Jabatan column ends in "…" (the whole name on tap).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, 'unit-jabatan-seksi-phone.png') });
    await withinPhone(page, 'unit-jabatan-seksi-phone');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(300);
    await click(page, 'nav-abk');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, 'abk-seksi-phone.png') });
    await withinPhone(page, 'abk-seksi-phone');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(300);
    await click(page, 'nav-units');
    await click(page, 'Kecamatan Medan Marelan');
    await page.setViewportSize({ width: 1366, height: 820 });
    await click(page, 'lang-en');
    await click(page, 'nav-home');
    await page.screenshot({ path: join(OUT, 'home-en.png') });
    await click(page, 'lang-id');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
