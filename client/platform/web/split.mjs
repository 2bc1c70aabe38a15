// Splits the linked web client into two modules by a profile of a first visit
// (docs/CLIENT.md "Two modules"; issue 16): seimbang-web.wasm keeps every
// function that ran up to and on the first frame and while the sign-in form is
// used before the second module arrives; seimbang-web.deferred.wasm gets the
// rest (SQLite, the App, every screen past Masuk), fetched by the page once the
// first is in and precached by the service worker.
//
//   node split.mjs --full DIR --out DIR --page web/index.html --work DIR
//
// DIR (--full) holds the link's seimbang-web.js/.wasm. Steps: binaryen's
// `wasm-split --instrument`; that module is loaded in headless Chromium (this
// repository's tests/e2e playwright-core and Debian's chromium) from a page made
// of web/index.html with the build's stamps filled in, in "profile" mode (the
// page behaves as a first visit whose second module has not arrived yet); the
// sign-in form is used as a person would before it arrives (pointer, clicks,
// typing, the virtual keyboard's path, the language switch, the button, a
// phone's width); the module's `__write_profile` gives the profile;
// `wasm-split --profile` writes the two modules into --out. The profile is bound
// to the exact module (binaryen checks its hash), so it is made by every link,
// never committed: about 10 s.
//
// Without wasm-split, Chromium or playwright-core the build keeps one module
// (the page loads it as before) and says why.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const arg = (name) => {
  const i = process.argv.indexOf('--' + name);
  if (i < 0 || i + 1 >= process.argv.length) throw new Error(`split.mjs: --${name} missing`);
  return resolve(process.argv[i + 1]);
};
const full = arg('full'), out = arg('out'), pageTemplate = arg('page'), work = arg('work');
const root = resolve(dirname(new URL(import.meta.url).pathname), '../../..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// Features of the linked module (-fwasm-exceptions) binaryen must accept.
const FEATURES = ['--enable-exception-handling', '--enable-mutable-globals', '--enable-sign-ext'];

mkdirSync(out, { recursive: true });
mkdirSync(work, { recursive: true });
const deferred = join(out, 'seimbang-web.deferred.wasm');

function oneModule(why) {
  console.log(`split.mjs: one module (${why})`);
  for (const f of [deferred, deferred + '.br', deferred + '.gz']) rmSync(f, { force: true });
  copyFileSync(join(full, 'seimbang-web.wasm'), join(out, 'seimbang-web.wasm'));
  copyFileSync(join(full, 'seimbang-web.js'), join(out, 'seimbang-web.js'));
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

let chromium;
try {
  chromium = createRequire(join(root, 'tests/e2e/package.json'))('playwright-core').chromium;
} catch {
  oneModule('tests/e2e/node_modules/playwright-core missing: run scripts/setup.sh');
  process.exit(0);
}
if (!existsSync(CHROMIUM)) {
  oneModule(`${CHROMIUM} missing`);
  process.exit(0);
}
if (spawnSync('wasm-split', ['--version']).status !== 0) {
  oneModule('wasm-split (binaryen) missing');
  process.exit(0);
}

// 1. The instrumented module, served with the link's loader and the page.
const instrumented = join(work, 'instrumented.wasm');
run('wasm-split', ['--instrument', ...FEATURES, join(full, 'seimbang-web.wasm'), '-o', instrumented]);
const page = readFileSync(pageTemplate, 'utf8')
  .replace(/@SEIMBANG_WASM_BYTES@/g, String(statSync(instrumented).size))
  .replace(/@SEIMBANG_WORKERS@/g, '{}')
  .replace(/@SEIMBANG_[A-Za-z0-9_]+@/g, '');
const files = {
  '/': [page, 'text/html; charset=utf-8'],
  '/seimbang-web.js': [readFileSync(join(full, 'seimbang-web.js')), 'text/javascript'],
  '/seimbang-web.wasm': [readFileSync(instrumented), 'application/wasm'],
};
const server = createServer((req, res) => {
  const f = files[new URL(req.url, 'http://x').pathname];
  if (!f) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'Content-Type': f[1], 'Cache-Control': 'no-store' });
  res.end(f[0]);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;

// 2. A first visit's start and what a person does on Masuk before the second
// module arrives; then the profile.
let profile;
const browser = await chromium.launch({
  executablePath: CHROMIUM, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  await tab.addInitScript(() => { window.SEIMBANG_SPLIT_PROFILE = true; });
  await tab.goto(url);
  await tab.waitForFunction(() => window.Module && Module.seimbangFirstFrameMs > 0, null, { timeout: 120000 });
  const frames = (n) => tab.evaluate((k) => new Promise((ok) => {
    const step = () => (k-- > 0 ? requestAnimationFrame(step) : ok());
    step();
  }), n);
  const where = async (label) => {
    for (let i = 0; i < 50; i++) {
      const r = await tab.evaluate((l) => Module.seimbangLocate(l, 0), label);
      if (r) return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
      await frames(1);
    }
    throw new Error(`split.mjs: "${label}" not on the sign-in form`);
  };
  const click = async (label) => {
    const p = await where(label);
    await tab.mouse.move(p.x, p.y, { steps: 3 });
    await frames(2);
    await tab.mouse.down();
    await frames(2);
    await tab.mouse.up();
    await frames(2);
  };
  await tab.evaluate(() => Module.seimbangItems());
  for (const label of ['login-user', 'login-pass', 'login-submit', 'login-demo', 'lang-en']) {
    const p = await where(label);
    await tab.mouse.move(p.x, p.y, { steps: 4 });
    await frames(2);
  }
  await click('lang-en');
  await click('lang-id');
  await click('login-user');
  for (const key of ['o', 'p', 'Backspace', 'ArrowLeft', 'End', 'Home', 'Delete', 'x', 'Tab', 'a', 'b']) {
    await tab.keyboard.down(key);
    await frames(2);
    await tab.keyboard.up(key);
    await frames(1);
  }
  // The virtual keyboard's path (seimbang_lib.js): text and Backspace by hook.
  await tab.evaluate(() => {
    Module.ccall('seimbang_wants_text_input', 'number', [], []);
    Module.ccall('seimbang_keyboard', 'number', [], []);
    Module.ccall('seimbang_add_input_chars', null, ['string'], ['é1']);
    Module.ccall('seimbang_key_tap', null, ['number'], [259]);
    Module.ccall('seimbang_active_label', 'string', [], []);
  });
  await frames(4);
  // Select all and delete (what the browser tests' typeInto does first).
  await tab.keyboard.down('Control');
  await tab.keyboard.down('a');
  await frames(2);
  await tab.keyboard.up('a');
  await tab.keyboard.up('Control');
  await frames(1);
  await tab.keyboard.down('Backspace');
  await frames(2);
  await tab.keyboard.up('Backspace');
  await frames(1);
  await click('login-pass');
  // Every key and shortcut a text field takes, on the empty field and then on
  // typed text (selection, clipboard, undo, Enter, Escape included): a person
  // may press any of them before the second module arrives.
  const keys = ['Backspace', 'Delete', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp',
    'PageDown', 'Enter', 'Escape', 'Tab', 'Shift+Tab', 'Control+a', 'Control+c', 'Control+x', 'Control+v',
    'Control+z', 'Control+y', 'Shift+ArrowLeft', 'Shift+Home', 'Control+ArrowLeft', 'Control+Backspace',
    'Control+Delete', 'Insert', 'Space', 'KeyX'];
  for (const text of ['', 'rahasia']) {
    for (const label of ['login-user', 'login-pass']) {
      for (const key of keys) {
        await click(label);
        if (text) await tab.keyboard.type(text, { delay: 20 });
        const parts = key.split('+');
        for (const k of parts) await tab.keyboard.down(k);
        await frames(2);
        for (const k of parts.reverse()) await tab.keyboard.up(k);
        await frames(1);
      }
    }
  }
  // A double click on typed text (word selection): whether two clicks count as
  // one double click depends on the time between them, so it is done on purpose
  // here rather than left to how fast this machine draws the clicks above.
  for (const label of ['login-user', 'login-pass']) {
    const p = await where(label);
    await tab.mouse.dblclick(p.x, p.y);
    await frames(2);
  }
  await click('login-pass');
  await tab.keyboard.type('rahasia', { delay: 40 });
  await frames(2);
  // A phone's width (the compact form) and back; a pointer wheel on the form.
  await tab.setViewportSize({ width: 390, height: 844 });
  await frames(4);
  await tab.mouse.wheel(0, 200);
  await frames(3);
  await tab.setViewportSize({ width: 1366, height: 820 });
  await frames(4);
  // The button: the request waits for the second module ("Memeriksa…").
  await click('login-submit');
  await frames(6);
  if (errors.length) throw new Error('split.mjs: the page failed: ' + errors.join('; '));
  profile = Buffer.from(await tab.evaluate(() => {
    const exports = Module.asm;
    const memory = Object.values(exports).find((v) => v instanceof WebAssembly.Memory);
    const size = exports.__write_profile(0, 0);
    const at = memory.buffer.byteLength;
    memory.grow(Math.ceil(size / 65536) + 1);
    const written = exports.__write_profile(at, size);
    return Array.from(new Uint8Array(memory.buffer, at, written));
  }));
} finally {
  await browser.close();
  server.close();
}
const profilePath = join(work, 'profile.data');
writeFileSync(profilePath, profile);

// 3. The split.
for (const f of [deferred + '.br', deferred + '.gz']) rmSync(f, { force: true });
run('wasm-split', [...FEATURES, join(full, 'seimbang-web.wasm'), '--profile=' + profilePath,
  '--export-prefix=%', '--placeholder-namespace=p', '-o1', join(out, 'seimbang-web.wasm'), '-o2', deferred]);
copyFileSync(join(full, 'seimbang-web.js'), join(out, 'seimbang-web.js'));
const kb = (f) => (statSync(f).size / 1024).toFixed(0);
console.log(`split.mjs: ${kb(join(full, 'seimbang-web.wasm'))} KB -> first ${kb(join(out, 'seimbang-web.wasm'))} KB` +
            ` + deferred ${kb(deferred)} KB (profile ${profile.length} B)`);
