// Issue 19 end to end: an operator logs in for real, goes offline, imports a
// CSV with an Indonesian header (Excel's ';') picked in the browser's file
// chooser, sees the refused row with its line and column, applies the rest
// (skipping the refused row), reloads while offline (the rows are there), goes
// online, and the server holds each row exactly once; the same file again plans
// no change. Screenshots of the dry run at 1366x768 and 390x844.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, waitReady, click, typeInto, state, waitState, shot, openApp, waitServiceWorker, waitStaged, goTo, signIn, WEB } from '../lib/harness.mjs';

const NIP_A = '199001012015031001';  // born 1990-01-01, TMT CPNS 2015-03, male
const NIP_B = '199105052016032002';  // born 1991-05-05, TMT CPNS 2016-03, female

function rows(db, query) {
  const out = execFileSync('sqlite3', ['-readonly', '-json', db, query], { encoding: 'utf8' }).trim();
  return out ? JSON.parse(out) : [];
}


// Clicks until the app shows the click's effect (under load, a click right after
// a change of the window size can land before the layout settled).
async function clickUntil(page, label, pred) {
  for (let attempt = 0; ; attempt++) {
    await click(page, label);
    try {
      return await waitState(page, pred, 3000);
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

// Chooses `csv` in the browser's file chooser and waits for the dry run (phase planned = 3).
async function importFile(page, name, csv) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), click(page, 'imp-pick')]);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  return waitState(page, (x) => x.impor.hasPlan && x.impor.phase === 3, 30000);
}

test('impor: offline CSV import, refused row with line and column, apply, reload, sync exactly once, re-import unchanged', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await waitServiceWorker(page);
    await signIn(page, 'operator.terjun');
    let s = await waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running, 30000);
    const pos = rows(server.db, "SELECT p.name FROM positions p JOIN offices o ON o.id = p.office_id " +
                                "WHERE o.name = 'Kelurahan Terjun' AND p.is_head = 0 ORDER BY p.name LIMIT 1");
    assert.equal(pos.length, 1, 'a position of Kelurahan Terjun');
    const jabatan = pos[0].name;

    await browser.context.setOffline(true);
    await waitState(page, (x) => !x.online);
    await goTo(page, 'nav-impor');
    // A SIMPEG-style export: a title row, Indonesian headers, ';' separators, one bad golongan.
    const csv = 'Daftar Pegawai Kelurahan Terjun;;;;;\n' +
                'No;NIP;Nama Pegawai;Gol/Ruang;Jabatan;Unit Kerja\n' +
                `1;${NIP_A};Rudi Hartono;III/a;${jabatan};Kel. Terjun\n` +
                `2;${NIP_B};Sari Dewi Nasution;II/c;${jabatan};Kelurahan Terjun\n` +
                `3;199203032017031003;Ahmad Fauzi;III/f;${jabatan};Kelurahan Terjun\n`;
    s = await importFile(page, 'pegawai-terjun.csv', csv);
    assert.equal(s.impor.fileRefused, false, JSON.stringify(s.impor));
    assert.equal(s.impor.added, 2, JSON.stringify(s.impor));
    assert.equal(s.impor.refused, 1);
    const refusal = s.impor.issues.find((i) => !i.warning);
    assert.equal(refusal.line, 5, 'the line in the file');
    assert.match(refusal.column, /^D \(Gol\/Ruang\)/, 'the column and its header');
    assert.equal(refusal.code, 'golongan.unknown');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(200);
    await shot(page, 'impor-dry-run');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await shot(page, 'impor-dry-run-phone');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(300);

    // Refused while a row is refused; written once the refused rows are skipped.
    s = await clickUntil(page, 'imp-apply', (x) => x.impor.check !== '');
    assert.equal(s.impor.check, 'ui.import.refused_rows');
    assert.equal(s.pending, 0, 'nothing written');
    await click(page, 'imp-skip');
    await page.waitForTimeout(100);
    await clickUntil(page, 'imp-apply', (x) => x.impor.phase >= 4);
    s = await waitState(page, (x) => x.impor.phase === 5, 30000);
    assert.equal(s.impor.written, 2);
    s = await waitState(page, (x) => x.save === 'saved' && x.persistIdle && x.pending === 2, 20000);
    await shot(page, 'impor-applied');

    // Reload with no network: the rows and the queue are there.
    await page.reload();
    await waitReady(page);
    s = await state(page);
    assert.equal(s.loggedIn, true);
    assert.equal(s.online, false);
    assert.equal(s.pending, 2);
    assert.equal((await page.evaluate((n) => Module.seimbangFind('employee', n), NIP_A)).name, 'Rudi Hartono');
    assert.equal((await page.evaluate((n) => Module.seimbangFind('employee', n), NIP_B)).name, 'Sari Dewi Nasution');

    // Online: the queue drains; the server has each row exactly once.
    await browser.context.setOffline(false);
    s = await waitState(page, (x) => x.online && x.pending === 0 && !x.sync.running && x.sync.lastError === '', 30000);
    assert.equal(s.sync.rejected, 0);
    for (const [nip, name] of [[NIP_A, 'Rudi Hartono'], [NIP_B, 'Sari Dewi Nasution']]) {
      const e = rows(server.db, `SELECT e.name, o.name AS office FROM employees e JOIN offices o ON o.id = e.office_id WHERE e.nip = '${nip}'`);
      assert.equal(e.length, 1, 'one row for ' + nip);
      assert.equal(e[0].name, name);
      assert.equal(e[0].office, 'Kelurahan Terjun');
    }
    assert.equal(rows(server.db, "SELECT 1 FROM employees WHERE nip = '199203032017031003'").length, 0, 'the refused row is not there');

    // The same file again: nothing to add or change.
    await goTo(page, 'nav-impor');
    s = await importFile(page, 'pegawai-terjun.csv', csv);
    assert.equal(s.impor.added, 0, JSON.stringify(s.impor));
    assert.equal(s.impor.changed, 0);
    assert.equal(s.impor.same, 2);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});

