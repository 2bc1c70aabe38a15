// The served app loads cleanly: the page, the .js/.wasm pair with the right MIME
// types, the first interactive frame, and no console error or uncaught
// exception on the way (issue: "loads the WASM client in Chromium without
// console errors"). A missing asset is a 404, never the HTML shell. The page
// runs under the server's Content-Security-Policy (issue 13, hole 12) and
// nothing of the client violates it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, waitReady } from '../lib/harness.mjs';

test('the web client loads without console errors', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e}`));
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation',
        (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const types = {};
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (/\.(wasm|js)$/.test(path)) types[path.split('.').pop()] = r.headers()['content-type'];
    });
    const res = await page.goto(server.url);
    assert.equal(res.status(), 200);
    const csp = res.headers()['content-security-policy'] || '';
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers()['x-content-type-options'], 'nosniff');
    await waitReady(page);
    await page.waitForTimeout(500);  // let service-worker registration and storage requests settle
    assert.deepEqual(problems, []);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.equal(types.wasm, 'application/wasm');
    assert.match(types.js || '', /javascript/);
    const missing = await fetch(server.url + 'no-such-file.wasm');
    assert.equal(missing.status, 404);
  } finally {
    await browser.close();
    await server.stop();
  }
});
