// Impor in the browser at Kota Medan scale (issue 19, item 5); prints one JSON
// object on its last line:
//   read_ms, plan_ms, apply_ms   the app's own wall time of reading the CSV,
//                                the dry run and the apply (one transaction,
//                                N outbox entries) of N employees, every one changed
//   pick_to_plan_ms              from choosing the file to the dry run shown
//   apply_to_done_ms             from "Terapkan" to the import shown as saved
//   again_plan_ms                the same file planned again (N unchanged)
//   frame_ms_max                 the longest frame interval (the page is busy
//                                while a phase runs; the busy state is drawn first)
//   wasm_heap_mb                 the WebAssembly memory after the import
// Target: dry run + apply of 20,000 employees ≤ 10 s.
// The data: `seimbang-server init --synthetic N` (21 kecamatan, 151 kelurahan),
// pulled by a BKPSDM account; its employees exported as CSV (the CLI on a copy
// of the server's database) with every name changed.
// Run: node bench/web/impor.mjs [--employees N]   (needs tests/e2e's node_modules and the builds)
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const h = await import(join(root, 'tests/e2e/lib/harness.mjs'));
const employees = Number(process.argv[process.argv.indexOf('--employees') + 1]) || 20000;
const CLI = join(dirname(h.SERVER), '../client/seimbang');

const dir = mkdtempSync(join(tmpdir(), 'seimbang-bench-impor-'));
const db = join(dir, 'kota.db');
execFileSync(h.SERVER, ['init', '--db', db, '--synthetic', String(employees), '--fast-hashes'], { stdio: 'ignore' });
copyFileSync(db, join(dir, 'copy.db'));
const csvPath = join(dir, 'pegawai.csv');
execFileSync(CLI, ['--db', join(dir, 'copy.db'), 'export', 'employees', '--file', csvPath], { stdio: 'ignore' });
// Every row changed (the name of each employee, as a later SIMPEG export with
// corrected names): the dry run matches N employees by NIP and plans N changes,
// the apply writes N records and N outbox entries in one transaction. (Removing
// the employees from the server's database instead breaks its sync checksums.)
function renamed(text) {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    // The second field (Nama): quoted when it holds a comma.
    const l = lines[i], c = l.indexOf(',');
    if (l[c + 1] === '"') {
      let j = c + 2;
      for (; j < l.length; j++) { if (l[j] === '"' && l[j + 1] === '"') j++; else if (l[j] === '"') break; }
      lines[i] = l.slice(0, j) + ' Impor' + l.slice(j);
    } else {
      const e = l.indexOf(',', c + 1);
      lines[i] = l.slice(0, e) + ' Impor' + l.slice(e);
    }
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}
const csv = renamed(readFileSync(csvPath, 'utf8'));
const sql = (q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();
const rootOffice = sql("SELECT id FROM offices WHERE parent_id IS NULL OR parent_id = ''");
execFileSync(h.SERVER, ['user', 'add', '--db', db, '--username', 'bkpsdm.bench', '--role', 'bkpsdm', '--office', rootOffice,
                        '--password-stdin'], { input: 'bench-password\n', stdio: ['pipe', 'ignore', 'ignore'] });
const port = await h.freePort();
const url = `http://127.0.0.1:${port}/`;
const server = spawn(h.SERVER, ['serve', '--db', db, '--port', String(port), '--web', h.WEB], { stdio: 'ignore' });
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(url + 'api/v1/health')).ok) break; } catch { /* not yet */ }
  await new Promise((r) => setTimeout(r, 100));
}

async function importFile(page) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), h.click(page, 'imp-pick')]);
  const t0 = Date.now();
  await chooser.setFiles({ name: 'pegawai.csv', mimeType: 'text/csv', buffer: csv });
  const s = await h.waitState(page, (x) => x.impor.hasPlan && x.impor.phase === 3, 300000);
  return { s, wall: Date.now() - t0 };
}

const browser = await h.launch();
const out = { employees, csv_bytes: csv.length };
try {
  const page = await browser.context.newPage();
  await page.goto(url);
  await h.waitReady(page, 120000);  // a shared machine under load compiles the .wasm slowly
  await h.typeInto(page, '##login-user', 'bkpsdm.bench');
  await h.typeInto(page, '##login-pass', 'bench-password');
  await h.click(page, 'login-submit');
  await h.waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running, 300000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await h.goTo(page, 'nav-impor');
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => { window.__frames.push(t - last); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  let { s, wall } = await importFile(page);
  if (s.impor.changed !== employees) throw new Error('dry run: ' + JSON.stringify(s.impor).slice(0, 2000));
  out.read_ms = Math.round(s.impor.readMs);
  out.plan_ms = Math.round(s.impor.planMs);
  out.pick_to_plan_ms = wall;
  const t1 = Date.now();
  await h.click(page, 'imp-apply');
  s = await h.waitState(page, (x) => x.impor.phase === 5 || x.impor.check !== '', 300000);
  if (s.impor.phase !== 5) throw new Error('apply: ' + s.impor.check);
  out.apply_to_done_ms = Date.now() - t1;
  out.apply_ms = Math.round(s.impor.applyMs);
  out.written = s.impor.written;
  s = await h.waitState(page, (x) => x.persistIdle, 300000);
  out.pending = s.pending;
  out.frame_ms_max = Math.round(Math.max(...await page.evaluate(() => window.__frames)));
  ({ s, wall } = await importFile(page));
  out.again_same = s.impor.same;  // N: the import is idempotent
  out.again_plan_ms = Math.round(s.impor.planMs);
  out.wasm_heap_mb = Math.round(await page.evaluate(() => Module.HEAPU8.length) / 1048576);
  out.dry_run_plus_apply_ms = out.read_ms + out.plan_ms + out.apply_ms;
  out.target_ms = 10000;
  out.met = out.dry_run_plus_apply_ms <= 10000;
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(out));
