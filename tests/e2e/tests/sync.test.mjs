// Issue 4 end to end, with the real server: log in for real, wait for the first
// pull, go offline, add an employee and edit an ABK task with real clicks and
// keys, reload while offline (the app starts, the edits are there), go online and
// check ON THE SERVER's database that each edit arrived exactly once (one row,
// the new value, one applied mutation each). Then the server ends the session
// (token expired): the app goes back to Masuk with a clear message, keeps the
// local edit, and sends it after the next login.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, launch, waitReady, click, typeInto, state, waitState, pickFromCombo, shot, openApp, waitServiceWorker, goTo, signIn } from '../lib/harness.mjs';

const NIP = '199208172019032011';  // born 1992-08-17, TMT CPNS 2019-03, female, no. 011

function sql(db, query) {
  return execFileSync('sqlite3', ['-readonly', '-json', db, query], { encoding: 'utf8' }).trim();
}
function rows(db, query) {
  const out = sql(db, query);
  return out ? JSON.parse(out) : [];
}




test('real login, offline edits, offline reload, exactly once on the server, session end', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await waitServiceWorker(page);  // first visit: the app is cached for offline use

    // --- online login + first pull of Kelurahan Terjun's scope
    await signIn(page, 'operator.terjun');
    let s = await waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running, 30000);
    assert.equal(s.demo, false);
    assert.equal(s.sync.account, true);
    assert.equal(s.sync.lastError, '');
    assert.ok(s.employees > 0, 'pulled employees: ' + JSON.stringify(s));
    const before = s;
    const serverEmployees = Number(sql(server.db, "SELECT count(*) AS n FROM employees").match(/\d+/)[0]);
    assert.ok(before.employees <= serverEmployees, 'only the scope was pulled');

    // --- offline: add an employee and edit an ABK task
    await browser.context.setOffline(true);
    await waitState(page, (x) => !x.online);
    await goTo(page, 'nav-employees');
    await click(page, 'emp-add');
    // Fill the form; under load a click can land before the field is ready, so
    // whatever the inline validation flags is filled again (as a person would).
    const fill = {
      nip: () => typeInto(page, '##emp-nip', NIP),
      name: () => typeInto(page, '##emp-name', 'Nurhayati Siregar'),
      gender: () => click(page, 'emp-gender-f'),
      birth_date: () => typeInto(page, '##emp-birth_date', '1992-08-17'),
      golongan: () => pickFromCombo(page, '##emp-golongan', 'gol-III/b'),
      education: () => pickFromCombo(page, '##emp-education', 'S-1'),
      office_id: () => pickFromCombo(page, '##emp-office', 'Kelurahan Terjun##'),
      position_id: () => pickFromCombo(page, '##emp-position', '##p'),
    };
    for (const f of Object.values(fill)) await f();
    for (let attempt = 0; ; attempt++) {
      await click(page, 'emp-save');
      s = await waitState(page, (x) => !x.editorOpen || x.formIssues.length > 0);
      if (!s.editorOpen || attempt === 3) break;
      for (const issue of s.formIssues) {
        const field = issue.split(':')[0];
        if (fill[field]) await fill[field]();
      }
    }
    assert.equal(s.editorOpen, false, 'saved: ' + JSON.stringify(s.formIssues));
    await waitState(page, (x) => x.save === 'saved' && x.persistIdle);

    await goTo(page, 'nav-abk');
    await click(page, 'Kelurahan Terjun');
    let edit;
    for (let i = 0; i < 100 && !edit; i++) {  // the task list lays out over a few frames
      const items = await page.evaluate(() => Module.seimbangItems().map((x) => x.label));
      edit = items.find((l) => l.startsWith('Ubah##task-edit-'));
      if (!edit) await page.waitForTimeout(50);
    }
    assert.ok(edit, 'a task to edit');
    const taskId = edit.slice('Ubah##task-edit-'.length);
    await click(page, edit);
    await typeInto(page, '##task-volume', '77');
    await click(page, 'task-save');
    s = await waitState(page, (x) => !x.editorOpen && x.save === 'saved' && x.persistIdle);
    assert.equal(s.pending, 2, 'one outbox entry per edit');

    await goTo(page, 'nav-sync');
    await shot(page, 'sync-offline-pending');
    await goTo(page, 'nav-home');
    await shot(page, 'home-offline-pending');

    // --- reload with no network: the app starts, the edits and the queue are there
    await page.reload();
    await waitReady(page);
    s = await state(page);
    assert.equal(s.loggedIn, true, 'still signed in');
    assert.equal(s.online, false);
    assert.equal(s.pending, 2);
    assert.equal(s.sync.hasToken, true, 'the token survived the reload');
    const emp = await page.evaluate((n) => Module.seimbangFind('employee', n), NIP);
    assert.equal(emp && emp.name, 'Nurhayati Siregar');
    const task = await page.evaluate((t) => Module.seimbangFind('task', t), taskId);
    assert.equal(task && task.volume, 77);

    // --- back online: the queue drains by itself
    await browser.context.setOffline(false);
    s = await waitState(page, (x) => x.online && x.pending === 0 && !x.sync.running && x.sync.lastError === '', 30000);
    assert.equal(s.sync.rejected, 0);
    assert.equal(s.sync.conflicts, 0);

    // --- on the server: exactly once
    const e = rows(server.db, `SELECT id, name FROM employees WHERE nip = '${NIP}'`);
    assert.equal(e.length, 1, 'one employee row');
    assert.equal(e[0].name, 'Nurhayati Siregar');
    const t = rows(server.db, `SELECT volume FROM abk_tasks WHERE id = '${taskId}'`);
    assert.equal(t.length, 1);
    assert.equal(Number(t[0].volume), 77);
    const dev = rows(server.db, "SELECT d.device_id FROM devices d JOIN users u ON u.id = d.user_id " +
                                "WHERE u.username = 'operator.terjun'");
    assert.equal(dev.length, 1, 'one device');
    const applied = rows(server.db, `SELECT counter, result FROM sync_applied WHERE device_id = '${dev[0].device_id}'`);
    assert.equal(applied.length, 2, 'two mutations recorded: ' + JSON.stringify(applied));
    for (const a of applied) assert.match(a.result, /applied/, JSON.stringify(a));
    await goTo(page, 'nav-sync');
    await shot(page, 'sync-online-synced');

    // --- the server ends the session: back to Masuk, the local edit is kept
    execFileSync('sqlite3', [server.db, 'UPDATE devices SET expires_ms = 1']);
    await goTo(page, 'nav-abk');
    await click(page, 'Kelurahan Terjun');
    await click(page, edit);
    await typeInto(page, '##task-volume', '78');
    await click(page, 'task-save');
    s = await waitState(page, (x) => !x.loggedIn, 30000);
    assert.equal(s.loginError, 'ui.sync.session_ended');
    assert.equal(s.pending, 1, 'the edit waits for the next login');
    await shot(page, 'masuk-session-ended');
    await signIn(page, 'operator.terjun');
    s = await waitState(page, (x) => x.loggedIn && x.pending === 0 && !x.sync.running && x.sync.lastError === '', 30000);
    const t2 = rows(server.db, `SELECT volume FROM abk_tasks WHERE id = '${taskId}'`);
    assert.equal(Number(t2[0].volume), 78);
    assert.equal((await page.evaluate((n) => Module.seimbangFind('employee', n), NIP)).name, 'Nurhayati Siregar');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
