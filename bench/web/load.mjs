// Browser figures of the web client's delivery (issue 16); prints one JSON object
// on its last line:
//   files              bytes on disk of the .js/.wasm (main and workers) and of their .br/.gz forms
//   first_visit_bytes  bodies the server sent for a first visit, page load and the
//                      service worker's precache together (from its request log),
//                      and how often the wasm was sent (1 = once per version)
//   critical_path_bytes  of those, the bodies sent before the first frame, i.e.
//                      what a first frame waits for: everything logged before the
//                      second module (seimbang-web.deferred.wasm, asked for once
//                      the first is in) or, with one module, before sw.js (the
//                      service worker is registered once the app is ready);
//                      first_visit_sent_twice lists any file that crossed twice
//   cold/warm          first interactive frame on loopback (empty profile; then
//                      from the service worker, best of 3) + a start-up profile
//   links              first frame of a first visit on emulated mobile links
//                      (Chromium's network emulation: 1.6 Mbit/s / 150 ms and
//                      750 kbit/s / 300 ms), each in a fresh profile, with the
//                      bytes sent before the first frame on that link, and
//                      ready_ms: both modules in, the App open (sign-in works)
//   shared_links       the same links for the whole browser (link_proxy.mjs: the
//                      page and the service worker share one link, as on a
//                      phone): first frame, and offline_ready_ms, when the
//                      service worker was active with every file in its cache
//   roles              a first visit per role behind the shared 1.6 Mbit/s link,
//                      signed in (pegawai.terjun, camat.marelan): all bodies the
//                      server sent but the API's (bytes, requests, the workers'
//                      share), `split`: those bytes by file (page, loader, first
//                      module, second module, workers, other: sw.js, manifest,
//                      icons), the workers the role asked to stage, and
//                      offline_ready_ms (the service worker active and, for a
//                      role whose features use a Web Worker, that worker cached)
// Run: node bench/web/load.mjs [--no-links | --roles]   (needs tests/e2e's node_modules
// and the builds; --no-links: loopback only; --roles: loopback and roles, no links)
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const { startServer, launch, waitReady, waitServiceWorker, signIn, WEB } = await import(join(root, 'tests/e2e/lib/harness.mjs'));
const { startLinkProxy } = await import('./link_proxy.mjs');

const size = (f) => (existsSync(join(WEB, f)) ? statSync(join(WEB, f)).size : null);
const out = { files: {}, load_average: (await import('node:os')).loadavg().map((x) => +x.toFixed(2)) };
// The main pair, and each Web Worker's pair (loaded on demand, precached after the first frame).
const workers = readdirSync(WEB).filter((f) => /^seimbang-.*-worker\.(js|wasm)$/.test(f)).sort();
for (const f of ['seimbang-web.js', 'seimbang-web.wasm', 'seimbang-web.deferred.wasm', ...workers])
  out.files[f] = { raw: size(f), br: size(f + '.br'), gzip: size(f + '.gz') };

// GET request lines of the server's JSON log from `from` on.
function served(log, from) {
  const lines = [];
  for (const line of log.slice(from).split('\n')) {
    if (!line.startsWith('{')) continue;
    try { const r = JSON.parse(line); if (r.method === 'GET') lines.push(r); } catch { /* not a request line */ }
  }
  return lines;
}
// Bodies sent before the second module was asked for (once the first is in), or
// with one module before the service worker's script (registered once the app
// is ready), and the number of that request line (-1: never).
function beforeFirstFrame(lines) {
  let sw = lines.findIndex((r) => r.path === '/seimbang-web.deferred.wasm');
  if (sw < 0) sw = lines.findIndex((r) => r.path === '/sw.js');
  const head = sw < 0 ? lines : lines.slice(0, sw);
  return { bytes: head.filter((r) => !r.path.startsWith('/api/')).reduce((n, r) => n + r.bytes_out, 0), sw };
}
const readyMs = () => {
  const m = performance.getEntriesByName('seimbang-ready');
  return m.length ? Math.round(m[0].startTime) : null;
};

