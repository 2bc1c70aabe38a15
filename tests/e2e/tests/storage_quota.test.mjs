// Issue 13, storage faults in the browser: when IndexedDB refuses a write because
// the site's storage is full (QuotaExceededError), the app says so plainly
// ("Penyimpanan perangkat penuh"), keeps the edit in its outbox, tries saving
// again, and sync still sends it. Once there is room, "Tersimpan" comes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, launch, click, typeInto, state, waitState, openApp, goTo, terjunTasks, saveTask, shot } from '../lib/harness.mjs';

function rows(db, query) {
  const out = execFileSync('sqlite3', ['-readonly', '-json', db, query], { encoding: 'utf8' }).trim();
  return out ? JSON.parse(out) : [];
}

test('a full browser storage is said plainly and the edit stays in the outbox until it is sent', { timeout: 300000 }, async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page } = await openApp(browser, server.url);
    await typeInto(page, '##login-user', 'operator.terjun');
    await typeInto(page, '##login-pass', 'marelan2026');
    await click(page, 'login-submit');
    await waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running && x.persistIdle, 30000);
    const [task] = await terjunTasks(page, 1);
    await browser.context.setOffline(true);
    await waitState(page, (x) => !x.online);

    // The storage is full from now on: every put is refused as browsers refuse it.
    await page.evaluate(() => {
      window.__realPut = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await goTo(page, 'nav-abk');
    await click(page, 'Kelurahan Terjun');
    await click(page, task.pos);
    await click(page, 'Ubah##task-edit-' + task.id);
    await typeInto(page, '##task-volume', '77');
    await saveTask(page);
    let s = await waitState(page, (x) => !x.editorOpen && x.save === 'full', 10000);
    assert.equal(s.pending, 1, 'the edit waits in the outbox');
    s = await waitState(page, (x) => x.notice === 'ui.status.storage_full', 5000);  // not "Tersimpan di perangkat ini"
    assert.equal((await page.evaluate((t) => Module.seimbangFind('task', t), task.id)).volume, 77,
                 'the edit is kept in the app');
    await shot(page, 'storage-full');

    // Sync sends it although the device cannot save (the server has it once).
    await browser.context.setOffline(false);
    s = await waitState(page, (x) => x.online && x.pending === 0 && !x.sync.running && x.sync.lastError === '', 30000);
    assert.equal(Number(rows(server.db, `SELECT volume FROM abk_tasks WHERE id = '${task.id}'`)[0].volume), 77);
    assert.equal(s.save, 'full', 'still not saved on the device');

    // Room again: the retried save goes through and "Tersimpan" is back.
    await page.evaluate(() => { IDBObjectStore.prototype.put = window.__realPut; });
    s = await waitState(page, (x) => x.save === 'saved' && x.persistIdle, 15000);
    assert.equal(s.pending, 0);
  } finally {
    await browser.close();
    await server.stop();
  }
});
