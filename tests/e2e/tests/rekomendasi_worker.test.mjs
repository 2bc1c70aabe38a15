// Issue 15: the planner runs in its own Web Worker, so the page keeps drawing
// frames while it solves, and the worker's files come from the service
// worker's precache (staged at the camat's sign-in, the plan works offline from then on).
// The solve of the Marelan demo takes milliseconds, so the test holds the
// message to the worker for 2.5 s (as a Kota-scale solve would take): frames
// must keep coming meanwhile, with the progress line and the cancel button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, click, frames, goTo, typeInto, waitState, shot, signIn, waitServiceWorker, waitStaged } from '../lib/harness.mjs';

test('offline, the plan is solved by the precached worker while frames keep drawing', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await waitServiceWorker(page);
    // Staged precache: the camat's sign-in (Rekomendasi, Pelatihan) caches the planner.
    await signIn(page, 'camat.marelan', { waitSync: true });
    await waitStaged(page);
    const workerUrl = await page.evaluate(() => SEIMBANG_WORKERS.plan);
    assert.match(workerUrl, /^seimbang-plan-worker\.js\?v=[0-9a-f]{12}&w=[0-9a-f]{12}$/);
    const wasmUrl = 'seimbang-plan-worker.wasm?v=' + workerUrl.split('&w=')[1];
    const cached = await page.evaluate(async () => {
      const keys = [];
      for (const k of await caches.keys()) if (k.startsWith('seimbang-')) keys.push(...(await (await caches.open(k)).keys()));
      return keys.map((r) => r.url.replace(/^.*\//, ''));
    });
    assert.ok(cached.includes(workerUrl), 'worker script precached under its exact URL: ' + cached);
    assert.ok(cached.includes(wasmUrl), 'worker wasm precached under its exact URL: ' + cached);

    await browser.context.setOffline(true);
    await waitState(page, (x) => !x.online);
    await goTo(page, 'nav-rekomendasi');
    // The worker is started when the screen opens (before the first plan): offline
    // now, so only the cache can supply it.
    await page.waitForFunction(() => Module.seimbangPlanWorkerUrl, null, { timeout: 5000 });
    await page.evaluate(() => {
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (...args) { setTimeout(() => post.apply(this, args), 2500); };
    });
    await page.setViewportSize({ width: 1366, height: 768 });  // the run button is in view at the top
    await click(page, 'rekom-run');
    const a = await waitState(page, (x) => x.rekom.phase === 3 && x.rekom.posted, 10000);
    await page.evaluate(() => Module.seimbangFrameStats());  // counts from here
    await page.waitForTimeout(700);
    const b = await page.evaluate(() => Module.seimbangState());
    assert.equal(b.rekom.phase, 3, 'still waiting for the worker');
    // While the worker computes, the screen is drawn 4 times a second (the
    // seconds counting up), not at the display's rate, and at once on input.
    assert.ok(b.rekom.runFrames - a.rekom.runFrames >= 2,
              `frames drawn while the worker solves: ${a.rekom.runFrames} → ${b.rekom.runFrames}`);
    const drawn = await page.evaluate(() => Module.seimbangFrameStats());
    assert.ok(drawn.skipped > drawn.drawn, 'frames skipped while nothing changes: ' + JSON.stringify(drawn));
    for (const [x, y] of [[300, 300], [320, 310]]) {
      const before = (await page.evaluate(() => Module.seimbangState())).rekom.runFrames;
      await page.mouse.move(x, y);
      await frames(page);
      const after = (await page.evaluate(() => Module.seimbangState())).rekom.runFrames;
      assert.ok(after > before, `the pointer moved: a frame is drawn at once (${before} → ${after})`);
    }
    assert.ok(await page.evaluate(() => Module.seimbangLocate('rekom-cancel', 0)), 'a cancel button while it runs');
    await shot(page, 'rekomendasi-worker-progress-1366');
    const s = await waitState(page, (x) => x.rekom.phase === 4 || x.rekom.phase === 5, 30000);
    assert.equal(s.rekom.phase, 4, 'plan computed offline: ' + s.rekom.issue);
    assert.ok(s.rekom.moves.length > 0);
    assert.ok(s.rekom.instanceBytes > 0 && s.rekom.workerMs >= 0);
    assert.equal(await page.evaluate(() => Module.seimbangPlanWorkerUrl), workerUrl);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

test('a plan saved twice (one move dropped), compared, its moves exported as CSV', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await signIn(page, 'camat.marelan', { waitSync: true });
    await goTo(page, 'nav-rekomendasi');
    await page.setViewportSize({ width: 1366, height: 4000 });  // everything in view without the wheel
    await click(page, 'rekom-run');
    let s = await waitState(page, (x) => x.rekom.phase === 4, 30000);
    const moves = s.rekom.moves.length;
    assert.ok(moves >= 2);
    await typeInto(page, '##saved-name', 'Rencana A');
    await click(page, 'saved-save');
    s = await waitState(page, (x) => x.rekom.saved.count === 1);
    await click(page, 'rekom-drop-0');
    await waitState(page, (x) => x.rekom.moves[0].dropped);
    await typeInto(page, '##saved-name', 'Rencana B');
    await click(page, 'saved-save');
    await waitState(page, (x) => x.rekom.saved.count === 2);
    await click(page, 'saved-a-1');  // newest first: B is row 0
    await click(page, 'saved-b-0');
    await click(page, 'saved-compare');
    s = await waitState(page, (x) => x.rekom.saved.comparing);
    assert.deepEqual([s.rekom.saved.onlyA, s.rekom.saved.onlyB, s.rekom.saved.otherPost, s.rekom.saved.same],
                     [1, 0, 0, moves - 1]);
    await shot(page, 'rekomendasi-saved-compare-tall');
    // Opening a saved plan: the worker rebuilds the instance and compares its digest (same data here).
    await click(page, 'saved-open-0');
    s = await waitState(page, (x) => x.rekom.saved.openMoves >= 0 && !x.rekom.saved.openChecking, 10000);
    assert.equal(s.rekom.saved.openMoves, moves - 1);
    assert.equal(s.rekom.saved.openDataChanged, false);
    await click(page, 'saved-csv-0');
    await page.waitForFunction(() => Module.seimbangLastDownload && /mutasi\.csv$/.test(Module.seimbangLastDownload.name));
    const dl = await page.evaluate(() => Module.seimbangLastDownload);
    assert.equal(dl.name, 'rencana-rencana-b-mutasi.csv');
    assert.equal(dl.mime, 'text/csv;charset=utf-8');
    await page.setViewportSize({ width: 390, height: 4000 });
    await shot(page, 'rekomendasi-saved-390');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
