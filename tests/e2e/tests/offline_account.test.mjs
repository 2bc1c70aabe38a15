// Edits made in an offline sign-in belong to the account that made them. Two
// accounts of Kelurahan Terjun have used this browser online (operator.terjun
// last, so the device holds its token). Offline, lurah.terjun signs in with its
// cached credential and edits an ABK task: nothing is sent in that session, and
// when the network is back operator.terjun may not sign in and send the edit
// under its own account (Masuk says why). lurah.terjun's next online sign-in
// sends it, and the server records it as lurah.terjun's change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launch, startServer, click, typeInto, waitState, shot, openApp, waitServiceWorker, goTo } from '../lib/harness.mjs';

function rows(db, query) {
  const out = execFileSync('sqlite3', ['-readonly', '-json', db, query], { encoding: 'utf8' }).trim();
  return out ? JSON.parse(out) : [];
}

// Signs in as `user` (the answer may be a refusal). Clicks can be lost on a busy
// machine, so a try whose fields did not take is repeated; a try that signed in
// another account (the name field kept the previous name) is undone.
async function submitLogin(page, user, retryOn = []) {
  let s;
  for (let attempt = 0; attempt < 6; attempt++) {
    await typeInto(page, '##login-user', user);
    await typeInto(page, '##login-pass', 'marelan2026');
    await click(page, 'login-submit');
    try {
      s = await waitState(page, (x) => x.loggedIn || x.loginError !== '', 8000);
    } catch { continue; }
    if (s.loggedIn && s.user !== user) { await signOut(page); continue; }
    // A garbled name reads as unknown (wrong, or "first sign-in needs internet" offline).
    const garbled = ['ui.login.missing', 'ui.login.wrong', 'ui.login.first_online', ...retryOn];
    if (s.loggedIn || !garbled.includes(s.loginError)) return s;
  }
  return s;
}

async function signOut(page) {
  await click(page, 'logout');
  await waitState(page, (x) => !x.loggedIn);
}

test('offline edits of a second account are sent only under that account', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await waitServiceWorker(page);
    for (const user of ['lurah.terjun', 'operator.terjun']) {
      const s = await submitLogin(page, user);
      assert.equal(s.loggedIn, true, user + ': ' + s.loginError);
      await waitState(page, (x) => x.sync.firstPullDone && !x.sync.running && x.pending === 0, 30000);
      await signOut(page);
    }

    // --- offline: lurah.terjun signs in with the cached credential and edits
    // (The server is stopped: every request fails at once, as without network.
    // Playwright's setOffline would leave requests the service worker passes on
    // hanging until the 20 s timeout.)
    await server.halt();
    let s = await submitLogin(page, 'lurah.terjun');
    assert.equal(s.loggedIn, true, 'offline sign-in: ' + s.loginError);
    assert.equal(s.sync.hasToken, false, 'the device holds no token of this account');
    await goTo(page, 'nav-abk');
    await click(page, 'Kelurahan Terjun');
    let edit;
    for (let i = 0; i < 100 && !edit; i++) {
      const items = await page.evaluate(() => Module.seimbangItems().map((x) => x.label));
      edit = items.find((l) => l.startsWith('Ubah##task-edit-'));
      if (!edit) await page.waitForTimeout(50);
    }
    assert.ok(edit, 'a task to edit');
    const taskId = edit.slice('Ubah##task-edit-'.length);
    const [orig] = rows(server.db, `SELECT volume FROM abk_tasks WHERE id = '${taskId}'`);
    await click(page, edit);
    await typeInto(page, '##task-volume', '91');
    await click(page, 'task-save');
    s = await waitState(page, (x) => !x.editorOpen && x.save === 'saved' && x.persistIdle);
    assert.equal(s.pending, 1);

    // --- the network returns: this session has no token, nothing is sent
    await server.resume();
    await page.waitForTimeout(3000);
    s = await waitState(page, (x) => !x.sync.running);
    assert.equal(s.pending, 1);
    await goTo(page, 'nav-sync');
    await shot(page, 'sync-offline-account');
    await signOut(page);

    // --- the device's last online account may not take the edit over
    s = await submitLogin(page, 'operator.terjun');
    assert.equal(s.loggedIn, false);
    assert.equal(s.loginError, 'ui.login.other_user_pending');
    assert.equal(s.pending, 1);
    await shot(page, 'masuk-other-account-pending');
    assert.equal(Number(rows(server.db, `SELECT volume FROM abk_tasks WHERE id = '${taskId}'`)[0].volume),
                 Number(orig.volume), 'nothing was sent');

    // --- the account that made it signs in online: sent, under its own name
    s = await submitLogin(page, 'lurah.terjun', ['ui.login.other_user_pending']);  // (a garbled name is refused too)
    assert.equal(s.loggedIn, true, s.loginError);
    s = await waitState(page, (x) => x.pending === 0 && !x.sync.running && x.sync.lastError === '', 30000);
    assert.equal(Number(rows(server.db, `SELECT volume FROM abk_tasks WHERE id = '${taskId}'`)[0].volume), 91);
    const [meta] = rows(server.db, `SELECT _meta AS meta FROM abk_tasks WHERE id = '${taskId}'`);
    const [lurah] = rows(server.db, "SELECT id FROM users WHERE username = 'lurah.terjun'");
    const by = JSON.parse(meta.meta).volume[3];
    assert.ok(by === lurah.id || by === 'lurah.terjun', 'volume changed by lurah.terjun, not ' + by);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
