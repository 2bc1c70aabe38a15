// Issue 15 item 1, competence profiles in a real browser against the demo
// server: the Terjun operator adds competences to an employee (from the list,
// with a level, and one of the instansi's own), then raises a post's minimum
// competences on Unit & Jabatan; both reach the server through sync.
// Screenshots of both editors at 1366 and 390 px wide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, click, typeInto, waitState, openApp, goTo, pickFromCombo, shot, signIn, sql, onServer } from '../lib/harness.mjs';



// The page is tall: the whole form in view without scrolling the canvas
// (wheel events do not reach it reliably in headless Chromium).
async function shots(page, name) {
  for (const [w, h, size] of [[1366, 1400, 'laptop'], [390, 2400, 'phone']]) {
    await page.setViewportSize({ width: w, height: h });
    await shot(page, `${name}-${size}`);
  }
  await page.setViewportSize({ width: 1366, height: 1400 });
  await page.waitForTimeout(300);
}

test('an operator edits an employee\'s competences and a post\'s requirements; the server holds both', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const [emp, name, pos] = sql(server.db,
      "SELECT e.id, e.name, e.position_id FROM employees e JOIN offices o ON o.id = e.office_id " +
      "WHERE o.name = 'Kelurahan Terjun' AND e.archived = 0 AND e.position_id IS NOT NULL " +
      "AND json_extract(e.competences, '$.pengambilan_keputusan') IS NULL ORDER BY e.name LIMIT 1").split('|');
    assert.ok(emp && pos, 'a Terjun employee without the competence yet');

    const { page, errors } = await openApp(browser, server.url);
    await page.setViewportSize({ width: 1366, height: 1400 });
    await signIn(page, 'operator.terjun');
    await waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running, 30000);

    // Pegawai: a listed competence at level 4, and one of the instansi's own.
    await goTo(page, 'nav-employees');
    await typeInto(page, '##emp-search', name);
    await click(page, 'row-' + emp);
    await pickFromCombo(page, '##empc-add', 'empc-add-pengambilan_keputusan');
    await click(page, 'empc-pengambilan_keputusan-4');
    await typeInto(page, '##empc-custom', 'Kearsipan Digital');
    await click(page, 'empc-add-custom');
    await click(page, 'empc-kearsipan_digital-2');
    await shots(page, 'competences-employee');
    await click(page, 'emp-save');
    // A golongan outside the post's range asks once more ("Tetap simpan").
    await page.waitForTimeout(300);
    const items = await page.evaluate(() => Module.seimbangItems().map((x) => x.label));
    if (items.some((l) => l.endsWith('###emp-save') && !l.startsWith('Simpan'))) await click(page, 'emp-save');
    await onServer(page, server.db,
      `SELECT json_extract(competences, '$.pengambilan_keputusan') || '|' || json_extract(competences, '$.kearsipan_digital') FROM employees WHERE id = '${emp}'`,
      '4|2');

    // Unit & Jabatan: the post now asks for the instansi's own competence at level 3.
    await goTo(page, 'nav-units');
    await click(page, 'pos-edit-' + pos);
    await pickFromCombo(page, '##posc-add', 'posc-add-kearsipan_digital');
    await click(page, 'posc-kearsipan_digital-3');
    await shots(page, 'competences-position');
    await click(page, 'pos-save');
    await onServer(page, server.db,
      `SELECT json_extract(requirements, '$.kearsipan_digital') FROM positions WHERE id = '${pos}'`, '3');

    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
