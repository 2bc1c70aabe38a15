// HTTPS (issue 13): a service worker registers only on a secure origin, so an
// office deployment must serve HTTPS for the app to work offline. Served by
// `seimbang-server serve --tls-cert/--tls-key` with a certificate made for the
// test (trusted by its key hash, like a test CA), the app installs its service
// worker, signs in to the server (the API over TLS), pulls its office, and
// starts again with no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, click, typeInto, state, waitState, openApp, waitServiceWorker, waitReady, locate } from '../lib/harness.mjs';

test('over HTTPS the service worker installs and the app works offline', async () => {
  const server = await startServer({ tls: true });
  const browser = await launch({ spki: server.spki });
  try {
    assert.match(server.url, /^https:/);
    const { page, errors } = await openApp(browser, server.url);
    assert.equal(await page.evaluate(() => window.isSecureContext), true);
    const res = await page.goto(server.url);
    assert.match(res.headers()['strict-transport-security'] || '', /max-age=/);
    await waitReady(page);
    await waitServiceWorker(page);

    await typeInto(page, '##login-user', 'operator.terjun');
    await typeInto(page, '##login-pass', 'marelan2026');
    await click(page, 'login-submit');
    const before = await waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running && x.persistIdle,
      30000);
    assert.equal(before.sync.lastError, '');
    assert.ok(before.employees > 0, 'pulled over HTTPS: ' + JSON.stringify(before));

    await browser.context.setOffline(true);
    await page.reload();
    await waitReady(page);
    const after = await state(page);
    assert.equal(after.loggedIn, true, 'still signed in, started from the service worker');
    assert.equal(after.employees, before.employees);
    await locate(page, 'nav-employees');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
