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
//   rerun_*            a run after changing the move cost (other weights, same data): the
//                      worker applies the weights to the instance it built before
//                      (rerun_build_reused) instead of instance_from_db; rerun_plan_ms, rerun_build_ms
//   save_ms            saving the plan shown under a name: the app's work on the UI thread,
//                      written over frames (save_steps of at most save_step_max_ms each, then
//                      the INSERT; save_wall_ms from the click to the row); save_frame_work_ms
//                      the longest frame() meanwhile, save_frame_ms_max the browser's frame intervals
//   open_ms, compare_ms, export_ms
//                      opening a saved Kota plan, comparing two of them (the same plan saved
//                      twice, one move dropped in the second), the CSV of its moves (the app's
//                      time, one frame each), with the longest frame() around each
//   frames_unchanged   frames laid out but not drawn because the picture was the same as the one
//                      on the canvas (client/platform/web/main.cpp, redraw policy)
//   whatif_ms_max      the app's recomputation after dropping a move / adding a manual move
//                      (figures, chart data, reasons), whatif_frame_work_ms_max the UI
//                      thread's frame() that shows it, and the frame intervals around it
//   idle_frame_ms_*    frame intervals with the plan shown and nothing happening; drawn_frame_ms_*
//                      the same with every frame drawn (seimbang_test_redraw_always): the cost
//                      of a frame whose picture changed, in software GL
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
const num = (x, d = 1) => (typeof x === 'number' ? Number(x.toFixed(d)) : null);  // a figure an older build lacks: null
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
  // The redraw policy (client/platform/web/main.cpp, off by default): on, as measured in CLIENT.md.
  await page.evaluate(() => { try { Module.ccall('seimbang_test_redraw_always', null, ['number'], [0]); } catch { /* older build */ } });
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
    runs.push({ wall, reused: s.rekom.buildReused, unchanged: fs.unchanged, total: s.rekom.solveMs, build: s.rekom.buildMs, solve: s.rekom.planMs, frames, moves: s.rekom.moveCount,
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
  out.frames_unchanged_runs = runs.map((r) => r.unchanged);
  out.build_reused_runs = runs.map((r) => r.reused);
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

  // A re-run with other weights (the move cost): same data, scope and year, so the
  // worker keeps its instance and applies the weights (no instance_from_db).
  try {
    await scrollTo(page, '##rekom-move-cost');
    await h.typeInto(page, '##rekom-move-cost', '2');
    await page.evaluate(() => { window.__frames.length = 0; Module.seimbangFrameStats(); });
    await scrollTo(page, 'rekom-run');
    await h.click(page, 'rekom-run');
    const s = await h.waitState(page, (x) => x.rekom.phase === 4 || x.rekom.phase === 5, 120000);
    const frames = await page.evaluate(() => window.__frames.slice());
    const fs = await page.evaluate(() => Module.seimbangFrameStats());
    out.rerun_plan_ms = Math.round(s.rekom.solveMs);
    out.rerun_build_ms = Math.round(s.rekom.buildMs);
    out.rerun_worker_ms = Math.round(s.rekom.workerMs);
    out.rerun_build_reused = s.rekom.buildReused;
    out.rerun_moves = s.rekom.moveCount;
    out.rerun_frame_ms_max = Math.round(Math.max(...frames));
    out.rerun_frame_work_ms = Math.round(fs.workMaxMs);
  } catch (e) {
    out.rerun_error = String(e.message || e).slice(0, 200);
  }

  // Saving the plan shown (3,000+ moves with their reasons) under a name: the
  // app's own time for it and the longest frame() around it. A window tall
  // enough for the saved-plans panel (below the moves) without the wheel.
  // The saved-plans panel is above the moves (after the form, the figures and the
  // actions): in a window this tall it is in view while the page is at its top
  // (as the runs above leave it); reveal wheels for it otherwise.
  const tallSave = { width: 1366, height: 4000 };
  const far = { reveal: true, lines: 12, steps: 150 };
  const saveAs = async (name, before) => {
    await h.typeInto(page, '##saved-name', name, far);
    await page.evaluate(() => { window.__frames.length = 0; Module.seimbangFrameStats(); });
    await h.click(page, 'saved-save', far);
    const s = await h.waitState(page, (x) => x.rekom.saved.count === before + 1, 60000);
    await page.waitForTimeout(300);
    const fs = await page.evaluate(() => Module.seimbangFrameStats());
    const frames = await page.evaluate(() => window.__frames.slice());
    return { s, fs, frames };
  };
  const around = async (label, pred) => {
    await h.reveal(page, label, far);
    await page.evaluate(() => { window.__frames.length = 0; Module.seimbangFrameStats(); });
    await h.click(page, label);
    const s = await h.waitState(page, pred, 60000);
    await page.waitForTimeout(300);
    const fs = await page.evaluate(() => Module.seimbangFrameStats());
    return { s, work: Math.round(fs.workMaxMs), long: fs.long };
  };
  try {
    await page.setViewportSize(tallSave);
    await page.waitForTimeout(1000);
    const before = (await h.state(page)).rekom.saved.count;
    const { s, fs, frames } = await saveAs('Bench A ' + Date.now(), before);
    out.save_moves = s.rekom.moveCount;
    out.save_ms = num(s.rekom.saved.saveMs);
    out.save_step_max_ms = num(s.rekom.saved.saveStepMaxMs);
    out.save_wall_ms = num(s.rekom.saved.saveWallMs, 0);
    out.save_steps = s.rekom.saved.saveSteps;
    out.save_frame_work_ms = Math.round(fs.workMaxMs);
    out.save_long_frames = fs.long;
    out.save_frame_ms_max = Math.round(Math.max(...frames));
    // A second saved plan: the first move restored/dropped, so the two differ by one move.
    await h.click(page, 'rekom-drop-0', far);
    await page.waitForTimeout(300);
    await saveAs('Bench B ' + Date.now(), before + 1);
    await h.click(page, 'rekom-drop-0', far);  // restored: the what-if below starts from the plan
    await h.waitState(page, (x) => !x.rekom.moves[0].dropped);
    const open = await around('saved-open-0', (x) => x.rekom.saved.openMoves >= 0 && !x.rekom.saved.openChecking);
    out.open_ms = num(open.s.rekom.saved.openMs);
    out.open_frame_work_ms = open.work;
    out.open_data_changed = open.s.rekom.saved.openDataChanged;
    await h.click(page, 'saved-a-1', far);
    await h.click(page, 'saved-b-0', far);
    const cmp = await around('saved-compare', (x) => x.rekom.saved.comparing);
    out.compare_ms = num(cmp.s.rekom.saved.compareMs);
    out.compare_frame_work_ms = cmp.work;
    out.compare_diff = [cmp.s.rekom.saved.onlyA, cmp.s.rekom.saved.onlyB, cmp.s.rekom.saved.otherPost, cmp.s.rekom.saved.same];
    const csv = await around('saved-csv-0', () => true);
    await page.waitForFunction(() => Module.seimbangLastDownload && /mutasi\.csv$/.test(Module.seimbangLastDownload.name));
    const st = await h.state(page);
    out.export_ms = num(st.rekom.saved.exportMs);
    out.export_frame_work_ms = csv.work;
    out.export_bytes = await page.evaluate(() => Module.seimbangLastDownload.size || (Module.seimbangLastDownload.text || '').length || null);
    await h.click(page, 'saved-compare-close', far);  // the page as before for the what-if below
    await h.waitState(page, (x) => !x.rekom.saved.comparing);
  } catch (e) {
    out.save_error = String(e.message || e).slice(0, 300);
  }
  await page.setViewportSize({ width: 1366, height: 820 });
  await page.waitForTimeout(1000);

  // Idle frames with the plan on screen (3,000+ moves, 50 per page), laptop window.
  await page.evaluate(() => { window.__frames.length = 0; });
  await page.waitForTimeout(2000);
  const idle = await page.evaluate(() => window.__frames.slice());
  out.idle_frame_ms_p50 = Math.round(pct(idle, 0.5));
  out.idle_frame_ms_max = Math.round(Math.max(...idle));
  // The same with every frame drawn (what a frame whose picture changes costs:
  // SwiftShader's fill in the GPU process, which the renderer waits for).
  const redrawn = await page.evaluate(async () => {
    try { Module.ccall('seimbang_test_redraw_always', null, ['number'], [1]); } catch { return null; }
    await new Promise((r) => setTimeout(r, 500));
    window.__frames.length = 0;
    await new Promise((r) => setTimeout(r, 2000));
    Module.ccall('seimbang_test_redraw_always', null, ['number'], [0]);
    return window.__frames.slice();
  });
  if (redrawn) {
    out.drawn_frame_ms_p50 = Math.round(pct(redrawn, 0.5));
    out.drawn_frame_ms_max = Math.round(Math.max(...redrawn));
  }

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
