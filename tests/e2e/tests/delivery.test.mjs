// How the client crosses a pegawai's prepaid mobile link (issue 16, slow links):
// the first visit downloads each file once (the service worker's precache reuses
// what the page fetched, instead of downloading the wasm a second time; the
// page's revalidation is a 304; the manifest and icons are named by the same
// ?v= URLs as the precache), the first frame waits only for the page, the
// loader and the wasm, the wasm starts downloading beside the loader (preload),
// comes Brotli-compressed, the loading screen shows how far the download got, a
// second visit downloads nothing, the Web Workers are precached only after a
// role whose features use them signs in (never for a pegawai: staged precache),
// and an update downloads only the files whose bytes changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, WEB, startServer, launch, waitReady, waitServiceWorker, signIn, click, waitState } from '../lib/harness.mjs';

// GET requests of the server's log (one JSON line per request) from `from` on.
function requests(log, from = 0) {
  const out = [];
  for (const line of log.slice(from).split('\n')) {
    if (!line.startsWith('{')) continue;
    try { const r = JSON.parse(line); if (r.method === 'GET') out.push(r); } catch { /* not a request line */ }
  }
  return out;
}
const count = (reqs, path) => reqs.filter((r) => r.path === path).length;
// Paths whose body crossed the network more than once (a 304 carries none).
function sentTwice(reqs) {
  const bodies = {};
  for (const r of reqs) if (!r.path.startsWith('/api/') && r.status === 200) bodies[r.path] = (bodies[r.path] || 0) + 1;
  return Object.keys(bodies).filter((p) => bodies[p] > 1);
}

