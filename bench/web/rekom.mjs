// Rekomendasi in the browser at Kota Medan scale (issue 15, item 7); prints one
// JSON object on its last line:
//   plan_ms            the app's wall time from the click on "Hitung rekomendasi" to the
//                      plan shown (whole kota, BKPSDM account, synthetic 20,000 employees),
//                      best of 3 runs; plan_ms_runs all three (the first starts the worker)
//   build_ms           the worker's instance_from_db over the database snapshot
//   worker_ms          the solve inside the planner's Web Worker (Plan::stats.seconds)
//   request_ms, post_ms, decode_ms, apply_ms
//                      the UI thread's steps of the run, each in a frame of its own: the
//                      database snapshot into the request; the post; the answer's decode;
//                      moves and figures (plan key and instance digest come from the worker)
//   ui_chunk_ms_max    the longest of those steps over the runs: planner work in one frame
//   frame_work_ms_max  the longest frame() on the UI thread during the runs (input, tick,
//                      layout, GL calls: the steps above plus drawing), frames_drawn/skipped
//                      (while the worker computes, frames are drawn 4 times a second unless
//                      input arrives)
//   request_bytes      size of what is handed to the worker (database snapshot + query)
//   frame_ms_max/p95   the browser's frame intervals (requestAnimationFrame)
//                      from the click until the plan is shown
//   warm_wall_ms       entering Rekomendasi to the worker warmed up (App::rekom_warm: the
//                      worker started, its database copy open, one build and solve; warm_ms,
//                      warm_build_ms, warm_solve_ms its parts); the runs start after it
//   snapshot_sent_runs whether each run's request carried the database snapshot (the worker
//                      keeps its copy while the data is unchanged: only the query goes)
//   save_ms            saving the plan shown under a name (the app's time), save_frame_work_ms
//                      the longest frame() around it
//   whatif_ms_max      the app's recomputation after dropping a move / adding a manual move
//                      (figures, chart data, reasons), whatif_frame_work_ms_max the UI
//                      thread's frame() that shows it, and the frame intervals around it
//   load_avg           the machine's 1-minute load average at the start and the end
// Targets: plan ≤ 1,000 ms, frames ≤ 50 ms throughout, what-if ≤ 16 ms.
// met: with the browser's frame intervals; met_ui_work: with the UI thread's own work
// per frame (frame_work_ms_max) in their place (the intervals also hold the GPU process's
// software-rendered drawing of a shared machine, compare idle_frame_ms_*).
// Run: node bench/web/rekom.mjs [--employees N]   (needs tests/e2e's node_modules and the builds)
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const h = await import(join(root, 'tests/e2e/lib/harness.mjs'));
const employees = Number(process.argv[process.argv.indexOf('--employees') + 1]) || 20000;

const dir = mkdtempSync(join(tmpdir(), 'seimbang-bench-rekom-'));
const db = join(dir, 'kota.db');
execFileSync(h.SERVER, ['init', '--db', db, '--synthetic', String(employees), '--fast-hashes'], { stdio: 'ignore' });
const rootOffice = execFileSync('sqlite3', [db, "SELECT id FROM offices WHERE parent_id IS NULL OR parent_id = ''"],
                                { encoding: 'utf8' }).trim();
execFileSync(h.SERVER, ['user', 'add', '--db', db, '--username', 'bkpsdm.bench', '--role', 'bkpsdm', '--office', rootOffice,
                        '--password-stdin'], { input: 'bench-password\n', stdio: ['pipe', 'ignore', 'ignore'] });
const port = await h.freePort();
const url = `http://127.0.0.1:${port}/`;
const server = spawn(h.SERVER, ['serve', '--db', db, '--port', String(port), '--web', h.WEB], { stdio: 'ignore' });
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(url + 'api/v1/health')).ok) break; } catch { /* not yet */ }
  await new Promise((r) => setTimeout(r, 100));
}

