// Layouts at three widths (issue 16, item 4): a phone (360×800), a tablet
// (800×1280) and the offices' laptops (1366×768). For the operator, the camat
// and BKPSDM, every screen the role can see is drawn at each width and checked
// through the widget locator (Module.seimbangItems(): each labelled widget's
// clipped and whole rectangle and its label's text width):
//   - no widget lies outside the viewport horizontally (nothing needs sideways
//     scrolling, nothing is cut at the right edge);
//   - no label is clipped (its text is wider than the part of the widget one
//     sees: cut by a table column, its window or its own size);
//   - on the phone and tablet widths every touch target is at least 44 px high
//     and wide (what a finger needs; WCAG 2.5.5);
//   - on the phone, Beranda, ABK, Unit & Jabatan and Pegawai show their records
//     as cards, each one target across the width (cardProblems).
// Screenshots of every screen at each width land in tests/e2e/test-results/layouts/
// (not committed) for people to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, waitReady, click, signIn, waitState, state, SHOTS, goTo, typeInto } from '../lib/harness.mjs';

const OUT = join(SHOTS, 'layouts');
const WIDTHS = [
  { name: 'phone', width: 360, height: 800, touch: true },
  { name: 'tablet', width: 800, height: 1280, touch: true },
  { name: 'laptop', width: 1366, height: 768, touch: false },
];
const ACCOUNTS = ['operator.terjun', 'camat.marelan', 'bkpsdm.medan'];
const TOUCH_PX = 44;

const items = (page) => page.evaluate(() => Module.seimbangItems());

// What is wrong with the layout of the frame just drawn: { kind, label, text }.
function layoutProblems(list, { width, touch }) {
  const out = [];
  for (const x of list) {
    if (x.fx < -0.5 || x.fx + x.fw > width + 0.5)
      out.push({ kind: 'outside', label: x.label, text: `[${x.fx}..${(x.fx + x.fw).toFixed(1)}] of ${width}` });
    else if (x.tw > x.w + 0.5)
      out.push({ kind: 'clipped', label: x.label, text: `text ${x.tw} px in ${x.w} px` });
    if (touch && (x.fh < TOUCH_PX - 0.5 || x.fw < TOUCH_PX - 0.5))
      out.push({ kind: 'touch', label: x.label, text: `${x.fw}×${x.fh}` });
  }
  return out;
}

// [field5] The tables a phone would squeeze are lists of cards there (docs/CLIENT.md
// "Three widths and touch"): on each such screen at least one card of the list,
// found by the row's id, is one target across the width and at least 44 px high.
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-';
const CARDS = {
  home: new RegExp(`##home-${UUID}`),                 // Beranda: the offices
  abk: new RegExp(`##pos-${UUID}`),                   // ABK: the positions
  units: new RegExp(`##(pos-edit|unit-pos)-${UUID}`), // Unit & Jabatan: the positions
  employees: new RegExp(`##row-${UUID}`),             // Pegawai
};
// Screens whose first office has no such records: BKPSDM's Unit & Jabatan opens
// at Kota Medan, which has no positions of its own ("Kantor ini belum memiliki jabatan").
const NO_RECORDS = ['bkpsdm units'];
function cardProblems(list, who, screen, { width }) {
  const re = CARDS[screen];
  if (!re || NO_RECORDS.includes(`${who} ${screen}`)) return [];
  const cards = list.filter((x) => re.test(x.label));
  if (cards.some((x) => x.fw >= 0.75 * width && x.fh >= TOUCH_PX - 0.5 && x.fx >= 0 && x.fx + x.fw <= width + 0.5)) return [];
  return [{ kind: 'cards', label: String(re), text: `no card across the width: ${cards.map((x) => `${x.fw}×${x.fh}`).join(' ') || 'none'}` }];
}

// Known problems in screens that others own this session (reported to them, not
// hidden: each entry must still occur, so fixing one fails here until it is
// removed). None left: Pegawai's NIP, cut in its column on a phone, is a list
// of cards there now.
const KNOWN = [
];
const known = (p) => KNOWN.find((k) => k.screen === p.screen && k.kind === p.kind && p.label.includes(k.id) &&
                                        k.sizes.includes(p.size));

// The navigation entries of the signed-in role (behind the menu on a phone).
async function navEntries(page) {
  const compact = async () => (await items(page)).some((x) => x.label.endsWith('##nav-menu'));
  const isCompact = await compact();
  if (isCompact) await click(page, 'nav-menu');
  await page.waitForTimeout(100);
  const navs = (await items(page)).map((x) => x.label.split('##')[1])
    .filter((id) => id && id.startsWith('nav-') && id !== 'nav-menu');
  if (isCompact) await click(page, 'nav-menu');
  return { navs, isCompact };
}

async function open(page, nav, isCompact) {
  if (isCompact) await click(page, 'nav-menu');
  await click(page, nav);
  await waitState(page, (x) => x.screen === 'ui.nav.' + nav.slice('nav-'.length));
  await page.waitForTimeout(200);  // a frame more: the new screen's widgets are registered
}

