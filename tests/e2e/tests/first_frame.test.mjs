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
import { WEB, startServer, launch, waitReady, waitState, typeInto, click, locate } from '../lib/harness.mjs';

test('the sign-in form works before the second module arrives; the sign-in waits for it', { skip: !existsSync(join(WEB, 'seimbang-web.deferred.wasm')) && 'one module in this build' }, async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    let release;
    const held = new Promise((r) => { release = r; });
    let asked = 0;
    await page.route('**/seimbang-web.deferred.wasm*', async (route) => {
      asked += 1;
      await held;
      await route.continue();
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.Module && Module.seimbangFirstFrameMs > 0, null, { timeout: 30000 });
    assert.equal(asked, 1, 'the second module is asked for once the first is in');
    assert.notEqual(await page.evaluate(() => Module.seimbangReady), true, 'not ready without the second module');
    assert.equal(await page.evaluate(() => Module.seimbangSplit.ready), false);
    // The form: typed into, then the button pressed before the App exists.
    await typeInto(page, '##login-user', 'operator.terjun');
    await typeInto(page, '##login-pass', 'marelan2026');
    await click(page, 'login-submit');
    const label = await page.evaluate(() => Module.seimbangItems().map((x) => x.label).find((l) => l.endsWith('##login-submit')));
    assert.match(label, /^Memeriksa…##login-submit$/, 'the button waits for the second module');
    assert.ok(await locate(page, 'login-demo'));
    release();
    await waitReady(page);
    const s = await waitState(page, (x) => x.loggedIn, 20000);
    assert.equal(s.user, 'operator.terjun', 'the sign-in asked before the App existed was carried out');
    assert.deepEqual(await page.evaluate(() => Module.seimbangSplit.late), [], 'nothing waited for the second module');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
