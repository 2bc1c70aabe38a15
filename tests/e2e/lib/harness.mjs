// Shared helpers for the browser tests: start the real seimbang-server on a free
// port serving the built web client, launch Debian's Chromium (never a
// downloaded browser), and drive the ImGui canvas through the widget locator.
import { spawn, execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, existsSync, rmSync, readFileSync } from 'node:fs';
import { X509Certificate, createHash } from 'node:crypto';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';

export const ROOT = resolve(new URL('../../..', import.meta.url).pathname);
// The web build to test: SEIMBANG_WEB or the first that exists.
export const WEB = process.env.SEIMBANG_WEB ||
  [join(ROOT, 'build/wasm/web'), join(ROOT, 'build/web-wasm/web')].find((d) => existsSync(join(d, 'index.html')));
export const SERVER = process.env.SEIMBANG_SERVER ||
  [join(ROOT, 'build/native/server/seimbang-server'), join(ROOT, 'build/web-native/server/seimbang-server'),
   join(ROOT, 'build/native-release/server/seimbang-server')].find((p) => existsSync(p));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); });
    s.on('error', fail);
  });
}

export function run(cmd, args) {
  return new Promise((ok, fail) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    p.on('exit', (code) => code === 0 ? ok() : fail(new Error(`${cmd} ${args.join(' ')}: ${code} ${err}`)));
  });
}

// A self-signed certificate for localhost (openssl CLI) in dir, and the base64
// SHA-256 of its public key: Chromium trusts it with
// --ignore-certificate-errors-spki-list (a test CA, no interstitial).
async function makeCertificate(dir) {
  const cert = join(dir, 'cert.pem'), key = join(dir, 'key.pem');
  await run('/usr/bin/openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']);
  const spki = new X509Certificate(readFileSync(cert)).publicKey.export({ type: 'spki', format: 'der' });
  return { cert, key, spki: createHash('sha256').update(spki).digest('base64') };
}

// GET over HTTPS without checking the certificate (readiness probe only).
function probeTls(url) {
  return new Promise((ok) => {
    const req = https.get(url, { rejectUnauthorized: false }, (r) => { r.resume(); ok(r.statusCode); });
    req.on('error', () => ok(0));
  });
}

