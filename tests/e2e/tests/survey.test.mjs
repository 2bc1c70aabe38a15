// Survei Kepuasan Pegawai in the browser (docs/SURVEY.md): a camat opens a
// campaign; operator.terjun fetches kiosk codes while online, then with the
// server down runs the office's shared device in kiosk mode: two people answer
// with their codes (the answers wait in the outbox), a spent code is refused on
// the device. Back online the answers sync; the results the device receives stay
// hidden while the campaign has fewer than k answers (k = 3 here) and appear,
// with their index, once the k-th answer arrived. The server's answers table
// holds exactly the answers and nothing that names a person or device.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  startServer, launch, openApp, click, goTo, typeInto, waitState, shot, waitServiceWorker, signIn } from '../lib/harness.mjs';

function rows(db, query) {
  const out = execFileSync('sqlite3', ['-readonly', '-json', db, query], { encoding: 'utf8' }).trim();
  return out ? JSON.parse(out) : [];
}

const ITEMS = 26;

function isoDay(offset) {
  const d = new Date(Date.now() + 7 * 3600 * 1000 + offset * 24 * 3600 * 1000);  // WIB
  return d.toISOString().slice(0, 10);
}


// "Sinkronkan sekarang" on Sinkronisasi (after a long offline spell the automatic
// retry has backed off for minutes), then back to Survei.
// (Called right after a viewport change: the navigation is clicked until the
// screen changes, like clickUntil, since it may still sit where the phone layout put it.)
async function syncNow(page) {
  await clickUntil(page, 'nav-sync', (x) => x.screen === 'ui.nav.sync');
  await page.waitForTimeout(100);  // a frame more: the screen's widgets are registered
  await click(page, 'sync-now');
  await waitState(page, (x) => x.pending === 0 && !x.sync.running && x.sync.lastError === '', 60000);
  await goTo(page, 'nav-survey');
}

// Clicks until the app shows the click's effect: right after a viewport change
// the widget may still be found where the previous layout put it.
async function clickUntil(page, label, pred) {
  for (let attempt = 0; attempt < 5; attempt++) {
    await click(page, label, { reveal: true });
    try { return await waitState(page, pred, 3000); } catch { /* not yet: again */ }
  }
  return waitState(page, pred, 3000);
}

// One person at the kiosk: the code, a choice for every statement, send.
async function answerAtKiosk(page, code, score) {
  await typeInto(page, '##survey-code', code, { reveal: true });
  for (let i = 0; i < ITEMS; i++) {
    await click(page, `survey-item-${i}-${score}`, { reveal: true });
    await waitState(page, (x) => x.survey.chosen === i + 1);
  }
  await click(page, 'survey-submit', { reveal: true });
}

