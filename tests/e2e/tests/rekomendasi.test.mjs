// Issue 15 end to end in the browser: camat.marelan opens Rekomendasi for
// Kecamatan Medan Marelan and runs the planner on the device's own copy of the
// data (no request to the server for it); the moves and figures shown are
// those of `seimbang plan --db SERVER.db --scope KECAMATAN` on the same data;
// one move is dropped (the figures change at once), three are adopted, sync
// brings three `dinas` requests to the server, and adopting again adds none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import {
  startServer, launch, openApp, click, goTo, typeInto, waitState, shot, SERVER, signIn } from '../lib/harness.mjs';

function rows(db, query) {
  const out = execFileSync('sqlite3', ['-readonly', '-json', db, query], { encoding: 'utf8' }).trim();
  return out ? JSON.parse(out) : [];
}

// The CLI next to the server of this build.
const CLI = [join(dirname(SERVER), '../client/seimbang')].find((p) => existsSync(p));


// Wheels the screen until the widget is inside the window (the page is taller than a laptop screen).
async function scrollTo(page, label) {
  const v = page.viewportSize();
  let last = null;
  for (let i = 0; i < 80; i++) {
    const r = await page.evaluate(([l]) => Module.seimbangLocate(l, 0), [label]);
    if (r && r.w > 0 && r.h > 8 && r.y >= 0 && r.y + r.h <= v.height) return;
    // At the end of the page: what is drawn is all there is.
    if (r && last && r.y === last.y && r.h > 8) return;
    last = r;
    await page.mouse.move(Math.round(v.width * 0.6), Math.round(v.height * 0.5));
    await page.mouse.wheel(0, !r || r.y + r.h > v.height ? 200 : -200);
    await page.waitForTimeout(80);
  }
  throw new Error('cannot scroll to ' + label);
}

const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

