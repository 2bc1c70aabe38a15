// Issue 15: the planner runs in its own Web Worker, so the page keeps drawing
// frames while it solves, and the worker's files come from the service
// worker's precache (the plan works offline from the first visit on).
// The solve of the Marelan demo takes milliseconds, so the test holds the
// message to the worker for 2.5 s (as a Kota-scale solve would take): frames
// must keep coming meanwhile, with the progress line and the cancel button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, click, goTo, waitState, shot, signIn, waitServiceWorker } from '../lib/harness.mjs';

test('offline, the plan is solved by the precached worker while frames keep drawing', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await waitServiceWorker(page);
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

    await signIn(page, 'camat.marelan', { waitSync: true });
    await browser.context.setOffline(true);
    await waitState(page, (x) => !x.online);
    await goTo(page, 'nav-rekomendasi');
    // The worker is started by the first plan: offline now, so only the cache can supply it.
    await page.evaluate(() => {
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (...args) { setTimeout(() => post.apply(this, args), 2500); };
    });
    await page.setViewportSize({ width: 1366, height: 768 });  // the run button is in view at the top
    await click(page, 'rekom-run');
    const a = await waitState(page, (x) => x.rekom.phase === 3 && x.rekom.posted, 10000);
    await page.waitForTimeout(700);
    const b = await page.evaluate(() => Module.seimbangState());
    assert.equal(b.rekom.phase, 3, 'still waiting for the worker');
    assert.ok(b.rekom.runFrames - a.rekom.runFrames >= 4,
              `frames drawn while the worker solves: ${a.rekom.runFrames} → ${b.rekom.runFrames}`);
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
