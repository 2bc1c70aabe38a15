// Issue 20, a person's placement in a real browser against the demo server: the
// Terjun operator corrects an employee's post with a reason (one recorded
// correction reaches the server with its history row), then archives the
// employee (asked once more) — the server holds the archive and its reason.
// Screenshots of the forms and the history at 1366×768 and 390×844.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, click, typeInto, waitState, openApp, goTo, pickFromCombo, shot, signIn, sql, onServer } from '../lib/harness.mjs';



// Opens the employee's form from the Pegawai list (searched by name).
async function openEmployee(page, id, name) {
  await goTo(page, 'nav-employees');
  await typeInto(page, '##emp-search', name);
  await click(page, 'row-' + id);
}


async function shots(page, name) {
  for (const [w, h, size] of [[1366, 768, 'laptop'], [390, 844, 'phone']]) {
    await page.setViewportSize({ width: w, height: h });
    await shot(page, `${name}-${size}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.waitForTimeout(300);
}

test('an operator corrects a post with a reason and archives an employee; the server holds both records', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const [emp, name, from] = sql(server.db,
      "SELECT e.id, e.name, e.position_id FROM employees e JOIN offices o ON o.id = e.office_id " +
      "WHERE o.name = 'Kelurahan Terjun' AND e.archived = 0 AND e.position_id IS NOT NULL ORDER BY e.name LIMIT 1").split('|');
    const to = sql(server.db,
      `SELECT id FROM positions WHERE office_id = (SELECT office_id FROM employees WHERE id = '${emp}') ` +
      `AND id <> '${from}' AND archived = 0 ORDER BY name LIMIT 1`);
    assert.ok(emp && to, 'a Terjun employee and another Terjun post');

    const { page, errors } = await openApp(browser, server.url);
    await signIn(page, 'operator.terjun');
    await waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running, 30000);

    // Correction: reason required, then saved with it.
    await openEmployee(page, emp, name);
    await click(page, 'emp-correct');
    await pickFromCombo(page, '##pl-position', 'plp' + to);
    await click(page, 'pl-save');
    assert.equal(sql(server.db, `SELECT position_id FROM employees WHERE id = '${emp}'`), from, 'nothing saved without a reason');
    await typeInto(page, '##pl-reason', 'salah input saat pendataan awal');
    await shots(page, 'placement-correction');
    await click(page, 'pl-save');
    await onServer(page, server.db, `SELECT position_id FROM employees WHERE id = '${emp}'`, to);
    assert.equal(sql(server.db, `SELECT cause || '|' || from_position_id || '|' || position_id || '|' || reason FROM placements WHERE employee_id = '${emp}'`),
      `koreksi|${from}|${to}|salah input saat pendataan awal`);

    // Archive: asked once more, then the server holds the archive with its exit kind and reason.
    await openEmployee(page, emp, name);
    await click(page, 'emp-archive');
    await pickFromCombo(page, '##pl-exit', 'ple-pindah_instansi');
    await typeInto(page, '##pl-reason', 'pindah ke Pemprov Sumut');
    await click(page, 'pl-save');
    await shots(page, 'placement-archive-confirm');
    assert.equal(sql(server.db, `SELECT archived FROM employees WHERE id = '${emp}'`), '0', 'not archived before the confirmation');
    await click(page, 'pl-confirm');
    await onServer(page, server.db, `SELECT archived FROM employees WHERE id = '${emp}'`, '1');
    assert.equal(sql(server.db, `SELECT exit_kind || '|' || reason FROM placements WHERE employee_id = '${emp}' AND cause = 'arsip'`),
      'pindah_instansi|pindah ke Pemprov Sumut');

    // Findable under "Tampilkan arsip", with its history.
    await goTo(page, 'nav-employees');
    await click(page, 'emp-show-archived');
    await typeInto(page, '##emp-search', name);
    await click(page, 'row-' + emp);
    await shots(page, 'placement-history');
    await page.setViewportSize({ width: 1366, height: 1400 });  // the whole form with its history below
    await shot(page, 'placement-history-tall');
    await page.setViewportSize({ width: 1366, height: 768 });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