// Starts `seimbang-server serve` on a fresh demo database; resolves when it answers.
// { tls: true }: serves HTTPS on https://localhost:PORT/ with a fresh certificate
// (`spki` of the result goes to launch()). { web }: serve that client folder
// instead of the build's.
// { args }: more `serve` options (e.g. ['--store', url] for the national tier).
export async function startServer({ tls = false, web = WEB, args = [] } = {}) {
  if (!SERVER) throw new Error('seimbang-server not built (build/native or build/web-native)');
  if (!WEB) throw new Error('web client not built (build/wasm/web or build/web-wasm/web)');
  const dir = mkdtempSync(join(tmpdir(), 'seimbang-e2e-'));
  const db = join(dir, 'server.db');
  await run(SERVER, ['init', '--db', db, '--demo', '--fast-hashes']);
  const port = await freePort();
  const certificate = tls ? await makeCertificate(dir) : null;
  const url = tls ? `https://localhost:${port}/` : `http://127.0.0.1:${port}/`;
  const tlsArgs = tls ? ['--tls-cert', certificate.cert, '--tls-key', certificate.key] : [];
  let proc, log = '';
  const serve = async () => {
    proc = spawn(SERVER, ['serve', '--db', db, '--port', String(port), '--web', web, ...tlsArgs, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout.on('data', (d) => { log += d; });
    proc.stderr.on('data', (d) => { log += d; });
    for (let i = 0; i < 100; i++) {
      if (tls) {
        if (await probeTls(url + 'api/v1/health') === 200) break;
      } else {
        try { const r = await fetch(url + 'api/v1/health'); if (r.status < 500) break; } catch { /* not yet */ }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const halt = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  };
  await serve();
  return {
    url, db, dir, log: () => log, spki: certificate && certificate.spki,
    // The server goes away (requests are refused at once) and comes back with the
    // same database and port: "no network" for the app's requests.
    halt, resume: serve,
    async stop() { await halt(); rmSync(dir, { recursive: true, force: true }); },
  };
}

// { spki }: trust the certificate with that public-key hash (startServer({tls})).
// { device }: a phone or tablet instead of the laptop (Playwright context options:
// viewport, deviceScaleFactor, isMobile, hasTouch).
export async function launch({ spki, device = {} } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'seimbang-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 820 },
    deviceScaleFactor: 1,
    ...device,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
           ...(spki ? [`--ignore-certificate-errors-spki-list=${spki}`] : [])],
  });
  return {
    context, userDataDir,
    async close() { await context.close(); rmSync(userDataDir, { recursive: true, force: true }); },
  };
}

// Waits until the app drew its first interactive frame.
export async function waitReady(page, timeout = 30000) {
  await page.waitForFunction(() => window.Module && window.Module.seimbangReady === true, null, { timeout });
  await page.waitForTimeout(100);
}

export async function state(page) {
  return page.evaluate(() => Module.seimbangState());
}

// Finds a widget by label (full, visible part, or the id after ##) and returns its
// rectangle in page CSS pixels; retries for a few frames (the UI may still be
// laying out).
export async function locate(page, label, { index = 0, timeout = 5000 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const r = await page.evaluate(([l, i]) => Module.seimbangLocate(l, i), [label, index]);
    if (r && r.w > 0 && r.h > 0) return r;
    if (Date.now() > end) {
      const items = await page.evaluate(() => Module.seimbangItems().map((x) => x.label));
      throw new Error(`widget "${label}" not found; visible: ${items.slice(0, 80).join(' | ')}`);
    }
    await page.waitForTimeout(50);
  }
}

// Finds a widget that may lie outside the visible part of a scrolled window (a
// long form on a small screen): while it is not drawn, scrolls the window under
// `at` (default: the middle of the page) by `lines` wheel lines per frame —
// down first, then up once the content stops moving — through the app's test
// hook (headless Chromium's wheel events do not reach the canvas reliably, and
// a page tall enough for the whole form makes every software-rendered frame
// several times slower). Returns the rectangle like locate.
export async function reveal(page, label, { index = 0, at, lines = 4, steps = 60 } = {}) {
  const v = page.viewportSize();
  const p = at || { x: v.width / 2, y: v.height / 2 };
  let direction = -1, turned = false, last = '';
  for (let i = 0; ; i++) {
    const r = await page.evaluate(([l, n]) => Module.seimbangLocate(l, n), [label, index]);
    if (r && r.w > 0 && r.h > 0 && r.y + r.h > 0 && r.y < v.height) return r;
    const seen = await page.evaluate(() => JSON.stringify(Module.seimbangItems()));
    if (i > 0 && seen === last) {  // the content did not move: the end of the window
      if (turned) break;
      direction = -direction;
      turned = true;
    }
    last = seen;
    if (i >= steps) break;
    await page.mouse.move(p.x, p.y);
    await page.evaluate((n) => Module.ccall('seimbang_test_wheel', null, ['number'], [n]), direction * lines);
    await frames(page);
    await frames(page);  // the locator reports the frame before the last one
  }
  return locate(page, label, { index, timeout: 0 });  // throws with what is visible
}

// Resolves after the page has drawn two more animation frames, i.e. the app's
// main loop (driven by requestAnimationFrame) has run at least one whole frame
// since the call. Dear ImGui 1.86 polls mouse and key state once per frame, so
// a press and release between two frames (a busy machine, software GL) would
// be lost; waiting for frames instead of a fixed time makes inputs land however
// slow the frames are.
export async function frames(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

// A real click (mouse move, press, release) in the middle of the widget; press
// and release are each seen by at least one frame (the press event carries the
// position, so the move needs no frame of its own).
export async function click(page, label, opts = {}) {
  const r = opts.reveal ? await reveal(page, label, opts) : await locate(page, label, opts);
  await page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
  await page.mouse.down();
  await frames(page);
  await page.mouse.up();
  await frames(page);
}

// A key held for at least one frame (see frames); people hold keys longer than
// a frame anyway.
export async function holdKey(page, key, modifier) {
  if (modifier) await page.keyboard.down(modifier);
  await page.keyboard.down(key);
  await frames(page);
  await page.keyboard.up(key);
  if (modifier) await page.keyboard.up(modifier);
  await frames(page);
}

// Clicks a text field, selects everything, deletes it and types the text with
// real keys (characters are queued by ImGui, so they may be typed quickly).
export async function typeInto(page, label, text, opts = {}) {
  // Type only once the click made this field the active one (a click can be
  // lost while the page is busy); the app reports the active widget's label.
  const active = () => page.evaluate(() => Module.ccall('seimbang_active_label', 'string', [], []));
  for (let attempt = 0; attempt < 4; attempt++) {
    await click(page, label, opts);
    let a = '';
    for (let i = 0; i < 20; i++) {
      a = await active();
      if (a === label || a.endsWith(label) || a.endsWith('##' + label)) break;
      await page.waitForTimeout(25);
    }
    if (a === label || a.endsWith(label) || a.endsWith('##' + label)) break;
  }
  await holdKey(page, 'a', 'Control');
  await holdKey(page, 'Backspace');
  await page.keyboard.type(text, { delay: 8 });
  await page.waitForTimeout(60);
}

// Signs in on Masuk as `user` and returns the state: retries a click lost on a
// busy machine, signs out first when another account's session is open.
// { waitSync: true }: also waits until the first pull finished with nothing pending.
export async function signIn(page, user, { password = 'marelan2026', waitSync = false } = {}) {
  let s;
  for (let attempt = 0; attempt < 6; attempt++) {
    await typeInto(page, '##login-user', user);
    await typeInto(page, '##login-pass', password);
    await click(page, 'login-submit');
    try {
      s = await waitState(page, (x) => x.loggedIn || (x.loginError !== '' && x.loginError !== 'ui.sync.session_ended'), 20000);
    } catch { continue; }
    if (s.loggedIn && s.user === user) break;
    if (s.loggedIn) { await click(page, 'logout'); await waitState(page, (x) => !x.loggedIn); }
  }
  assert.equal(s && s.loggedIn && s.user, user, 'signed in: ' + (s && s.loginError));
  if (waitSync) s = await waitState(page, (x) => x.sync.firstPullDone && !x.sync.running && x.pending === 0, 60000);
  return s;
}

export async function waitState(page, pred, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await state(page);
    if (pred(s)) return s;
    if (Date.now() > end) throw new Error('state not reached: ' + JSON.stringify(s));
    await page.waitForTimeout(50);
  }
}

// Clicks a navigation entry ('nav-abk', …) and waits until its screen is drawn:
// labels of the previous screen (several list the same office names) can
// otherwise still be found for a frame.
export async function goTo(page, nav) {
  await click(page, nav);
  const key = 'ui.nav.' + nav.slice('nav-'.length);
  await waitState(page, (x) => x.screen === key);
  await page.waitForTimeout(100);  // a frame more: the new screen's widgets are registered
}

// Opens an ImGui combo and clicks the first item whose label starts with or
// contains `itemPrefix`.
export async function pickFromCombo(page, comboLabel, itemPrefix) {
  await click(page, comboLabel);
  let items = [], label;
  for (let i = 0; i < 60 && !label; i++) {  // the popup lays out over a few frames
    items = await page.evaluate(() => Module.seimbangItems().map((x) => x.label));
    label = items.find((l) => l.startsWith(itemPrefix) || l.includes(itemPrefix));
    if (!label) await page.waitForTimeout(50);
  }
  assert.ok(label, `combo ${comboLabel} has ${itemPrefix}: ${items.join(' | ')}`);
  await click(page, label);
}

// Screenshots for people to look at land in tests/e2e/test-results/.
export const SHOTS = join(ROOT, 'tests/e2e/test-results');
export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(SHOTS, name + '.png') });
}