// Wheels the screen until the widget is inside the window.
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
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const browser = await h.launch();
const out = { employees, load_avg_start: loadavg()[0].toFixed(2) };
try {
  const page = await browser.context.newPage();
  await page.goto(url);
  await h.waitReady(page);
  await h.typeInto(page, '##login-user', 'bkpsdm.bench');
  await h.typeInto(page, '##login-pass', 'bench-password');
  await h.click(page, 'login-submit');
  await h.waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running, 300000);
  // Frame intervals as the browser paints them.
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => { window.__frames.push(t - last); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  // Reference: idle frames on Beranda (same data, same window) before Rekomendasi.
  await page.waitForTimeout(1000);
  await page.evaluate(() => { window.__frames.length = 0; });
  await page.waitForTimeout(2000);
  const home = await page.evaluate(() => window.__frames.slice());
  out.home_idle_frame_ms_p50 = Math.round(pct(home, 0.5));
  // Entering Rekomendasi warms the planner's worker up (App::rekom_warm: start,
  // compile, database copy, one build and solve); a camat reads the form
  // meanwhile. The runs start once it is done (warm_wall_ms: entering to ready).
  const tEnter = Date.now();
  await h.goTo(page, 'nav-rekomendasi');
  try {
    const w = await h.waitState(page, (x) => x.rekom.warmed, 120000);
    out.warm_wall_ms = Date.now() - tEnter;
    out.warm_ms = Math.round(w.rekom.warmMs);
    out.warm_build_ms = Math.round(w.rekom.warmBuildMs);
    out.warm_solve_ms = Math.round(w.rekom.warmSolveMs);
  } catch (e) {
    out.warm_error = String(e.message || e).slice(0, 200);
  }
  await page.waitForTimeout(500);
  const runs = [];
  for (let run = 0; run < 3; run++) {
    await page.evaluate(() => { window.__frames.length = 0; Module.seimbangFrameStats(); });
    const t0 = Date.now();
    await scrollTo(page, 'rekom-run');
    await h.click(page, 'rekom-run');
    const s = await h.waitState(page, (x) => x.rekom.phase === 4 || x.rekom.phase === 5, 120000);
    const wall = Date.now() - t0;
    const frames = await page.evaluate(() => window.__frames.slice());
    const fs = await page.evaluate(() => Module.seimbangFrameStats());
    if (s.rekom.phase !== 4) throw new Error('plan failed: ' + s.rekom.issue);
    runs.push({ wall, total: s.rekom.solveMs, build: s.rekom.buildMs, solve: s.rekom.planMs, frames, moves: s.rekom.moveCount,
                optimal: s.rekom.optimal, runFrames: s.rekom.runFrames, request: s.rekom.requestMs, post: s.rekom.postMs,
                decode: s.rekom.decodeMs, apply: s.rekom.applyMs, uiMax: s.rekom.uiMaxMs, worker: s.rekom.workerMs,
                bytes: s.rekom.instanceBytes, snapshot: s.rekom.snapshotSent, work: fs.workMaxMs, drawn: fs.drawn, skipped: fs.skipped, long: fs.long,
                load: loadavg()[0].toFixed(2) });
  }
  const best = runs.reduce((a, b) => (a.total <= b.total ? a : b));
  const allFrames = runs.flatMap((r) => r.frames);
  out.moves = best.moves;
  out.optimal = best.optimal;
  out.run_frames = best.runFrames;
  out.plan_ms = Math.round(best.total);
  out.plan_ms_runs = runs.map((r) => Math.round(r.total));
  out.build_ms = Math.round(best.build);
  out.solve_ms = Math.round(best.solve);
  out.worker_ms = Math.round(best.worker);
  out.build_ms_runs = runs.map((r) => Math.round(r.build));
  out.worker_ms_runs = runs.map((r) => Math.round(r.worker));
  out.request_ms = Number(best.request.toFixed(1));
  out.post_ms = Number(best.post.toFixed(1));
  out.decode_ms = Number(best.decode.toFixed(1));
  out.apply_ms = Number(best.apply.toFixed(1));
  out.ui_chunk_ms_runs = runs.map((r) => Number(r.uiMax.toFixed(1)));
  out.ui_chunk_ms_max = Number(Math.max(...runs.map((r) => r.uiMax)).toFixed(1));
  out.frame_work_ms_runs = runs.map((r) => Math.round(r.work));
  out.frame_work_ms_max = Math.round(Math.max(...runs.map((r) => r.work)));
  out.frames_drawn_skipped = runs.map((r) => [r.drawn, r.skipped]);
  // Frames over 20 ms of UI-thread work, with what the run was doing then
  // (request, post, waiting, decode, apply, shown: the first frames that draw the plan).
  out.long_frames_runs = runs.map((r) => r.long);
  out.request_bytes = best.bytes;
  out.request_bytes_runs = runs.map((r) => r.bytes);
  out.snapshot_sent_runs = runs.map((r) => r.snapshot);
  out.click_to_shown_ms = runs.map((r) => r.wall);
  out.frame_ms_max = Math.round(Math.max(...allFrames));
  out.frame_ms_p95 = Math.round(pct(allFrames, 0.95));
  out.frame_ms_runs = runs.map((r) => Math.round(Math.max(...r.frames)));
  out.load_avg_runs = runs.map((r) => r.load);

  // Idle frames with the plan on screen (3,000+ moves, 50 per page), laptop window.
  await page.evaluate(() => { window.__frames.length = 0; });
  await page.waitForTimeout(2000);
  const idle = await page.evaluate(() => window.__frames.slice());
  out.idle_frame_ms_p50 = Math.round(pct(idle, 0.5));
  out.idle_frame_ms_max = Math.round(Math.max(...idle));

  // What-if: drop the first move (the app's own timing of the recomputation).
  // A tall window puts the move's button in view without the mouse wheel; its
  // software-rendered canvas (SwiftShader) makes every frame slower, so the
  // idle frame interval at that size is reported beside it.
  await page.setViewportSize({ width: 1366, height: 2300 });
  await page.evaluate(() => { window.__frames.length = 0; });
  await page.waitForTimeout(2000);
  const idleTall = await page.evaluate(() => window.__frames.slice());
  out.tall_idle_frame_ms_p50 = Math.round(pct(idleTall, 0.5));
  const whatif = [];
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => { window.__frames.length = 0; });
    await scrollTo(page, 'rekom-drop-0');
    await page.evaluate(() => Module.seimbangFrameStats());
    await h.click(page, 'rekom-drop-0');
    const s = await h.waitState(page, (x) => x.rekom.moves[0].dropped === (i % 2 === 0));
    const fs = await page.evaluate(() => Module.seimbangFrameStats());
    whatif.push({ ms: s.rekom.refigureMs, work: fs.workMaxMs, long: fs.long, frames: await page.evaluate(() => window.__frames.slice()) });
  }
  out.whatif_ms_max = Number(Math.max(...whatif.map((w) => w.ms)).toFixed(2));
  out.whatif_frame_work_ms_max = Math.round(Math.max(...whatif.map((w) => w.work)));
  out.whatif_long_frames = whatif.map((w) => w.long);
  out.whatif_frame_ms_p50 = Math.round(pct(whatif.flatMap((w) => w.frames), 0.5));
  out.whatif_frame_ms_max = Math.round(Math.max(...whatif.flatMap((w) => w.frames)));
  // A move of one's own: the first planned move's person to the same destination
  // (valid by construction), chosen through the form's searches.
  try {
    const s0 = await h.state(page);
    const m0 = s0.rekom.moves[0], fm = s0.rekom.firstMove;
    await h.click(page, '##rekom-manual-employee', { reveal: true });
    await h.typeInto(page, '##rekom-me-search', fm.employeeName);
    await h.pickFromCombo(page, '##rekom-me-search', '##me' + m0.employee);
    await h.click(page, '##rekom-manual-position', { reveal: true });
    await h.typeInto(page, '##rekom-mp-search', fm.toLabel);
    await h.pickFromCombo(page, '##rekom-mp-search', '##mp' + m0.to);
    await page.evaluate(() => { window.__frames.length = 0; Module.seimbangFrameStats(); });
    await h.click(page, 'rekom-manual-add', { reveal: true });
    const s = await h.waitState(page, (x) => x.rekom.manualCount === 1);
    const fs = await page.evaluate(() => Module.seimbangFrameStats());
    out.whatif_manual_ms = Number(s.rekom.refigureMs.toFixed(2));
    out.whatif_manual_frame_work_ms = Math.round(fs.workMaxMs);
    out.whatif_ms_max = Math.max(out.whatif_ms_max, out.whatif_manual_ms);
  } catch (e) {
    out.whatif_manual_error = String(e.message || e).slice(0, 200);
  }
  // Saving the plan shown (3,000+ moves with their reasons) under a name: the
  // app's own time for it and the longest frame() around it.
  try {
    const before = (await h.state(page)).rekom.saved.count;
    await h.typeInto(page, '##saved-name', 'Bench ' + Date.now(), { reveal: true });
    await page.evaluate(() => { window.__frames.length = 0; Module.seimbangFrameStats(); });
    await h.click(page, 'saved-save', { reveal: true });
    const s = await h.waitState(page, (x) => x.rekom.saved.count === before + 1, 60000);
    await page.waitForTimeout(300);
    const fs = await page.evaluate(() => Module.seimbangFrameStats());
    out.save_ms = Number(s.rekom.saved.saveMs.toFixed(1));
    out.save_frame_work_ms = Math.round(fs.workMaxMs);
    out.save_long_frames = fs.long;
  } catch (e) {
    out.save_error = String(e.message || e).slice(0, 200);
  }
  out.targets = { plan_ms: 1000, frame_ms: 50, whatif_ms: 16 };
  out.met = out.plan_ms <= 1000 && out.frame_ms_max <= 50 && out.whatif_ms_max <= 16;
  // The same targets for the UI thread's own work per frame (the frame
  // intervals above also hold the software-rendered drawing of a shared machine,
  // compare idle_frame_ms_*).
  out.met_ui_work = out.plan_ms <= 1000 && out.frame_work_ms_max <= 50 && out.whatif_ms_max <= 16;
  out.load_avg = [out.load_avg_start, loadavg()[0].toFixed(2)];
  delete out.load_avg_start;
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(out));
