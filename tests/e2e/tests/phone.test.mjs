// A phone (issue 16, item 2 and 4): 390×844 with touch emulation (isMobile,
// hasTouch, devicePixelRatio 3). Everything is done with the finger (CDP touch
// events: touchStart, a frame, touchEnd) and the virtual keyboard (the way
// Android keyboards type: a keydown with keyCode 229, then the text inserted
// into the page's focused hidden input), never with the mouse:
//   - sign in as operator.terjun, add an employee by tapping, the NIP field
//     asking for a numeric keyboard (inputmode="numeric" on the hidden input
//     while it is active), sync, and the employee is in the server's database;
//   - a long list scrolls by dragging, with momentum, and a drag opens nothing;
//   - the keyboard shrinking the visual viewport: the canvas follows it and the
//     field being typed stays in view;
//   - a pinch does not break the layout;
//   - at devicePixelRatio 1, 2 and 3 the canvas's backing store is its CSS size
//     × the ratio (sharp text), with screenshots.
// Long press: no screen uses a right click (nothing opens a context menu), so a
// long press is a tap; the browser's own context menu is suppressed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, waitReady, waitState, state, locate, frames, shot, onServer,
} from '../lib/harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const NIP = '199208172019032001';  // born 17-08-1992, TMT 03-2019, female

const items = (page) => page.evaluate(() => Module.seimbangItems());
const activeLabel = (page) => page.evaluate(() => Module.ccall('seimbang_active_label', 'string', [], []));

// A finger on (x, y): down for a frame, then up.
async function tapAt(page, cdp, x, y, holdMs = 0) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await frames(page);
  if (holdMs) await page.waitForTimeout(holdMs);
  await frames(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await frames(page);
}

// A finger dragged from (x, y) by dy in `steps` moves (one frame each), then lifted.
async function dragBy(page, cdp, x, y, dy, steps = 6) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await frames(page);
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y + (dy * i) / steps }] });
    await frames(page);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await frames(page);
}

// The widget's rectangle when it is on screen (not clipped away), else null.
async function visible(page, label) {
  try {
    const r = await locate(page, label, { timeout: 300 });
    return r.y >= 0 && r.y + r.h <= 844 ? r : null;
  } catch { return null; }
}

// Taps a widget; when it is below or above the part one sees, the content is
// dragged (as a person scrolls) until it is in view.
// { above }: the widget is above the part one sees (look there first).
async function tap(page, cdp, label, { holdMs = 0, above = false } = {}) {
  let r = await visible(page, label);
  for (let i = 0; !r && i < 12; i++) {
    const below = above ? i >= 6 : i < 6;
    await dragBy(page, cdp, 200, below ? 650 : 430, below ? -300 : 300);
    await page.waitForTimeout(500);  // the momentum settles
    r = await visible(page, label);
  }
  assert.ok(r, `${label} in view`);
  await tapAt(page, cdp, r.x + r.w / 2, r.y + r.h / 2, holdMs);
}

// Taps a text field until it is the one being edited.
async function tapField(page, cdp, label) {
  for (let attempt = 0; attempt < 4; attempt++) {
    await tap(page, cdp, label);
    for (let i = 0; i < 20; i++) {
      const a = await activeLabel(page);
      if (a === label || a.endsWith(label)) return;
      await page.waitForTimeout(25);
    }
  }
  assert.fail(`${label} did not become active`);
}

// Types as an Android keyboard does: keydown 229 ("Unidentified"), the text
// inserted into the focused element (the page's hidden input), keyup.
async function typeVirtual(page, cdp, text) {
  for (const ch of text) {
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Unidentified', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await cdp.send('Input.insertText', { text: ch });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Unidentified', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
  }
  await frames(page);
  await frames(page);
}

// The hidden input the keyboard types into: focused, and its inputmode.
const ime = (page) => page.evaluate(() => {
  const el = document.getElementById('seimbang-ime');
  return { focused: document.activeElement === el, mode: el.inputMode };
});

async function tapFromCombo(page, cdp, combo, itemPrefix) {
  await tap(page, cdp, combo);
  let label;
  for (let i = 0; i < 60 && !label; i++) {
    label = (await items(page)).map((x) => x.label).find((l) => l.startsWith(itemPrefix) || l.includes(itemPrefix));
    if (!label) await page.waitForTimeout(50);
  }
  assert.ok(label, `${combo} offers ${itemPrefix}`);
  await tap(page, cdp, label);
}

