// Issue 18, storage: the SQLite file lives in memory and only the pages a commit
// changed go to IndexedDB, in one transaction. A page killed between a save and
// its flush (or during the flush) leaves the last committed state, never a mix;
// a database of the earlier IDBFS layout is migrated with its pending edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, launch, waitReady, click, typeInto, state, waitState, openApp, waitServiceWorker, goTo, terjunTasks, saveTask } from '../lib/harness.mjs';

function rows(db, query) {
  const out = execFileSync('sqlite3', ['-readonly', '-json', db, query], { encoding: 'utf8' }).trim();
  return out ? JSON.parse(out) : [];
}

// Edits a task's volume; resolves once the app committed it (not necessarily flushed).
async function editTask(page, task, volume) {
  await goTo(page, 'nav-abk');
  await click(page, 'Kelurahan Terjun');
  await click(page, task.pos);
  await click(page, 'Ubah##task-edit-' + task.id);
  await typeInto(page, '##task-volume', String(volume));
  await saveTask(page);
  await waitState(page, (x) => !x.editorOpen && (x.save === 'saving' || x.save === 'saved'));
}

const volume = async (page, task) => (await page.evaluate((t) => Module.seimbangFind('task', t), task.id)).volume;
const integrity = (page) => page.evaluate(() => Module.ccall('seimbang_integrity_check', 'string', [], []));

// The renderer dies: no pagehide, no flush. (Page.crash never answers.)
async function crash(browser, page) {
  const crashed = new Promise((r) => page.once('crash', r));
  const cdp = await browser.context.newCDPSession(page);
  cdp.send('Page.crash').catch(() => {});
  await Promise.race([crashed, new Promise((r) => setTimeout(r, 5000))]);
}

test('a page killed between a save and its flush (or during it) leaves a consistent database', { timeout: 300000 }, async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    let { page } = await openApp(browser, server.url);
    await click(page, 'login-demo');
    await waitState(page, (s) => s.loggedIn && s.persistIdle);
    const ids = await terjunTasks(page, 3);
    const original = [await volume(page, ids[0]), await volume(page, ids[1]), await volume(page, ids[2])];

    await editTask(page, ids[0], 61);
    await waitState(page, (x) => x.save === 'saved' && x.persistIdle);
    // Hold the flush: the next save is committed in memory, not yet in IndexedDB.
    await page.evaluate(() => { Module.seimbangStore.debounceMs = 3600 * 1000; });
    await editTask(page, ids[1], 62);
    let s = await state(page);
    assert.equal(s.save, 'saving', '"Tersimpan" is not shown before IndexedDB has it');
    assert.equal(s.persistIdle, false);
    await crash(browser, page);

    page = (await openApp(browser, server.url)).page;
    s = await state(page);
    assert.equal(s.owner, true, 'the crashed tab\'s lock was released');
    assert.equal(s.loggedIn, true);
    assert.equal(await integrity(page), 'ok');
    assert.equal(await volume(page, ids[0]), 61, 'the saved edit is there');
    assert.equal(await volume(page, ids[1]), original[1], 'the unflushed edit is not, and nothing half-written');

    // Two saves held, then killed while their one flush runs: both are there or neither.
    await page.evaluate(() => { Module.seimbangStore.debounceMs = 3600 * 1000; });
    await editTask(page, ids[2], 63);
    await editTask(page, ids[1], 64);
    await page.evaluate(() => Module.seimbangStore.flush());
    await crash(browser, page);
    page = (await openApp(browser, server.url)).page;
    assert.equal(await integrity(page), 'ok');
    const v1 = await volume(page, ids[1]), v2 = await volume(page, ids[2]);
    assert.ok((v1 === 64 && v2 === 63) || (v1 === original[1] && v2 === original[2]),
              `one flush, whole or not at all: ${v1}, ${v2}`);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('a database of the earlier IDBFS layout is migrated with its pending edits', { timeout: 300000 }, async () => {
  const server = await startServer();
  const old = await launch(), fresh = await launch();
  try {
    // A device with an offline edit waiting in its outbox.
    const { page } = await openApp(old, server.url);
    await waitServiceWorker(page);
    await typeInto(page, '##login-user', 'operator.terjun');
    await typeInto(page, '##login-pass', 'marelan2026');
    await click(page, 'login-submit');
    await waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running && x.persistIdle, 30000);
    await old.context.setOffline(true);
    await waitState(page, (x) => !x.online);
    const ids = await terjunTasks(page, 3);
    await editTask(page, ids[0], 81);
    await waitState(page, (x) => x.save === 'saved' && x.persistIdle && x.pending === 1);
    const file = await page.evaluate(() => {
      const b = Module.FS.readFile('/data/seimbang.db');
      let s = '';
      for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192));
      return btoa(s);
    });

    // The same file as an earlier version left it: IDBFS's database "/data".
    const p2 = await fresh.context.newPage();
    await p2.goto(server.url + 'icons/icon.svg');  // same origin, not the app
    await p2.evaluate((b64) => new Promise((ok, fail) => {
      const bin = atob(b64), bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const r = indexedDB.open('/data', 21);
      r.onupgradeneeded = () => r.result.createObjectStore('FILE_DATA').createIndex('timestamp', 'timestamp');
      r.onerror = () => fail(r.error);
      r.onsuccess = () => {
        const tx = r.result.transaction(['FILE_DATA'], 'readwrite');
        const st = tx.objectStore('FILE_DATA');
        st.put({ timestamp: new Date(), mode: 16895 }, '/data');
        st.put({ timestamp: new Date(), mode: 33206, contents: bytes }, '/data/seimbang.db');
        tx.oncomplete = () => { r.result.close(); ok(); };
        tx.onerror = () => fail(tx.error);
      };
    }), file);
    await p2.goto(server.url);
    await waitReady(p2);
    let s = await state(p2);
    assert.equal(s.loggedIn, true);
    assert.ok(await p2.evaluate(() => Module.seimbangMigrated > 0), 'migrated');
    // The app loads its data over a few frames after signing in.
    for (let i = 0; i < 100 && !(await p2.evaluate((t) => Module.seimbangFind('task', t), ids[0].id)); i++)
      await p2.waitForTimeout(100);
    assert.ok(await p2.evaluate((t) => Module.seimbangFind('task', t), ids[0].id),
              'the edited task is there after the migration: ' + JSON.stringify(await state(p2)));
    assert.equal(await volume(p2, ids[0]), 81);
    const dbs = await p2.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    assert.ok(!dbs.includes('/data'), 'the IDBFS copy is gone once the pages are saved: ' + dbs);
    // A reload reads the page store, and the pending edit reaches the server once.
    await p2.reload();
    await waitReady(p2);
    s = await waitState(p2, (x) => x.loggedIn && x.pending === 0 && !x.sync.running && x.sync.lastError === '', 30000);
    assert.equal(Number(rows(server.db, `SELECT volume FROM abk_tasks WHERE id = '${ids[0].id}'`)[0].volume), 81);
  } finally {
    await old.close();
    await fresh.close();
    await server.stop();
  }
});