const server = await startServer();
try {
  // Loopback: a first visit (bytes, cold frame, profile), then warm visits.
  {
    const browser = await launch();
    try {
      const page = await browser.context.newPage();
      const mark = server.log().length;
      await page.goto(server.url);
      await waitReady(page);
      out.cold_first_frame_ms = Math.round(await page.evaluate(() => Module.seimbangFirstFrameMs));
      out.cold_ready_ms = await page.evaluate(readyMs);
      // Placeholders of the second module called before it arrived (0: the profile covered the start).
      out.cold_late_calls = await page.evaluate(() => (Module.seimbangSplit ? Module.seimbangSplit.late.length : 0));
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
      await waitServiceWorker(page);
      await page.waitForTimeout(1000);
      const first = served(server.log(), mark).filter((r) => !r.path.startsWith('/api/'));
      out.first_visit_bytes = first.reduce((n, r) => n + r.bytes_out, 0);
      out.first_visit_wasm_sent = first.filter((r) => r.path === '/seimbang-web.wasm').length;
      out.first_visit_requests = first.length;
      out.critical_path_bytes = beforeFirstFrame(first).bytes;
      const times = {};
      for (const r of first) times[r.path] = (times[r.path] || 0) + 1;
      // The page is asked twice by design: the navigation, then the worker's
      // revalidation ('no-cache') of './' and 'index.html'.
      out.first_visit_sent_twice = Object.keys(times).filter((k) => times[k] > 1 && !['/', '/index.html'].includes(k));
      const warm = [];
      for (let i = 0; i < 3; i++) {
        await page.reload();
        await waitReady(page);
        warm.push(await page.evaluate(() => Module.seimbangFirstFrameMs));
      }
      out.warm_first_frame_ms = Math.round(Math.min(...warm));
      out.warm_from_sw = await page.evaluate(() => !!navigator.serviceWorker.controller);
    } finally {
      await browser.close();
    }
  }
  // Emulated mobile links, first visit each.
  const links = !process.argv.includes('--no-links') && !process.argv.includes('--roles');
  if (links) {
    out.links = {};
    for (const [name, kbit, latency] of [['1600kbit_150ms', 1600, 150], ['750kbit_300ms', 750, 300]]) {
      const browser = await launch();
      try {
        const page = await browser.context.newPage();
        const cdp = await browser.context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false, latency, downloadThroughput: (kbit * 1000) / 8, uploadThroughput: (kbit * 1000) / 8,
        });
        const mark = server.log().length;
        await page.goto(server.url);
        await waitReady(page, 180000);
        out.links[name] = { first_frame_ms: Math.round(await page.evaluate(() => Module.seimbangFirstFrameMs)),
                            ready_ms: await page.evaluate(readyMs) };
        await page.waitForTimeout(500);  // (the server's log line follows its answer)
        out.links[name].critical_path_bytes = beforeFirstFrame(served(server.log(), mark)).bytes;
      } finally {
        await browser.close();
      }
    }
  }
  // The whole browser behind one emulated link (page and service worker).
  if (links) {
    out.shared_links = {};
    for (const [name, kbit, rttMs] of [['1600kbit_150ms', 1600, 150], ['750kbit_300ms', 750, 300]]) {
      const proxy = await startLinkProxy(new URL(server.url).port, { kbit, rttMs });
      const browser = await launch();
      try {
        const page = await browser.context.newPage();
        await page.addInitScript(() => {
          navigator.serviceWorker.ready.then(() => { window.__offlineReadyMs = performance.now(); });
        });
        await page.goto(proxy.url);
        await waitReady(page, 180000);
        await page.waitForFunction(() => window.__offlineReadyMs !== undefined, null, { timeout: 180000, polling: 250 });
        out.shared_links[name] = await page.evaluate(() => ({
          first_frame_ms: Math.round(Module.seimbangFirstFrameMs), offline_ready_ms: Math.round(window.__offlineReadyMs),
        }));
        out.shared_links[name].ready_ms = await page.evaluate(readyMs);
      } finally {
        await browser.close();
        await proxy.stop();
      }
    }
  }
  // Per role: what a first visit costs a pegawai (no Rekomendasi, Pelatihan nor
  // Impor: no worker is cached) and a camat (the planner's worker is).
  if (!process.argv.includes('--no-links')) {
    out.roles = {};
    for (const user of ['pegawai.terjun', 'camat.marelan']) {
      const proxy = await startLinkProxy(new URL(server.url).port, { kbit: 1600, rttMs: 150 });
      const browser = await launch();
      try {
        const page = await browser.context.newPage();
        await page.addInitScript(() => {
          navigator.serviceWorker.ready.then(() => { window.__swReadyMs = performance.now(); });
          navigator.serviceWorker.addEventListener('message', (e) => {
            if (e.data && e.data.type === 'STAGED' && window.__stagedMs === undefined) window.__stagedMs = performance.now();
          });
        });
        const mark = server.log().length;
        await page.goto(proxy.url);
        await waitReady(page, 180000);
        await signIn(page, user);
        await page.waitForFunction(() => window.__swReadyMs !== undefined &&
          (Module.seimbangWantedWorkers.length === 0 || window.__stagedMs !== undefined), null, { timeout: 180000, polling: 100 });
        const r = await page.evaluate(() => ({
          first_frame_ms: Math.round(Module.seimbangFirstFrameMs),
          workers_staged: Module.seimbangWantedWorkers,
          offline_ready_ms: Math.round(Math.max(window.__swReadyMs, window.__stagedMs || 0)),
        }));
        await page.waitForTimeout(1000);  // (the server's log line follows its answer)
        const files = served(server.log(), mark).filter((x) => !x.path.startsWith('/api/'));
        const part = (path) => (path === '/' || path === '/index.html' ? 'page'
          : path === '/seimbang-web.js' ? 'loader' : path === '/seimbang-web.wasm' ? 'first_module'
          : path === '/seimbang-web.deferred.wasm' ? 'second_module' : /-worker\.(js|wasm)$/.test(path) ? 'workers' : 'other');
        const split = { page: 0, loader: 0, first_module: 0, second_module: 0, workers: 0, other: 0 };
        for (const x of files) split[part(x.path)] += x.bytes_out;
        out.roles[user.split('.')[0]] = {
          ...r,
          bytes: files.reduce((n, x) => n + x.bytes_out, 0), requests: files.length,
          worker_bytes: split.workers, split,
        };
      } finally {
        await browser.close();
        await proxy.stop();
      }
    }
  }
  out.load_average_end = (await import('node:os')).loadavg().map((x) => +x.toFixed(2));
  out.targets = { first_visit_bytes: 450 * 1024, first_frame_1600kbit_ms: 3000, cold_ms: 1500, warm_ms: 800 };
} finally {
  await server.stop();
}
console.log(JSON.stringify(out));