test('phone: sign in, add an employee by touch and the virtual keyboard (numeric for NIP), sync; scroll, keyboard, pinch, DPR', async () => {
  const server = await startServer();
  const browser = await launch({ device: PHONE });
  try {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url);
    await waitReady(page);
    const cdp = await browser.context.newCDPSession(page);

    // --- sign in with the keyboard
    await tapField(page, cdp, '##login-user');
    assert.deepEqual(await ime(page), { focused: true, mode: 'text' });
    await typeVirtual(page, cdp, 'operator.terjun');
    await tapField(page, cdp, '##login-pass');
    await typeVirtual(page, cdp, 'marelan2026');
    await tap(page, cdp, 'login-submit');
    await waitState(page, (x) => x.loggedIn && x.sync.firstPullDone && !x.sync.running, 60000);

    // --- Pegawai: cards; add one by tapping
    await tap(page, cdp, 'nav-menu');
    await tap(page, cdp, 'nav-employees');
    await waitState(page, (x) => x.screen === 'ui.nav.employees');
    await page.waitForTimeout(150);
    const cards = (await items(page)).filter((x) => x.label.startsWith('##row-') && x.h > 0);
    assert.ok(cards.length >= 3, 'employee cards');
    for (const c of cards.filter((c) => c.y + c.h < 844)) {
      assert.ok(c.h >= 44 && c.w >= 300, `a card is finger-sized and across the phone: ${JSON.stringify(c)}`);
    }
    await shot(page, 'phone-pegawai-cards');
    await tap(page, cdp, 'emp-add');
    await waitState(page, (x) => x.editorOpen);

    await tapField(page, cdp, '##emp-nip');
    assert.deepEqual(await ime(page), { focused: true, mode: 'numeric' }, 'NIP asks for the number keyboard');
    await typeVirtual(page, cdp, NIP);
    await tapField(page, cdp, '##emp-name');
    assert.equal((await ime(page)).mode, 'text', 'the name field asks for letters again');
    await typeVirtual(page, cdp, 'Siti Rahmawati');
    await tapFromCombo(page, cdp, '##emp-golongan', 'gol-III/a');
    await tapFromCombo(page, cdp, '##emp-education', 'S-1');
    await tapFromCombo(page, cdp, '##emp-office', 'Kelurahan Terjun##');
    await tapFromCombo(page, cdp, '##emp-position', '##p');
    // The keyboard covers the lower part of the screen while a low field is typed:
    // the canvas follows the visual viewport and the field stays in view.
    await tapField(page, cdp, '##emp-tmt_position');
    const low = await locate(page, '##emp-tmt_position');
    await page.evaluate(() => {
      const vv = window.visualViewport;
      const fake = { width: 390, height: 420, scale: 1, offsetTop: 0, offsetLeft: 0, pageTop: 0, pageLeft: 0,
                     addEventListener: vv.addEventListener.bind(vv), removeEventListener: vv.removeEventListener.bind(vv) };
      window.seimbangRealViewport = Object.getOwnPropertyDescriptor(window, 'visualViewport') ||
        { configurable: true, get: () => vv };
      Object.defineProperty(window, 'visualViewport', { configurable: true, get: () => fake });
    });
    for (let i = 0; i < 6; i++) await frames(page);
    const canvas = await page.evaluate(() => ({ h: Module.canvas.clientHeight, bh: Module.canvas.height }));
    assert.equal(canvas.h, 420, 'the canvas takes the visible part');
    assert.equal(canvas.bh, 420 * 3);
    const typed = await locate(page, '##emp-tmt_position');
    assert.ok(typed.y >= 0 && typed.y + typed.h <= 420, `the field stays above the keyboard (was at ${low.y}, now ${typed.y})`);
    assert.equal(await activeLabel(page), '##emp-tmt_position', 'still typing in it');
    await typeVirtual(page, cdp, '01-03-2019');
    await shot(page, 'phone-keyboard-open');
    // The keyboard closes.
    await page.evaluate(() => Object.defineProperty(window, 'visualViewport', window.seimbangRealViewport));
    for (let i = 0; i < 4; i++) await frames(page);
    assert.equal(await page.evaluate(() => Module.canvas.clientHeight), 844);

    // Save (a warning only — golongan outside the post's range — is confirmed as a person would).
    let s;
    for (let attempt = 0; attempt < 3; attempt++) {
      await tap(page, cdp, 'emp-save', { above: true });
      s = await waitState(page, (x) => !x.editorOpen || x.formIssues.length > 0);
      if (!s.editorOpen) break;
      assert.ok(s.formIssues.every((i) => i.endsWith(':employee.golongan_outside_range')), JSON.stringify(s.formIssues));
    }
    assert.equal(s.editorOpen, false, 'saved');
    await waitState(page, (x) => x.pending === 0 && !x.sync.running && x.sync.lastError === '', 30000);
    await onServer(page, server.db, `SELECT name || '|' || gender || '|' || birth_date FROM employees WHERE nip = '${NIP}'`, 'Siti Rahmawati|P|1992-08-17');

    // --- drag-scroll with momentum on the list; a drag opens nothing
    await page.waitForTimeout(300);
    const before = (await items(page)).filter((x) => x.label.startsWith('##row-') && x.h > 0);
    const first = before[0];
    await dragBy(page, cdp, 200, 700, -240, 4);
    const justAfter = await page.evaluate((l) => Module.seimbangLocate(l, 0), first.label);
    await page.waitForTimeout(1200);
    const settled = await page.evaluate((l) => Module.seimbangLocate(l, 0), first.label);
    assert.equal((await state(page)).editorOpen, false, 'a drag is not a tap');
    const moved = first.y - (settled && settled.h > 0 ? settled.y : -10000);
    assert.ok(moved > 240 + 20, `momentum: the list moved ${moved} px for a 240 px drag (right after: ${justAfter && justAfter.y})`);

    // --- long press: a tap (no screen has a context menu); the browser's menu is suppressed
    const menus = await page.evaluate(() => {
      window.seimbangMenus = 0;
      window.addEventListener('contextmenu', (e) => { if (!e.defaultPrevented) window.seimbangMenus++; });
      return 0;
    });
    const card = (await items(page)).find((x) => x.label.startsWith('##row-') && x.h > 40 && x.y > 100 && x.y < 700);
    await tapAt(page, cdp, card.x + card.w / 2, card.y + card.h / 2, 800);
    await waitState(page, (x) => x.editorOpen);
    assert.equal(await page.evaluate(() => window.seimbangMenus), menus);
    await tap(page, cdp, 'emp-cancel');
    await waitState(page, (x) => !x.editorOpen);

    // --- pinch: the layout stays (no sideways scrolling, nothing outside the screen)
    await cdp.send('Input.synthesizePinchGesture', { x: 195, y: 420, scaleFactor: 2, gestureSourceType: 'touch' });
    for (let i = 0; i < 4; i++) await frames(page);
    const vv = await page.evaluate(() => ({ scale: visualViewport.scale, w: Module.canvas.clientWidth,
                                            sx: document.scrollingElement.scrollLeft }));
    assert.equal(vv.w, 390);
    assert.equal(vv.sx, 0);
    const outside = (await items(page)).filter((x) => x.fw > 0 && (x.fx < -1 || x.fx + x.fw > 391));
    assert.deepEqual(outside.map((x) => x.label), [], 'nothing outside the phone after a pinch');
    assert.equal((await state(page)).screen, 'ui.nav.employees');

    // --- sharp at devicePixelRatio 1, 2, 3: backing store = CSS size × ratio
    for (const dpr of [1, 2, 3]) {
      await cdp.send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: dpr, mobile: true });
      for (let i = 0; i < 4; i++) await frames(page);
      const c = await page.evaluate(() => ({ w: Module.canvas.width, h: Module.canvas.height, cw: Module.canvas.clientWidth,
                                             ch: Module.canvas.clientHeight, r: devicePixelRatio }));
      assert.equal(c.r, dpr);
      assert.equal(c.w, Math.round(c.cw * dpr), JSON.stringify(c));
      assert.equal(c.h, Math.round(c.ch * dpr), JSON.stringify(c));
      await shot(page, `phone-dpr${dpr}`);
    }
    await cdp.send('Emulation.clearDeviceMetricsOverride');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
