// Offline-first in a real browser: load once online, go offline, add an employee
// and edit an ABK task with real clicks and keys, reload while still offline —
// the app starts from the service worker and both edits are there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, waitReady, click, typeInto, state, waitState, locate, pickFromCombo, openApp, waitServiceWorker, goTo, saveEmployee } from '../lib/harness.mjs';

const NIP = '199005142015031007';  // born 1990-05-14, TMT CPNS 2015-03, male, no. 007


test('edits made offline survive an offline reload', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await waitServiceWorker(page);  // first visit: the app is cached for offline use

    await click(page, 'login-demo');
    await waitState(page, (s) => s.loggedIn && s.persistIdle);
    const before = await state(page);

    await browser.context.setOffline(true);
    await waitState(page, (s) => !s.online);

    // --- add an employee, first with a wrong NIP: the form says why, inline.
    await goTo(page, 'nav-employees');
    await click(page, 'emp-add');
    await typeInto(page, '##emp-nip', '12345');
    await typeInto(page, '##emp-name', 'Siti Rahmawati Lubis');
    await click(page, 'emp-save');
    let s = await state(page);
    assert.equal(s.editorOpen, true, 'form stays open on errors');
    assert.ok(s.formIssues.includes('nip:nip.bad_length'), JSON.stringify(s.formIssues));

    await typeInto(page, '##emp-nip', NIP);
    await click(page, 'emp-gender-m');
    await typeInto(page, '##emp-birth_date', '1990-05-14');
    await pickFromCombo(page, '##emp-golongan', 'gol-III/a');
    await pickFromCombo(page, '##emp-education', 'S-1');
    await pickFromCombo(page, '##emp-office', 'Kelurahan Terjun##');
    await pickFromCombo(page, '##emp-position', '##p');
    s = await saveEmployee(page);
    assert.equal(s.editorOpen, false, 'saved: ' + JSON.stringify(s.formIssues));
    s = await waitState(page, (x) => x.save === 'saved' && x.persistIdle);
    assert.equal(s.employees, before.employees + 1);

    // --- edit an ABK task volume of a Terjun position.
    await goTo(page, 'nav-abk');
    await click(page, 'Kelurahan Terjun');
    const items = await page.evaluate(() => Module.seimbangItems().map((x) => x.label));
    const edit = items.find((l) => l.startsWith('Ubah##task-edit-'));
    assert.ok(edit, 'a task to edit');
    const taskId = edit.slice('Ubah##task-edit-'.length);
    await click(page, edit);
    await typeInto(page, '##task-volume', '77');
    await click(page, 'task-save');
    await waitState(page, (x) => !x.editorOpen && x.save === 'saved' && x.persistIdle);

    // --- reload with no network: served by the service worker, data from IndexedDB.
    await page.reload();
    await waitReady(page);
    s = await state(page);
    assert.equal(s.loggedIn, true, 'still signed in');
    assert.equal(s.employees, before.employees + 1);
    const emp = await page.evaluate((n) => Module.seimbangFind('employee', n), NIP);
    assert.equal(emp && emp.name, 'Siti Rahmawati Lubis');
    const task = await page.evaluate((t) => Module.seimbangFind('task', t), taskId);
    assert.equal(task && task.volume, 77);
    await locate(page, 'nav-employees');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
