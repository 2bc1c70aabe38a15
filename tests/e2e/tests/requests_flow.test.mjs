// Issue 10 end to end in the browser: pegawai.terjun (Ahmad Situmorang, II/d,
// keuangan 3 in the demo data) files an own-request transfer to Pengelola
// Keuangan of Kelurahan Paya Pasir OFFLINE (server down) with two documents
// chosen in the file chooser; back online, the request, its steps and the
// documents' bytes reach the server. Then each role signs in on this browser and
// takes its step with the buttons it is shown: lurah.terjun (origin) approves,
// lurah.payapasir (destination) approves, bkpsdm.medan verifies and decides
// (online). The SK PDF's text names the decree number and the employee.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startServer, launch, openApp, click, goTo, typeInto, waitState, shot, waitServiceWorker, locate, pickFromCombo, signIn } from '../lib/harness.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);

function rows(db, query) {
  const out = execFileSync('sqlite3', ['-readonly', '-json', db, query], { encoding: 'utf8' }).trim();
  return out ? JSON.parse(out) : [];
}


async function logout(page) {
  await click(page, 'logout');
  await waitState(page, (x) => !x.loggedIn);
}

// A point inside the open form (for the mouse wheel).
async function formPoint(page) {
  const v = page.viewportSize();
  return { x: v.width - 300, y: Math.round(v.height * 0.6) };  // the form is the right-hand panel
}

// Scrolls the panel under `at` (x, y) until the widget is visible (the form is
// taller than a laptop screen).
async function scrollTo(page, label, at) {
  for (let i = 0; i < 30; i++) {
    const r = await page.evaluate(([l]) => Module.seimbangLocate(l, 0), [label]);
    if (r && r.w > 0 && r.h > 8) return;
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(60);
  }
}

async function pickFile(page, button, file) {
  await scrollTo(page, button, await formPoint(page));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), click(page, button)]);
  await chooser.setFiles(file);
}

// Opens the (only) request of the list.
async function openRequest(page, id) {
  await goTo(page, 'nav-requests');
  await click(page, 'req-' + id);
  await waitState(page, (x) => x.requests.selectedStatus !== '');
}

// Takes a step with the button the user is shown; waits until the server has it
// (its row, not the device's pending count, which is re-read a moment later).
async function step(page, server, id, command, status, note) {
  if (note) await typeInto(page, '##req-note', note);
  await click(page, 'req-do-' + command);
  await waitState(page, (x) => x.requests.selectedStatus === status, 15000);
  for (let i = 0; i < 300; i++) {
    if (rows(server.db, `SELECT status FROM requests WHERE id = '${id}'`)[0].status === status) break;
    await page.waitForTimeout(100);
  }
  assert.equal(rows(server.db, `SELECT status FROM requests WHERE id = '${id}'`)[0].status, status);
  await waitState(page, (x) => x.pending === 0 && !x.sync.running, 30000);
}