// Opens the app in a new page of `browser` and collects uncaught page errors.
export async function openApp(browser, url) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await waitReady(page);
  return { page, errors };
}

// First visit: waits until the service worker is active and has cached the app.
export async function waitServiceWorker(page) {
  await page.waitForFunction(async () => {
    const r = await navigator.serviceWorker.ready;
    return !!r.active && (await caches.keys()).some((k) => k.startsWith('seimbang-'));
  }, null, { timeout: 20000 });
}

// Staged precache (docs/CLIENT.md): waits until the service worker reported the
// Web Workers of the signed-in role cached (at once when the role uses none).
export async function waitStaged(page) {
  await page.waitForFunction(() => {
    const want = window.Module && Module.seimbangWantedWorkers;
    if (!want) return false;
    return want.every((n) => (window.seimbangStaged || []).some((s) => s.workers.includes(n)));
  }, null, { timeout: 20000 });
}

// Kelurahan Terjun's ABK tasks ({pos, id}: the position's locator label and the
// task id), position by position until `want` were found (the ABK screen lists
// the tasks of the selected position only).
export async function terjunTasks(page, want = 6) {
  const labels = () => page.evaluate(() => Module.seimbangItems().map((x) => x.label));
  await goTo(page, 'nav-abk');
  await click(page, 'Kelurahan Terjun');
  let positions = [];
  for (let i = 0; i < 100 && !positions.length; i++) {  // the list lays out over a few frames
    positions = (await labels()).filter((l) => l.includes('##pos-'));
    if (!positions.length) await page.waitForTimeout(50);
  }
  const tasks = [];
  for (const pos of positions) {
    await click(page, pos);
    await page.waitForTimeout(150);
    for (const l of await labels())
      if (l.startsWith('Ubah##task-edit-')) {
        const id = l.slice('Ubah##task-edit-'.length);
        if (!tasks.some((t) => t.id === id)) tasks.push({ pos, id });
      }
    if (tasks.length >= want) return tasks.slice(0, want);
  }
  throw new Error(`Terjun lists ${tasks.length} tasks, ${want} needed`);
}