// The reader lives in its own Web Worker (issue 16: libzip, expat and zlib are
// not in the main module a first visit downloads); precached, so it works
// offline, on the first XLSX file of the visit.
test('impor: an XLSX file (two-row merged header, Excel dates) is read in the browser by the same reader, in its worker, offline', async () => {
  // The main module holds no XLSX or XML reader; the worker does (io/xlsx.cpp's part names, expat's messages).
  const main = readFileSync(join(WEB, 'seimbang-web.wasm'));
  const worker = readFileSync(join(WEB, 'seimbang-xlsx-worker.wasm'));
  for (const text of ['not well-formed (invalid token)', 'xl/sharedStrings.xml']) {
    assert.equal(main.includes(text), false, `main module without "${text}"`);
    assert.equal(worker.includes(text), true, `worker with "${text}"`);
  }
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await waitServiceWorker(page);
    await click(page, 'login-demo');
    await waitState(page, (s) => s.loggedIn);
    await waitStaged(page);  // an operator's sign-in caches the XLSX reader for offline use
    await browser.context.setOffline(true);
    await waitState(page, (x) => !x.online);
    await goTo(page, 'nav-impor');
    const xlsx = readFileSync(new URL('../../data/import/pegawai.xlsx', import.meta.url));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), click(page, 'imp-pick')]);
    await chooser.setFiles({ name: 'pegawai.xlsx', buffer: xlsx,
                             mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const s = await waitState(page, (x) => x.impor.hasPlan && x.impor.phase === 3, 30000);
    assert.equal(s.impor.fileRefused, false, JSON.stringify(s.impor));
    assert.ok(!s.impor.issues.some((i) => i.code.startsWith('import.xlsx')), JSON.stringify(s.impor.issues));
    assert.equal(s.impor.headerLine, 4);
    assert.equal(s.impor.headerRows, 2);
    assert.equal(s.impor.added + s.impor.changed + s.impor.same + s.impor.refused, 3, 'three employees');
    const url = await page.evaluate(() => Module.seimbangWorkerUrls && Module.seimbangWorkerUrls.xlsx);
    assert.match(url || '', /^seimbang-xlsx-worker\.js\?v=[0-9a-f]{12}&w=[0-9a-f]{12}$/, 'read by the hashed, precached worker');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