test('every screen fits phone, tablet and laptop widths', async () => {
  mkdirSync(OUT, { recursive: true });
  const server = await startServer();
  const browser = await launch();
  const problems = [];
  const record = async (page, size, who, screen) => {
    await page.screenshot({ path: join(OUT, `${size.name}-${who}-${screen}.png`) });
    for (const p of layoutProblems(await items(page), size)) problems.push({ ...p, size: size.name, who, screen });
    if (size.width < 600 && CARDS[screen]) {
      // The list may start below the fold (a kecamatan's office tree is above it):
      // a tall window of the same width shows it (the layout follows the width).
      await page.setViewportSize({ width: size.width, height: 3000 });
      await page.waitForTimeout(400);
      for (const p of cardProblems(await items(page), who, screen, size)) problems.push({ ...p, size: size.name, who, screen });
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.waitForTimeout(300);
    }
  };
  try {
    for (const user of ACCOUNTS) {
      const page = await browser.context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.setViewportSize({ width: WIDTHS[0].width, height: WIDTHS[0].height });
      await page.goto(server.url);
      await waitReady(page);
      if (user === ACCOUNTS[0])
        for (const size of WIDTHS) {
          await page.setViewportSize({ width: size.width, height: size.height });
          await page.waitForTimeout(300);
          await record(page, size, 'anyone', 'masuk');
        }
      await page.setViewportSize({ width: WIDTHS[2].width, height: WIDTHS[2].height });
      await signIn(page, user, { waitSync: true });
      const who = user.split('.')[0];
      for (const size of WIDTHS) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.waitForTimeout(300);
        const { navs, isCompact } = await navEntries(page);
        // The side bar needs 236 px next to a 760 px screen: phone and portrait tablet get the menu.
        assert.equal(isCompact, size.width < 996, `${size.name}: the navigation is a menu below 996 px`);
        assert.ok(navs.length >= 5, `${who} sees its screens: ${navs}`);
        if (isCompact) {
          await click(page, 'nav-menu');
          await page.waitForTimeout(150);
          await record(page, size, who, 'menu');
          await click(page, 'nav-menu');
        }
        for (const nav of navs) {
          await open(page, nav, isCompact);
          await record(page, size, who, nav.slice('nav-'.length));
        }
      }
      assert.deepEqual(errors, [], `${user}: no page errors`);
      assert.equal((await state(page)).loggedIn, true);
      await click(page, 'logout');  // (laptop width: in the side bar) the next account starts at Masuk
      await waitState(page, (x) => !x.loggedIn);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const line = (p) => `${p.size} ${p.who} ${p.screen}: ${p.kind}: ${p.label} (${p.text})`;
  writeFileSync(join(OUT, 'problems.txt'), problems.map(line).join('\n') + '\n');
  const fresh = problems.filter((p) => !known(p)).map(line);
  assert.deepEqual(fresh, [], `layout problems:\n${fresh.join('\n')}`);
  const stale = KNOWN.filter((k) => !problems.some((p) => known(p) === k));
  assert.deepEqual(stale, [], 'known problems that no longer occur: remove them from KNOWN');
});

// [rekom4] Rekomendasi with a plan on screen (the walk above shows it before any
// run): the moves, figures, chart, what-if form, saved plans and a comparison of
// the plan on screen with a saved one, at the three widths. A tall window puts
// the whole screen in one frame (the layout depends on the width only); the
// screenshots at each real size are for people to look at.
test('Rekomendasi after a plan fits phone, tablet and laptop widths', async () => {
  mkdirSync(OUT, { recursive: true });
  const server = await startServer();
  const browser = await launch();
  const problems = [];
  try {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setViewportSize({ width: 1366, height: 4000 });
    await page.goto(server.url);
    await waitReady(page);
    await signIn(page, 'camat.marelan', { waitSync: true });
    await goTo(page, 'nav-rekomendasi');
    await click(page, 'rekom-run');
    const s = await waitState(page, (x) => x.rekom.phase === 4 || x.rekom.phase === 5, 60000);
    assert.equal(s.rekom.phase, 4, 'plan computed: ' + s.rekom.issue);
    await typeInto(page, '##saved-name', 'Rencana awal');
    await click(page, 'saved-save');
    await waitState(page, (x) => x.rekom.saved.count === 1);
    // One move dropped, then the plan on screen compared with the saved one. This
    // test is about the layout of what that shows: on a loaded machine a click on
    // a tall software-rendered window can be lost or land a frame late (CI saw the
    // comparison not open), so the steps are checked and taken again, at most
    // three times; the steps themselves are tested in rekomendasi.test.mjs.
    let compared = false;
    for (let attempt = 0; attempt < 3 && !compared; attempt++) {
      if (!(await state(page)).rekom.moves[0].dropped) {
        await click(page, 'rekom-drop-0');
        await waitState(page, (x) => x.rekom.moves[0].dropped);
      }
      // A frame between the choices (a tall software-rendered window draws slowly).
      for (const id of ['saved-a-current', 'saved-b-0', 'saved-compare']) {
        await click(page, id);
        await page.waitForTimeout(500);
      }
      compared = await waitState(page, (x) => x.rekom.saved.comparing).then(() => true, () => false);
    }
    assert.ok(compared, 'the comparison opened');
    for (const size of WIDTHS) {
      await page.setViewportSize({ width: size.width, height: 5000 });
      await page.waitForTimeout(600);
      for (const p of layoutProblems(await items(page), size))
        problems.push({ ...p, size: size.name, who: 'camat', screen: 'rekomendasi-plan' });
      await page.screenshot({ path: join(OUT, `${size.name}-camat-rekomendasi-plan-whole.png`) });
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(OUT, `${size.name}-camat-rekomendasi-plan.png`) });
    }
    assert.deepEqual(errors, [], 'no page errors');
  } finally {
    await browser.close();
    await server.stop();
  }
  const line = (p) => `${p.size} ${p.who} ${p.screen}: ${p.kind}: ${p.label} (${p.text})`;
  writeFileSync(join(OUT, 'problems-rekomendasi-plan.txt'), problems.map(line).join('\n') + '\n');
  assert.deepEqual(problems.map(line), [], 'layout problems with a plan shown');
});
