// What needs a person after a sync, in a real browser against the real server:
// an employee added offline with a NIP that another kelurahan already uses is
// refused by the server (listed with its reason, dismissable), and an ABK task
// volume edited offline while another device changed the same field becomes a
// conflict shown as base / mine / theirs; "Pakai milik saya" sends mine.
// Screenshots of Sinkronisasi and Beranda land in tests/e2e/test-results/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startServer, launch, click, typeInto, waitState, pickFromCombo, shot, openApp, goTo } from '../lib/harness.mjs';

const rows = (db, q) => {
  const out = execFileSync('sqlite3', ['-readonly', '-json', db, q], { encoding: 'utf8' }).trim();
  return out ? JSON.parse(out) : [];
};
const items = (page) => page.evaluate(() => Module.seimbangItems().map((x) => x.label));
// The first item whose label contains `part`, waiting a few frames for the layout.
async function findItem(page, part, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const found = (await items(page)).find((l) => l.includes(part));
    if (found || Date.now() > end) return found;
    await page.waitForTimeout(50);
  }
}

function uuid7() {
  const b = randomBytes(16);
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}



test('a refused change and a conflict are shown and can be handled', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await typeInto(page, '##login-user', 'operator.terjun');
    await typeInto(page, '##login-pass', 'marelan2026');
    await click(page, 'login-submit');
    await waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running, 30000);

    // Someone in Paya Pasir (outside this operator's scope) already has this NIP.
    const [other] = rows(server.db, "SELECT e.nip, e.birth_date, e.gender, e.golongan FROM employees e " +
      "JOIN offices o ON o.id = e.office_id WHERE o.name = 'Kelurahan Paya Pasir' LIMIT 1");
    assert.ok(other, 'a Paya Pasir employee');

    await browser.context.setOffline(true);
    await waitState(page, (x) => !x.online);
    await goTo(page, 'nav-employees');
    await click(page, 'emp-add');
    const fill = {
      nip: () => typeInto(page, '##emp-nip', other.nip),
      name: () => typeInto(page, '##emp-name', 'Rahmat Hidayat'),
      gender: () => click(page, other.gender === 'P' ? 'emp-gender-f' : 'emp-gender-m'),
      birth_date: () => typeInto(page, '##emp-birth_date', other.birth_date),
      golongan: () => pickFromCombo(page, '##emp-golongan', 'gol-' + other.golongan),
      education: () => pickFromCombo(page, '##emp-education', 'S-1'),
      office_id: () => pickFromCombo(page, '##emp-office', 'Kelurahan Terjun##'),
      position_id: () => pickFromCombo(page, '##emp-position', '##p'),
    };
    for (const f of Object.values(fill)) await f();
    let s;
    for (let attempt = 0; ; attempt++) {
      await click(page, 'emp-save');
      s = await waitState(page, (x) => !x.editorOpen || x.formIssues.length > 0);
      if (!s.editorOpen || attempt === 3) break;
      for (const issue of s.formIssues) if (fill[issue.split(':')[0]]) await fill[issue.split(':')[0]]();
    }
    assert.equal(s.editorOpen, false, 'saved locally: ' + JSON.stringify(s.formIssues));

    await goTo(page, 'nav-abk');
    await click(page, 'Kelurahan Terjun');
    const edit = await findItem(page, 'Ubah##task-edit-');
    const taskId = edit.slice('Ubah##task-edit-'.length);
    const [orig] = rows(server.db, `SELECT volume FROM abk_tasks WHERE id = '${taskId}'`);
    await click(page, edit);
    await typeInto(page, '##task-volume', '55');
    await click(page, 'task-save');
    await waitState(page, (x) => !x.editorOpen && x.save === 'saved' && x.persistIdle && x.pending === 2);

    // Meanwhile another device of the office changes the same volume on the server.
    const device = uuid7();
    const login = await (await fetch(server.url + 'api/v1/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'operator.terjun', password: 'marelan2026', device_id: device, device_name: 'PC kantor' }),
    })).json();
    const headers = { Authorization: 'Bearer ' + login.token, 'X-Device-Id': device, 'Content-Type': 'application/json' };
    // The server's current schema (a mutation of an older one may be refused).
    const version = await (await fetch(server.url + 'api/v1/version')).json();
    const page1 = await (await fetch(server.url + 'api/v1/sync/pull?cursor=0&limit=100000&snapshot=1', { headers })).json();
    const row = page1.changes.find((c) => c.t === 'abk_tasks' && c.id === taskId);
    assert.ok(row, 'the task is in the other device\'s scope');
    const push = await (await fetch(server.url + 'api/v1/sync/push', {
      method: 'POST', headers,
      body: JSON.stringify({ device_id: device, mutations: [{
        counter: 1, hlc: Date.now() * 65536, schema: version.schema_version, table: 'abk_tasks', row: taskId, op: 'upsert',
        base: row.seq, fields: { volume: 66 }, old: { volume: orig.volume } }] }),
    })).json();
    assert.equal(push.results[0].status, 'applied', JSON.stringify(push));

    // Back online: one change refused, one conflict (theirs is later, so theirs is kept).
    await browser.context.setOffline(false);
    s = await waitState(page, (x) => x.online && x.pending === 0 && !x.sync.running &&
                                     x.sync.rejected === 1 && x.sync.conflicts === 1, 30000);
    assert.equal(rows(server.db, `SELECT id FROM employees WHERE nip = '${other.nip}'`).length, 1, 'no duplicate');
    assert.equal(Number(rows(server.db, `SELECT volume FROM abk_tasks WHERE id = '${taskId}'`)[0].volume), 66);
    await goTo(page, 'nav-sync');
    await shot(page, 'sync-attention');
    await goTo(page, 'nav-home');
    await shot(page, 'home-attention');

    // Keep mine: an ordinary edit that reaches the server.
    await goTo(page, 'nav-sync');
    const mine = await findItem(page, '##conf-mine-');
    assert.ok(mine, 'keep-mine button');
    await click(page, mine);
    s = await waitState(page, (x) => x.sync.conflicts === 0 && x.pending === 0 && !x.sync.running, 30000);
    await waitState(page, (x) => !x.sync.running && x.pending === 0);
    for (let i = 0; i < 100; i++) {
      if (Number(rows(server.db, `SELECT volume FROM abk_tasks WHERE id = '${taskId}'`)[0].volume) === 55) break;
      await page.waitForTimeout(100);
    }
    assert.equal(Number(rows(server.db, `SELECT volume FROM abk_tasks WHERE id = '${taskId}'`)[0].volume), 55);
    const dismiss = await findItem(page, '##rej-dismiss-');
    assert.ok(dismiss, 'dismiss button');
    await click(page, dismiss);
    await waitState(page, (x) => x.sync.rejected === 0);
    const gone = await page.evaluate((n) => Module.seimbangFind('employee', n), other.nip);
    assert.ok(!gone || gone.name !== 'Rahmat Hidayat', 'the refused employee is gone from this device');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