// Presses Simpan in the task editor; when the editor asks to confirm an unusual
// figure (the plausibility warning: "Tetap simpan"), confirms it as a person would.
export async function saveTask(page) {
  await click(page, 'task-save');
  for (let i = 0; i < 3; i++) await frames(page);
  const s = await state(page);
  if (s.editorOpen && !(s.formIssues || []).length) await click(page, 'task-save');
}

// Presses Simpan in the employee form; when the form only warns (golongan outside
// the post's range: "Tetap simpan"), confirms it as a person would.
export async function saveEmployee(page) {
  await click(page, 'emp-save');
  const s = await waitState(page, (x) => !x.editorOpen || x.formIssues.length > 0);
  const warningsOnly = s.formIssues.length > 0 && s.formIssues.every((i) => i.endsWith(':employee.golongan_outside_range'));
  if (s.editorOpen && warningsOnly) {
    await click(page, 'emp-save');
    return waitState(page, (x) => !x.editorOpen || x.formIssues.some((i) => !i.endsWith(':employee.golongan_outside_range')));
  }
  return s;
}

// The server database's answer to `query`, as sqlite3 prints it (one value, or
// rows of '|'-separated values), read-only while the server runs.
export function sql(db, query) {
  return execFileSync('sqlite3', ['-readonly', db, query], { encoding: 'utf8' }).trim();
}

// Waits until the server's database answers `query` with `want` (the app pushes
// a save after a short debounce), else fails with the last answer.
export async function onServer(page, db, query, want) {
  let got;
  for (let i = 0; i < 150; i++) {
    got = sql(db, query);
    if (got === want) return;
    await page.waitForTimeout(200);
  }
  assert.equal(got, want, query);
}
