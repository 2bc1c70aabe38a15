// Nasional in a real browser against a real national server: seimbang-server
// `serve --store` on a PostgreSQL of its own (run under
// tests/national/with_postgres.sh, which sets SEIMBANG_PG_URL), seeded with
// synthetic instansi. The pusat account signs in online-only: no replica, no
// sync request; the screen's figures equal the API's; offline it says so and
// asks nothing; back online it reads again. Screenshots at 1366 and 390 wide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, launch, openApp, signIn, waitState, click, shot, run, SERVER } from '../lib/harness.mjs';

const PG = process.env.SEIMBANG_PG_URL;

test('pusat on the national tier: online-only Nasional screen, figures equal the API, offline asks nothing', async () => {
  assert.ok(PG, 'SEIMBANG_PG_URL: run this file under tests/national/with_postgres.sh');
  const server = await startServer({ args: ['--store', PG] });
  await run(SERVER, ['national-store', 'seed', '--store', PG, '--count', '12', '--employees', '300', '--provinces', '4']);
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    const asked = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));

    let s = await signIn(page, 'pusat.bkn');
    s = await waitState(page, (x) => x.national && x.national.instansi >= 0, 60000);
    assert.equal(s.screen, 'ui.nav.national');
    assert.equal(s.national.onlineOnly, true);
    assert.equal(s.national.error, '');

    // The API's answer for the same year, asked with a token of its own.
    const device = randomUUID();
    const login = await fetch(server.url + 'api/v1/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'pusat.bkn', password: 'marelan2026', device_id: device }),
    }).then((r) => r.json());
    assert.equal(login.user.online_only, true);
    const year = new Date().getUTCFullYear();
    const abk = await fetch(`${server.url}api/v1/national/abk?year=${year}&limit=1000`, {
      headers: { authorization: 'Bearer ' + login.token, 'x-device-id': device },
    }).then((r) => r.json());
    assert.equal(abk.instansi.length, 12);
    assert.equal(s.national.instansi, abk.instansi.length);
    assert.equal(s.national.holders, abk.provinces.reduce((n, p) => n + p.holders, 0));
    assert.ok(s.national.holders > 0);
    await shot(page, 'national-abk-1366');

    // The other two views, by tab.
    await click(page, 'nat-tab-ui.national.tab.transfers');
    s = await waitState(page, (x) => x.national.filed >= 0, 30000);
    await shot(page, 'national-transfers-1366');
    await click(page, 'nat-tab-ui.national.tab.claims');
    s = await waitState(page, (x) => x.national.claims >= 0, 30000);
    await click(page, 'nat-tab-ui.national.tab.abk');

    // A phone: the same screen as blocks, nothing sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(600);
    const wide = await page.evaluate(() => Module.seimbangItems().filter((x) => x.x + x.w > 391).map((x) => x.label));
    assert.deepEqual(wide, [], 'nothing outside a 390 px phone');
    await shot(page, 'national-abk-390');
    await page.setViewportSize({ width: 1366, height: 820 });
    await page.waitForTimeout(400);

    // Nothing replicated: no sync request in the whole session.
    assert.deepEqual(asked.filter((p) => p.startsWith('/api/v1/sync/')), []);

    // Offline: the screen says so and asks nothing; back online it reads again.
    await browser.context.setOffline(true);
    await waitState(page, (x) => !x.online);
    const before = asked.filter((p) => p.startsWith('/api/v1/national/')).length;
    await page.waitForTimeout(1500);
    await shot(page, 'national-offline-1366');
    assert.equal(asked.filter((p) => p.startsWith('/api/v1/national/')).length, before);
    await browser.context.setOffline(false);
    await waitState(page, (x) => x.online);
    await waitState(page, () => asked.filter((p) => p.startsWith('/api/v1/national/')).length > before, 30000);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
