// Issue 18: one browser profile, several tabs. Exactly one tab owns the local
// database; the others say so and offer "Lanjutkan di sini", which hands the
// database over (the owner saves and stops). Edits made in each tab, handed
// back and forth across three tabs, with the owner closed in the middle of an
// edit — all while offline — reach the server exactly once when the network
// returns. Before this, each tab wrote its whole copy of the database back and
// the last one silently erased the others' saved edits and outbox.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, launch, waitReady, click, typeInto, state, waitState, shot, openApp, waitServiceWorker, goTo, terjunTasks, saveTask, signIn } from '../lib/harness.mjs';

function rows(db, query) {
  const out = execFileSync('sqlite3', ['-readonly', '-json', db, query], { encoding: 'utf8' }).trim();
  return out ? JSON.parse(out) : [];
}



// Opens the task's editor and types the volume; saves unless `save` is false.
async function editTask(page, task, volume, save = true) {
  await goTo(page, 'nav-abk');
  await click(page, 'Kelurahan Terjun');
  await click(page, task.pos);
  await click(page, 'Ubah##task-edit-' + task.id);
  await typeInto(page, '##task-volume', String(volume));
  if (!save) return;
  await saveTask(page);
  await waitState(page, (x) => !x.editorOpen && x.save === 'saved' && x.persistIdle);
}

const volume = async (page, task) => (await page.evaluate((t) => Module.seimbangFind('task', t), task.id)).volume;

async function newTab(browser, url) {
  const page = await browser.context.newPage();
  await page.goto(url);
  await waitReady(page);
  return page;
}

// Presses "Lanjutkan di sini" and waits until this tab owns the database.
// A tab that owned before reloads to take over, so the page may navigate meanwhile.
async function continueHere(page) {
  await click(page, 'tab-continue').catch(() => {});
  const end = Date.now() + 20000;
  for (;;) {
    const s = await page.evaluate(() => window.Module && Module.seimbangReady ? Module.seimbangState() : null)
      .catch(() => null);
    if (s && s.owner === true) { await page.waitForTimeout(100); return state(page); }
    if (Date.now() > end) throw new Error('did not take over: ' + JSON.stringify(s));
    await page.waitForTimeout(100);
  }
}

const OWNER_ELSEWHERE = 2, HANDED_OVER = 5;

test('three tabs: one owner, hand-over back and forth, owner closed mid-edit, offline then online', { timeout: 600000 }, async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page: a, errors } = await openApp(browser, server.url);
    await waitServiceWorker(a);
    await signIn(a, 'operator.terjun');
    await waitState(a, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running && x.persistIdle, 30000);
    const tasks = await terjunTasks(a);

    // Offline throughout: every edit waits in the (shared) outbox.
    await browser.context.setOffline(true);
    await waitState(a, (x) => !x.online);
    await editTask(a, tasks[0], 71);

    // --- a second tab: the notice, nothing else; the first tab keeps working
    const b = await newTab(browser, server.url);
    let s = await state(b);
    assert.equal(s.owner, false);
    assert.equal(s.ownerState, OWNER_ELSEWHERE);
    await shot(b, 'tab-elsewhere');
    await editTask(a, tasks[1], 72);

    // --- hand-over to the second tab: it has both edits and the outbox
    s = await continueHere(b);
    assert.equal(s.loggedIn, true);
    assert.equal(s.pending, 2);
    assert.equal(await volume(b, tasks[0]), 71, 'the first tab\'s edit survived the hand-over');
    assert.equal(await volume(b, tasks[1]), 72);
    s = await waitState(a, (x) => x.owner === false && x.ownerState === HANDED_OVER);
    await shot(a, 'tab-moved');
    await editTask(b, tasks[2], 73);

    // --- a third tab takes over from the second
    const c = await newTab(browser, server.url);
    assert.equal((await state(c)).owner, false);
    s = await continueHere(c);
    assert.equal(s.pending, 3);
    assert.deepEqual([await volume(c, tasks[0]), await volume(c, tasks[1]), await volume(c, tasks[2])], [71, 72, 73]);
    await waitState(b, (x) => x.owner === false && x.ownerState === HANDED_OVER);
    await editTask(c, tasks[3], 74);

    // --- and back to the first tab (it reloads to start from the saved data)
    s = await continueHere(a);
    assert.equal(s.pending, 4);
    assert.equal(await volume(a, tasks[3]), 74);
    await waitState(c, (x) => x.owner === false);

    // --- the owner is closed in the middle of an edit (typed, not saved)
    const before = await volume(a, tasks[4]);
    await editTask(a, tasks[4], 999, false);
    assert.equal((await state(a)).editorOpen, true);
    await a.close();
    s = await continueHere(b);
    assert.equal(s.pending, 4, 'every saved edit, nothing of the unsaved form');
    assert.equal(await volume(b, tasks[4]), before);
    await editTask(b, tasks[4], 75);

    // --- online: the owner sends everything, once
    await browser.context.setOffline(false);
    s = await waitState(b, (x) => x.online && x.pending === 0 && !x.sync.running && x.sync.lastError === '', 30000);
    assert.equal(s.sync.rejected, 0);
    assert.equal(s.sync.conflicts, 0);
    const list = tasks.slice(0, 5).map((t) => `'${t.id}'`).join(',');
    const onServer = Object.fromEntries(rows(server.db, `SELECT id, volume FROM abk_tasks WHERE id IN (${list})`)
      .map((r) => [r.id, Number(r.volume)]));
    assert.deepEqual(tasks.slice(0, 5).map((t) => onServer[t.id]), [71, 72, 73, 74, 75]);
    const dev = rows(server.db, "SELECT d.device_id FROM devices d JOIN users u ON u.id = d.user_id " +
                                "WHERE u.username = 'operator.terjun'");
    assert.equal(dev.length, 1, 'one device: the tabs share it');
    const applied = rows(server.db, `SELECT counter, result FROM sync_applied WHERE device_id = '${dev[0].device_id}'`);
    assert.equal(applied.length, 5, 'five mutations, each once: ' + JSON.stringify(applied));
    for (const x of applied) assert.match(x.result, /applied/, JSON.stringify(x));
    // The tabs that handed over never sent anything: the server saw one push run.
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('logout in the owning tab while another tab is open', { timeout: 300000 }, async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page: a } = await openApp(browser, server.url);
    await signIn(a, 'operator.terjun');
    await waitState(a, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running && x.persistIdle, 30000);
    const b = await newTab(browser, server.url);
    assert.equal((await state(b)).owner, false);
    // The notice tab cannot sign out or change anything: only the owner can.
    await click(a, 'logout');
    await waitState(a, (x) => !x.loggedIn && x.persistIdle);
    let s = await continueHere(b);
    assert.equal(s.loggedIn, false, 'signed out in every tab');
    assert.equal(s.screen, 'ui.nav.login');
    s = await signIn(b, 'operator.terjun');
    assert.equal(s.loggedIn, true);
    s = await waitState(b, (x) => x.sync.firstPullDone && !x.sync.running && x.sync.lastError === '', 30000);
    assert.ok(s.employees > 0);
    assert.equal((await state(a)).owner, false);
  } finally {
    await browser.close();
    await server.stop();
  }
});