test('camat plans on the device, drops one move, adopts three; the server gets three dinas requests', async () => {
  assert.ok(CLI, 'seimbang CLI built next to the server');
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await signIn(page, 'camat.marelan', { waitSync: true });
    await goTo(page, 'nav-rekomendasi');
    const requestsBefore = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/plans')) requestsBefore.push(r.url()); });
    await scrollTo(page, 'rekom-run');
    await click(page, 'rekom-run');
    let s = await waitState(page, (x) => x.rekom.phase === 4 || x.rekom.phase === 5, 30000);
    assert.equal(s.rekom.phase, 4, 'plan computed: ' + s.rekom.issue);
    assert.equal(requestsBefore.length, 0, 'no planner request to the server');
    // Request + post in one frame, decode + apply in another (with the worker warmed
    // up on entry, a Marelan-sized answer can arrive before the frame in between).
    assert.ok(s.rekom.runFrames >= 2, 'spread over frames: ' + s.rekom.runFrames);
    const shown = s.rekom;
    assert.ok(shown.moves.length >= 4, 'moves to drop one and adopt three: ' + shown.moves.length);
    await page.setViewportSize({ width: 1366, height: 768 });
    await shot(page, 'rekomendasi-1366x768');
    // Tall enough for the buttons and the first moves without the mouse wheel
    // (wheel events do not reach the canvas reliably in headless Chromium).
    await page.setViewportSize({ width: 1366, height: 2300 });
    await shot(page, 'rekomendasi-1366-tall');

    // The same plan from the CLI on (a snapshot of) the server's database: the
    // running server holds its file, the CLI opens a database for writing.
    const snapshot = join(server.dir, 'snapshot.db');
    execFileSync('sqlite3', ['-readonly', server.db, `.backup '${snapshot}'`]);
    const cli = JSON.parse(execFileSync(CLI, ['plan', '--db', snapshot, '--scope', shown.scope, '--year',
      String(shown.year), '--today', shown.today, '--format', 'json'], { encoding: 'utf8' }));
    assert.deepEqual(shown.moves.map((m) => [m.employee, m.from, m.to]), cli.moves.map((m) => [m.employee, m.from, m.to]));
    assert.deepEqual(shown.moves.map((m) => m.reason), cli.moves.map((m) => m.reason));
    for (const k of ['sum_sq', 'ej_cv', 'ej_max', 'ej_min', 'share_balanced', 'overloaded', 'vacant_with_workload']) {
      assert.ok(close(shown.before[k], cli.before[k]), `before.${k}: ${shown.before[k]} vs ${cli.before[k]}`);
      assert.ok(close(shown.after[k], cli.after[k]), `after.${k}: ${shown.after[k]} vs ${cli.after[k]}`);
    }
    assert.equal(shown.optimal, cli.optimal);

    // Drop the first move: the figures follow at once (no re-solve).
    await scrollTo(page, 'rekom-drop-0');
    await click(page, 'rekom-drop-0');
    s = await waitState(page, (x) => x.rekom.moves[0].dropped);
    assert.equal(s.rekom.edited, true);
    assert.notEqual(s.rekom.after.sum_sq, shown.after.sum_sq);

    // Adopt three: untick all, tick moves 1..3.
    await scrollTo(page, 'rekom-select-none');
    await click(page, 'rekom-select-none');
    for (const i of [1, 2, 3]) {
      await scrollTo(page, '##rekom-sel-' + i);
      await click(page, '##rekom-sel-' + i);
    }
    s = await waitState(page, (x) => x.rekom.moves.filter((m) => m.selected && !m.dropped).length === 3);
    const adopted = s.rekom.moves.filter((m) => m.selected && !m.dropped).map((m) => m.employee).sort();
    await scrollTo(page, 'rekom-adopt');
    await click(page, 'rekom-adopt');
    s = await waitState(page, (x) => x.rekom.adoptedNew === 3, 10000);
    assert.equal(s.rekom.adoptIssue, '');

    // Sync (automatic after a save): three dinas requests on the server, as Draf.
    // Polled on the server: right after adopting, the app's outbox figure may not
    // have counted the new commands yet, so "nothing pending" alone proves nothing.
    const dinasQuery = "SELECT employee_id, reason, status, explanation FROM requests WHERE kind = 'dinas'";
    for (let i = 0; i < 300 && rows(server.db, dinasQuery).length < 3; i++) await page.waitForTimeout(200);
    await waitState(page, (x) => x.pending === 0 && !x.sync.running, 60000);
    const onServer = rows(server.db, dinasQuery);
    assert.equal(onServer.length, 3);
    assert.deepEqual(onServer.map((r) => r.employee_id).sort(), adopted);
    for (const r of onServer) {
      assert.equal(r.reason, 'kebutuhan_organisasi');
      assert.equal(r.status, 'draf');
      assert.match(r.explanation, /rencana penyeimbangan/);
    }

    // Adopting the same plan again creates nothing new.
    await scrollTo(page, 'rekom-adopt');
    await click(page, 'rekom-adopt');
    s = await waitState(page, (x) => x.rekom.adoptedExisting === 3);
    assert.equal(s.rekom.adoptedNew, 0);
    await waitState(page, (x) => x.pending === 0 && !x.sync.running, 30000);
    assert.equal(rows(server.db, "SELECT id FROM requests WHERE kind = 'dinas'").length, 3);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('on a phone (390 px) the screen stacks and still runs', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page } = await openApp(browser, server.url);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, 'camat.marelan', { waitSync: true });
    await click(page, 'nav-menu');
    await goTo(page, 'nav-rekomendasi');
    await shot(page, 'rekomendasi-390-form');
    await page.setViewportSize({ width: 390, height: 3000 });  // no wheel (see above)
    await scrollTo(page, 'rekom-run');
    await click(page, 'rekom-run');
    const s = await waitState(page, (x) => x.rekom.phase === 4, 30000);
    assert.ok(s.rekom.moves.length > 0);
    // The moves are cards across the phone; a tap opens the reason and the choices.
    await scrollTo(page, '##rekom-card-0');
    const card = await page.evaluate(() => Module.seimbangLocate('##rekom-card-0', 0));
    assert.ok(card.h >= 44 && card.x >= 0 && card.x + card.w <= 390, 'a finger-sized card inside the phone: ' + JSON.stringify(card));
    assert.equal(await page.evaluate(() => Module.seimbangLocate('rekom-drop-0', 0)), null, 'the choices wait for a tap');
    await click(page, '##rekom-card-0');
    await scrollTo(page, 'rekom-drop-0');
    await click(page, 'rekom-drop-0');
    await waitState(page, (x) => x.rekom.moves[0].dropped);
    await shot(page, 'rekomendasi-390-result');
  } finally {
    await browser.close();
    await server.stop();
  }
});
