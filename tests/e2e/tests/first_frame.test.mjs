// A first visit's first frame comes before the second module (issue 16, slow
// links; docs/CLIENT.md "Two modules"): the sign-in form is drawn, can be typed
// into and its button pressed while seimbang-web.deferred.wasm is still on its
// way (held here); the button then says "Memeriksa…", and once the module
// arrives the App opens and carries the sign-in out. Nothing of the second
// module was called before it arrived.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WEB, startServer, launch, waitReady, waitState, typeInto, click, locate, frames } from '../lib/harness.mjs';

const split = existsSync(join(WEB, 'seimbang-web.deferred.wasm'));

// Holds every request for the second module until release() is called;
// { failFirst }: the first request fails as a dropped link does.
async function holdSecondModule(page, { failFirst = false } = {}) {
  let release;
  const held = new Promise((r) => { release = r; });
  const hold = { asked: 0, release: () => release() };
  await page.route('**/seimbang-web.deferred.wasm*', async (route) => {
    // The page's fallback for a function called early is a synchronous request:
    // never held (it would block the page), the test then fails on `late`.
    if (route.request().resourceType() === 'xhr') return route.continue();
    hold.asked += 1;
    if (failFirst && hold.asked === 1) return route.abort('internetdisconnected');
    await held;
    await route.continue();
  });
  return hold;
}

test('the sign-in form works before the second module arrives; the sign-in waits for it', { skip: !split && 'one module in this build' }, async () => {
  const server = await startServer();
  const browser = await launch();
  let hold;
  try {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    hold = await holdSecondModule(page);
    await page.goto(server.url);
    await page.waitForFunction(() => window.Module && Module.seimbangFirstFrameMs > 0, null, { timeout: 30000 });
    assert.equal(hold.asked, 1, 'the second module is asked for once the first is in');
    assert.notEqual(await page.evaluate(() => Module.seimbangReady), true, 'not ready without the second module');
    assert.equal(await page.evaluate(() => Module.seimbangSplit.ready), false);
    // The form: typed into, then the button pressed before the App exists.
    await typeInto(page, '##login-user', 'operator.terjun');
    await typeInto(page, '##login-pass', 'marelan2026');
    await click(page, 'login-submit');
    const label = await page.evaluate(() => Module.seimbangItems().map((x) => x.label).find((l) => l.endsWith('##login-submit')));
    assert.match(label, /^Memeriksa…##login-submit$/, 'the button waits for the second module');
    assert.ok(await locate(page, 'login-demo'));
    hold.release();
    await waitReady(page);
    const s = await waitState(page, (x) => x.loggedIn, 20000);
    assert.equal(s.user, 'operator.terjun', 'the sign-in asked before the App existed was carried out');
    assert.deepEqual(await page.evaluate(() => Module.seimbangSplit.late), [], 'nothing waited for the second module');
    assert.deepEqual(errors, []);
  } finally {
    if (hold) hold.release();  // (a route still held would keep the browser from closing)
    await browser.close();
    await server.stop();
  }
});

// A phone (touch, devicePixelRatio 3, the compact form, the virtual keyboard's
// path): the fields are tapped and typed into and "Coba mode demo" is tapped
// before the second module arrives; the demo starts once it is in. The link
// drops the second module's first download: it is asked for again.
test('on a phone: taps and the virtual keyboard before the second module; the demo starts after it', { skip: !split && 'one module in this build' }, async () => {
  const server = await startServer();
  const browser = await launch({ device: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true } });
  let hold;
  try {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    hold = await holdSecondModule(page, { failFirst: true });
    await page.goto(server.url);
    await page.waitForFunction(() => window.Module && Module.seimbangFirstFrameMs > 0, null, { timeout: 30000 });
    const cdp = await browser.context.newCDPSession(page);
    const tap = async (label) => {
      const r = await locate(page, label);
      const x = r.x + r.w / 2, y = r.y + r.h / 2;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
      await frames(page);
      await frames(page);
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await frames(page);
    };
    const typeVirtual = async (text) => {
      for (const ch of text) {
        await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Unidentified', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
        await cdp.send('Input.insertText', { text: ch });
        await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Unidentified', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
      }
      await frames(page);
    };
    await tap('##login-user');
    await typeVirtual('tamu');
    await tap('##login-pass');
    await typeVirtual('x1');
    await tap('login-demo');
    assert.notEqual(await page.evaluate(() => Module.seimbangReady), true);
    for (let i = 0; i < 100 && hold.asked < 2; i++) await page.waitForTimeout(100);
    assert.equal(hold.asked, 2, 'the dropped download of the second module is tried again');
    hold.release();
    await waitReady(page);
    const s = await waitState(page, (x) => x.loggedIn, 30000);
    assert.equal(s.demo, true, 'the demo asked for before the App existed was started');
    assert.deepEqual(await page.evaluate(() => Module.seimbangSplit.late), [], 'nothing waited for the second module');
    assert.deepEqual(errors, []);
  } finally {
    if (hold) hold.release();  // (a route still held would keep the browser from closing)
    await browser.close();
    await server.stop();
  }
});