test('survey: kiosk answers offline, sync, results only from the k-th answer', { timeout: 880000 }, async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    execFileSync('sqlite3', [server.db, "INSERT INTO settings(key, value) VALUES('survey', '{\"min_group\":3,\"late_days\":14}') "
      + 'ON CONFLICT(key) DO UPDATE SET value = excluded.value']);
    // --- the camat opens a campaign for the kecamatan (API)
    const device = '0190a000-0000-7000-8000-0000000000e3';
    const lr = await fetch(server.url + 'api/v1/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'camat.marelan', password: 'marelan2026', device_id: device, device_name: 'e2e' }),
    });
    const token = (await lr.json()).token;
    const auth = { Authorization: 'Bearer ' + token, 'X-Device-Id': device, 'Content-Type': 'application/json' };
    const made = await fetch(server.url + 'api/v1/surveys', {
      method: 'POST', headers: auth,
      body: JSON.stringify({ title: 'Survei Kepuasan Pegawai Semester II', period: '2026-S2', opens: isoDay(-1), closes: isoDay(30) }),
    });
    assert.equal(made.status, 201, await made.clone().text());
    const campaign = (await made.json()).campaign;
    // A body that is not JSON changes nothing.
    const refused = await fetch(server.url + 'api/v1/surveys', { method: 'POST', headers: auth, body: '{' });
    assert.equal(refused.status, 400);

    // --- operator.terjun: the campaign arrives with the sync; codes while online
    const { page, errors } = await openApp(browser, server.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await waitServiceWorker(page);
    await signIn(page, 'operator.terjun', { waitSync: true });
    await waitState(page, (x) => x.survey.campaigns === 1);
    await goTo(page, 'nav-survey');
    await click(page, 'survey-codes');
    let s = await waitState(page, (x) => x.survey.codesLeft === 10 && x.survey.printable.length === 10);
    const codes = s.survey.printable;
    assert.equal(rows(server.db, 'SELECT count(*) AS n FROM survey_codes')[0].n, 10);
    await shot(page, 'survei-operator-kode');

    // --- offline: the kiosk
    await server.halt();
    await page.setViewportSize({ width: 720, height: 900 });  // phone layout; the form scrolls (reveal)
    await page.waitForTimeout(200);
    await clickUntil(page, 'survey-kiosk', (x) => x.survey.answering && x.survey.kiosk);
    await shot(page, 'survei-kiosk-form');
    await answerAtKiosk(page, codes[0].toLowerCase(), 4);
    s = await waitState(page, (x) => x.survey.thanked && x.pending === 1 && x.survey.codesLeft === 9);
    await answerAtKiosk(page, codes[1].slice(0, 4) + '-' + codes[1].slice(4), 4);
    s = await waitState(page, (x) => x.pending === 2 && x.survey.codesLeft === 8);
    // A spent code: refused on the device, nothing queued.
    await answerAtKiosk(page, codes[0], 2);
    s = await waitState(page, (x) => x.survey.refused === 'survey.code_used');
    assert.equal(s.pending, 2);
    // Not every statement answered (a fresh form): refused, nothing queued.
    await clickUntil(page, 'survey-kiosk-close', (x) => !x.survey.answering);
    await clickUntil(page, 'survey-kiosk', (x) => x.survey.answering && x.survey.kiosk);
    await typeInto(page, '##survey-code', codes[2], { reveal: true });
    await click(page, 'survey-submit', { reveal: true });
    s = await waitState(page, (x) => x.survey.refused === 'survey.bad_scores');
    assert.equal(s.pending, 2);
    await shot(page, 'survei-kiosk-belum-lengkap');

    // --- online: the answers sync; 2 < k = 3 answers: the results stay hidden
    await clickUntil(page, 'survey-kiosk-close', (x) => !x.survey.answering);
    await page.setViewportSize({ width: 1366, height: 1400 });
    await page.waitForTimeout(200);
    await server.resume();
    await syncNow(page);
    assert.equal(rows(server.db, 'SELECT count(*) AS n FROM survey_answers')[0].n, 2);
    assert.equal(rows(server.db, 'SELECT count(*) AS n FROM survey_codes WHERE used = 1')[0].n, 2);
    s = await waitState(page, (x) => x.survey.hasResults);
    assert.equal(s.survey.shown, false, 'fewer than k answers: nothing shown');
    await shot(page, 'survei-hasil-belum');
    // The third person (the k-th answer) answers online.
    await page.setViewportSize({ width: 720, height: 900 });
    await page.waitForTimeout(200);
    await clickUntil(page, 'survey-kiosk', (x) => x.survey.answering && x.survey.kiosk);
    await answerAtKiosk(page, codes[2], 5);
    await waitState(page, (x) => x.survey.thanked && x.survey.codesLeft === 7);
    await clickUntil(page, 'survey-kiosk-close', (x) => !x.survey.answering);
    await page.setViewportSize({ width: 1366, height: 1400 });
    await page.waitForTimeout(200);
    await syncNow(page);
    s = await waitState(page, (x) => x.survey.shown, 30000);
    assert.equal(s.survey.answers, 3);
    await shot(page, 'survei-hasil');
    // The index computed here from the instrument (reverse items scored 6 − raw):
    // two people chose 4 on every statement, one chose 5.
    const facetMean = (f, raws) => raws.reduce((sum, raw) => sum + f.items.reduce(
      (t, it) => t + (it.reverse ? 6 - raw : raw), 0), 0) / (raws.length * f.items.length);
    const facets = campaign.instrument.facets.map((f) => facetMean(f, [4, 4, 5]));
    const expected = ((facets.reduce((a, b) => a + b, 0) / facets.length) - 1) / 4 * 100;
    const res = await (await fetch(server.url + `api/v1/surveys/${campaign.id}/results?scope=${campaign.scope_office_id}`,
      { headers: auth })).json();
    assert.equal(res.total.shown, true);
    assert.ok(Math.abs(res.total.index - expected) < 1e-9, `${res.total.index} vs ${expected}`);
    // The server's answers: exactly the stored columns, no person or device.
    const cols = rows(server.db, "SELECT name FROM pragma_table_info('survey_answers')").map((r) => r.name);
    assert.deepEqual(cols, ['campaign_id', 'office_id', 'id', 'scores', 'comment']);
    assert.equal(rows(server.db, 'SELECT count(*) AS n FROM survey_participation')[0].n, 0);  // kiosk: codes, no names
    assert.ok(!server.log().includes('scores'), 'no answer in the server log');
    // "Unduh" online: the server's workbook of these results; the print view from the device's copy.
    await click(page, 'survey-download');
    await page.waitForFunction(() => Module.seimbangLastDownload && Module.seimbangLastDownload.name.endsWith('.xlsx'),
      null, { timeout: 20000 });
    let dl = await page.evaluate(() => Module.seimbangLastDownload);
    assert.equal(dl.name, 'survei-2026-S2.xlsx');
    assert.ok(dl.size > 3000, JSON.stringify(dl));
    await click(page, 'survey-print');
    await page.waitForFunction(() => Module.seimbangLastDownload.name.endsWith('.html'), null, { timeout: 10000 });
    dl = await page.evaluate(() => Module.seimbangLastDownload);
    assert.equal(dl.name, 'survei-2026-S2.html');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await shot(page, 'survei-hasil-phone');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