// Browsers without Web Locks (older Android WebViews): ownership falls back to
// asking over BroadcastChannel. The same promise holds: one owner, a hand-over
// keeps every saved edit and the outbox, the server gets each edit once.
test('without Web Locks: the BroadcastChannel fallback keeps one owner and loses nothing', { timeout: 300000 }, async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    await browser.context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });
    });
    const { page: a, errors } = await openApp(browser, server.url);
    assert.equal(await a.evaluate(() => navigator.locks), undefined, 'Web Locks hidden from the app');
    await signIn(a, 'operator.terjun');
    await waitState(a, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running && x.persistIdle, 30000);
    const tasks = await terjunTasks(a);
    await browser.context.setOffline(true);
    await waitState(a, (x) => !x.online);
    await editTask(a, tasks[0], 61);

    const b = await newTab(browser, server.url);
    let s = await state(b);
    assert.equal(s.owner, false, 'the first tab answered: it owns the database');
    assert.equal(s.ownerState, OWNER_ELSEWHERE);
    s = await continueHere(b);
    assert.equal(s.pending, 1);
    assert.equal(await volume(b, tasks[0]), 61);
    await waitState(a, (x) => x.owner === false && x.ownerState === HANDED_OVER);
    await editTask(b, tasks[1], 62);

    s = await continueHere(a);
    assert.equal(s.pending, 2);
    assert.deepEqual([await volume(a, tasks[0]), await volume(a, tasks[1])], [61, 62]);
    await waitState(b, (x) => x.owner === false);

    await browser.context.setOffline(false);
    await waitState(a, (x) => x.online && x.pending === 0 && !x.sync.running && x.sync.lastError === '', 30000);
    const list = tasks.slice(0, 2).map((t) => `'${t.id}'`).join(',');
    const onServer = Object.fromEntries(rows(server.db, `SELECT id, volume FROM abk_tasks WHERE id IN (${list})`)
      .map((r) => [r.id, Number(r.volume)]));
    assert.deepEqual(tasks.slice(0, 2).map((t) => onServer[t.id]), [61, 62]);
    const applied = rows(server.db, 'SELECT a.counter FROM sync_applied a JOIN devices d ON d.device_id = a.device_id ' +
                                    "JOIN users u ON u.id = d.user_id WHERE u.username = 'operator.terjun'");
    assert.equal(applied.length, 2, 'each edit applied once');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