test('usulan mutasi: filed offline by a pegawai with documents, followed to Ditetapkan by each role, SK PDF', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await waitServiceWorker(page);
    await signIn(page, 'pegawai.terjun', { waitSync: true });
    let s = await waitState(page, (x) => x.loggedIn);

    // --- offline: the server is down
    await server.halt();
    await goTo(page, 'nav-requests');
    await page.setViewportSize({ width: 1366, height: 1100 });  // the whole form in view
    await page.waitForTimeout(200);
    await click(page, 'req-new');
    await waitState(page, (x) => x.requests.formOpen);
    await click(page, 'req-wish-1');
    await typeInto(page, '##req-wish-search', 'Pengelola Keuangan');
    const items = await page.evaluate(() => Module.seimbangItems().map((x) => x.label));
    const wish = items.find((l) => l.includes('Kelurahan Paya Pasir') && l.includes('##wp-'));
    assert.ok(wish, 'the reference list offers Paya Pasir\'s positions: ' + items.join(' | '));
    await click(page, wish);
    await pickFromCombo(page, '##req-reason', '##rs-merawat_orang_tua');
    await typeInto(page, '##req-explanation', 'Merawat orang tua yang tinggal di Paya Pasir');
    await pickFile(page, 'req-pick', { name: 'surat_permohonan.pdf', mimeType: 'application/pdf', buffer: PDF });
    await waitState(page, (x) => x.requests.formDocuments === 1);
    await pickFromCombo(page, '##req-doc-type', '##dt-sk_pangkat_terakhir');
    await pickFile(page, 'req-pick', { name: 'sk_pangkat.png', mimeType: 'image/png', buffer: PNG });
    await waitState(page, (x) => x.requests.formDocuments === 2);
    await shot(page, 'usulan-pegawai-offline-form');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(200);
    await click(page, 'req-submit-new');
    s = await waitState(page, (x) => x.requests.count === 1 && x.requests.selectedStatus === 'diajukan');
    s = await waitState(page, (x) => x.pending >= 4);  // create, 2 attach, submit: queued commands
    await shot(page, 'usulan-pegawai-offline-detail');

    // --- online again: commands and documents reach the server
    await server.resume();
    await page.evaluate(() => Module.ccall('seimbang_sync_poll', null, [], []));
    await waitState(page, (x) => x.pending === 0 && !x.sync.running && x.sync.lastError === '', 60000);
    const req = rows(server.db, "SELECT id, number, status FROM requests");
    assert.equal(req.length, 1);
    assert.equal(req[0].status, 'diajukan');
    const id = req[0].id;
    for (let i = 0; i < 100; i++) {  // the documents' bytes follow the records
      if (rows(server.db, 'SELECT count(*) AS n FROM blobs WHERE complete = 1')[0].n === 2) break;
      await page.evaluate(() => Module.ccall('seimbang_sync_poll', null, [], []));
      await page.waitForTimeout(200);
    }
    assert.equal(rows(server.db, 'SELECT count(*) AS n FROM blobs WHERE complete = 1')[0].n, 2, 'both documents stored');
    await logout(page);

    // --- head of the origin office
    await signIn(page, 'lurah.terjun', { waitSync: true });
    await openRequest(page, id);
    await shot(page, 'usulan-lurah-asal');
    await step(page, server, id, 'approve', 'disetujui_unit_asal', 'Beban kerja Terjun tetap terpenuhi');
    await logout(page);

    // --- head of the destination office
    await signIn(page, 'lurah.payapasir', { waitSync: true });
    await goTo(page, 'nav-home');
    await locate(page, 'home-req-' + id);  // Beranda: "Menunggu Anda"
    await shot(page, 'beranda-lurah-tujuan');
    await click(page, 'home-req-' + id);
    await waitState(page, (x) => x.requests.selectedStatus === 'disetujui_unit_asal');
    await step(page, server, id, 'approve', 'disetujui_unit_tujuan', 'Paya Pasir kekurangan pengelola keuangan');
    await logout(page);

    // --- BKPSDM: verify, then decide online
    await signIn(page, 'bkpsdm.medan', { waitSync: true });
    await openRequest(page, id);
    await step(page, server, id, 'verify', 'verifikasi_bkpsdm');
    const t = new Date(Date.now() + 40 * 86400000);
    const tmt = `${String(t.getUTCDate()).padStart(2, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${t.getUTCFullYear()}`;
    await typeInto(page, '##req-tmt', tmt);
    await click(page, 'req-do-decide');
    for (let i = 0; i < 150; i++) {
      s = await waitState(page, (x) => x.loggedIn);
      if (s.requests.selectedStatus === 'ditetapkan') break;
      await page.waitForTimeout(200);
    }
    assert.equal(s.requests.selectedStatus, 'ditetapkan', JSON.stringify(s.requests));
    await shot(page, 'usulan-bkpsdm-ditetapkan');
    const decided = rows(server.db, `SELECT sk_number, tmt FROM requests WHERE id = '${id}'`)[0];
    assert.match(decided.sk_number, /^800\/1\/BKPSDM\/\d{4}$/);

    // --- the SK PDF, fetched with a BKPSDM token, read with pdftotext
    const device = '0190a000-0000-7000-8000-0000000000e2';
    const lr = await fetch(server.url + 'api/v1/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'bkpsdm.medan', password: 'marelan2026', device_id: device, device_name: 'e2e' }),
    });
    const token = (await lr.json()).token;
    const pdf = await fetch(server.url + `api/v1/requests/${id}/sk.pdf`,
      { headers: { Authorization: 'Bearer ' + token, 'X-Device-Id': device } });
    assert.equal(pdf.status, 200);
    const file = join(server.dir, 'sk.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.ok(text.includes(decided.sk_number), 'SK number in the decree');
    assert.ok(text.includes('Ahmad Situmorang'), 'employee in the decree');
    assert.ok(text.includes('Pengelola Keuangan'), 'new position in the decree');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