test('each file crosses the network once per version; an update fetches only what changed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'seimbang-delivery-'));
  const web = join(dir, 'web');
  cpSync(WEB, web, { recursive: true, preserveTimestamps: true });
  const server = await startServer({ web });
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      window.__loadingTexts = [];
      document.addEventListener('DOMContentLoaded', () => {
        const el = document.getElementById('loading-text');
        new MutationObserver(() => window.__loadingTexts.push(el.textContent))
          .observe(el, { childList: true, characterData: true, subtree: true });
      });
    });
    const encodings = {};
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (/\.(wasm|js)$/.test(path)) encodings[path] = r.headers()['content-encoding'];
    });
    await page.goto(server.url);
    await waitReady(page);
    await waitServiceWorker(page);
    await page.waitForTimeout(500);
    const first = requests(server.log());
    assert.equal(count(first, '/seimbang-web.wasm'), 1, 'the wasm is downloaded once on a first visit');
    assert.equal(count(first, '/seimbang-web.js'), 1, 'the loader is downloaded once on a first visit');
    assert.equal(encodings['/seimbang-web.wasm'], 'br');
    assert.equal(encodings['/seimbang-web.js'], 'br');
    const wasmBytes = first.find((r) => r.path === '/seimbang-web.wasm').bytes_out;
    assert.equal(wasmBytes, readFileSync(join(web, 'seimbang-web.wasm.br')).length, 'the build\'s Brotli file is what is sent');
    const texts = await page.evaluate(() => window.__loadingTexts);
    assert.ok(texts.some((t) => /^Mengunduh aplikasi… \d+%$/.test(t)), `progress shown while downloading: ${texts}`);
    // Every file, the workers' included, crossed once; the page's second ask
    // (the service worker's install) was answered 304 without a body.
    assert.deepEqual(sentTwice(first), [], 'no file crosses twice on a first visit');
    const pageAsks = first.filter((r) => r.path === '/');
    assert.deepEqual(pageAsks.map((r) => r.status), [200, 304], 'the page, then its revalidation by the service worker');
    assert.equal(pageAsks[1].bytes_out, 0);
    // The first frame waits for the page, loader and wasm only: the service
    // worker is registered at the first frame; no worker file before a sign-in.
    const swAt = first.findIndex((r) => r.path === '/sw.js');
    assert.ok(swAt > 0, 'the service worker script was fetched');
    const isWorker = (r) => /-worker\.(js|wasm)$/.test(r.path);
    assert.deepEqual(first.filter(isWorker).map((r) => r.path), [], 'no worker file before a sign-in');
    const split = existsSync(join(web, 'seimbang-web.deferred.wasm'));
    const cacheSize = (v) => page.evaluate(async (name) => (await caches.has(name))
      ? (await (await caches.open(name)).keys()).length : -1, 'seimbang-' + v);
    const version = readFileSync(join(web, 'version.txt'), 'utf8').trim();
    // page twice, .js/.wasm, the second module, manifest, three icons
    const core = split ? 9 : 8;
    assert.equal(await cacheSize(version), core, 'the install caches the app without its workers');
    // The wasm was asked by the page's preload, beside the loader, not after it.
    const wasmEntry = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => /seimbang-web\.wasm/.test(e.name)).map((e) => e.initiatorType));
    assert.deepEqual(wasmEntry, ['link'], 'the wasm is fetched once, by the preload');
    // Two modules (docs/CLIENT.md): the second crosses once, after the first and
    // before the service worker (which takes it from the HTTP cache), and no
    // function of it was called before it arrived.
    if (split) {
      const at = first.findIndex((r) => r.path === '/seimbang-web.deferred.wasm');
      assert.equal(count(first, '/seimbang-web.deferred.wasm'), 1, 'the second module is downloaded once');
      assert.ok(at > first.findIndex((r) => r.path === '/seimbang-web.wasm') && at < swAt,
        'the second module comes after the first, before the service worker');
      assert.equal(first[at].bytes_out, readFileSync(join(web, 'seimbang-web.deferred.wasm.br')).length);
      assert.deepEqual(await page.evaluate(() => Module.seimbangSplit.late), [], 'nothing waited for the second module');
    }

    // A second visit: everything from the service worker's cache.
    const again = server.log().length;
    await page.reload();
    await waitReady(page);
    await page.waitForTimeout(300);
    const second = requests(server.log(), again).filter((r) => !r.path.startsWith('/api/') && r.bytes_out > 0);
    assert.deepEqual(second.map((r) => r.path), [], 'a second visit downloads no file');

    // Staged precache: a pegawai (no Rekomendasi, Pelatihan nor Impor) signs in
    // and no worker file crosses; a camat (Rekomendasi, Pelatihan) signs in and
    // the planner's two files cross once each and are cached, the XLSX reader's not.
    const staging = server.log().length;
    await signIn(page, 'pegawai.terjun');
    await page.waitForTimeout(1500);
    assert.deepEqual(await page.evaluate(() => Module.seimbangWantedWorkers), []);
    assert.deepEqual(requests(server.log(), staging).filter(isWorker).map((r) => r.path), [],
      'a pegawai\'s sign-in downloads no worker');
    assert.equal(await cacheSize(version), core);
    await click(page, 'logout');
    await waitState(page, (x) => !x.loggedIn);
    await signIn(page, 'camat.marelan');
    await page.waitForFunction(() => Module.seimbangWantedWorkers.length > 0, null, { timeout: 5000 });  // (the next frame asks)
    assert.deepEqual(await page.evaluate(() => Module.seimbangWantedWorkers), ['plan']);
    await page.waitForFunction(() => window.seimbangStaged.length > 0, null, { timeout: 20000 });
    assert.equal(await cacheSize(version), core + 2, 'the planner\'s .js and .wasm are cached for offline use');
    await page.waitForTimeout(300);  // (the server's log line follows its answer)
    const planFiles = requests(server.log(), staging).filter(isWorker);
    assert.deepEqual(planFiles.map((r) => r.path).sort(), ['/seimbang-plan-worker.js', '/seimbang-plan-worker.wasm']);
    assert.ok(planFiles.every((r) => r.status === 200 && r.bytes_out > 0));

    // A new version in which only the manifest changed.
    const src = join(dir, 'src');
    cpSync(join(ROOT, 'web'), src, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(src, 'manifest.webmanifest'), 'utf8'));
    manifest.description = (manifest.description || '') + ' (diperbarui)';
    writeFileSync(join(src, 'manifest.webmanifest'), JSON.stringify(manifest, null, 2));
    const oldVersion = readFileSync(join(web, 'version.txt'), 'utf8').trim();
    const staged = spawnSync('cmake', [`-DSRC=${src}`, `-DOUT=${web}`, '-P',
      join(ROOT, 'client/platform/web/stage_web.cmake')], { encoding: 'utf8' });
    assert.equal(staged.status, 0, staged.stderr);
    const newVersion = readFileSync(join(web, 'version.txt'), 'utf8').trim();
    assert.notEqual(newVersion, oldVersion);
    const mark = server.log().length;
    await page.evaluate(() => window.seimbangSW.update());
    // Installed: the new version's cache holds the page and every pinned file
    // (page twice, .js/.wasm and the second module, manifest, three icons) and
    // the planner's pair the device had staged (taken from the old cache).
    await page.waitForFunction(async ([v, n]) => (await caches.has('seimbang-' + v)) &&
      (await (await caches.open('seimbang-' + v)).keys()).length === n, [newVersion, core + 2], { timeout: 20000 });
    await page.waitForTimeout(300);  // (the server's log line follows its answer)
    const update = requests(server.log(), mark);
    assert.equal(count(update, '/manifest.webmanifest'), 1, 'the changed file is downloaded');
    assert.equal(count(update, '/seimbang-web.wasm'), 0, 'the unchanged wasm is not downloaded again');
    assert.equal(count(update, '/seimbang-web.js'), 0, 'the unchanged loader is not downloaded again');
    assert.equal(count(update, '/seimbang-web.deferred.wasm'), 0, 'the unchanged second module is not downloaded again');
    assert.equal(count(update, '/icons/icon-512.png'), 0, 'unchanged icons are not downloaded again');
    assert.deepEqual(update.filter(isWorker).map((r) => r.path), [], 'the staged workers are not downloaded again');
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
