// Browser figures of the web client; prints one JSON object on its last line:
//   transferred size of js+wasm (gzip; the fonts are inside the wasm),
//   cold load to the first interactive frame (empty profile, network),
//   warm load from the service worker (second visit, same profile).
// Run: node bench/web/load.mjs   (needs tests/e2e's node_modules and the builds)
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const { startServer, launch, waitReady, WEB } = await import(join(root, 'tests/e2e/lib/harness.mjs'));

const size = (f) => gzipSync(readFileSync(join(WEB, f)), { level: 9 }).length;
const js = size('seimbang-web.js'), wasm = size('seimbang-web.wasm');

const server = await startServer();
const browser = await launch();
const out = { js_gzip: js, wasm_gzip: wasm, total_gzip: js + wasm, target_total_gzip: 1200 * 1024 };
try {
  const page = await browser.context.newPage();
  const first = async () => page.evaluate(() => Module.seimbangFirstFrameMs);
  await page.goto(server.url);
  await waitReady(page);
  out.cold_first_frame_ms = Math.round(await first());
  // Where the cold start goes: downloads, wasm compile to main(), fonts + GL,
  // local database + app state, the first two frames.
  out.cold_profile_ms = await page.evaluate(() => {
    const o = {};
    for (const e of performance.getEntriesByType('resource')) {
      const n = e.name.split('/').pop().split('?')[0];
      if (n.startsWith('seimbang-web.')) o[n + '_done'] = Math.round(e.responseEnd);
    }
    for (const m of performance.getEntriesByType('mark')) o[m.name.replace('seimbang-', '')] = Math.round(m.startTime);
    return o;
  });
  await page.waitForFunction(async () => !!(await navigator.serviceWorker.ready).active &&
                                         !!navigator.serviceWorker.controller, null, { timeout: 20000 })
    .catch(async () => { await page.reload(); await waitReady(page); });
  const warm = [];
  for (let i = 0; i < 3; i++) {
    await page.reload();
    await waitReady(page);
    warm.push(await first());
  }
  out.warm_first_frame_ms = Math.round(Math.min(...warm));
  out.warm_from_sw = await page.evaluate(() => !!navigator.serviceWorker.controller);
  out.target_cold_ms = 1500;
  out.target_warm_ms = 800;
} finally {
  await browser.close();
  await server.stop();
}
console.log(JSON.stringify(out));
