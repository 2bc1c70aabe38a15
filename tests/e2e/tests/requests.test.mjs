// Usulan Mutasi in the browser (demo data, offline-capable): a request filed
// through the form with a document chosen in the browser's file chooser (kept
// in the browser's storage until uploaded), its detail, Beranda, and the phone
// layout. Screenshots at 1366x768 and 390x844 land in tests/e2e/test-results/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, openApp, click, goTo, pickFromCombo, typeInto, waitState, state, shot, locate,
} from '../lib/harness.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

// A point inside the open form (for the mouse wheel).
async function formPoint(page) {
  const v = page.viewportSize();
  return { x: v.width - 300, y: Math.round(v.height * 0.6) };  // the form is the right-hand panel
}

// Scrolls the panel under `at` (x, y) until the widget is visible (the form is
// taller than a laptop screen).
async function scrollTo(page, label, at) {
  for (let i = 0; i < 30; i++) {
    const r = await page.evaluate(([l]) => Module.seimbangLocate(l, 0), [label]);
    if (r && r.w > 0 && r.h > 8) return;
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(60);
  }
}

async function pickFile(page, button, file) {
  await scrollTo(page, button, await formPoint(page));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), click(page, button)]);
  await chooser.setFiles(file);
}

test('usulan mutasi: file a request with a document through the form; detail, Beranda, phone', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await click(page, 'login-demo');
    await waitState(page, (s) => s.loggedIn);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(200);
    await goTo(page, 'nav-requests');
    await shot(page, 'usulan-list-empty');
    await click(page, 'req-new');
    await waitState(page, (s) => s.requests.formOpen);
    await shot(page, 'usulan-form-empty');
    await page.setViewportSize({ width: 1366, height: 1100 });  // the whole form in view (no wheel scrolling)
    await page.waitForTimeout(200);

    await pickFromCombo(page, '##req-employee', '##emp-');
    await click(page, 'req-wish-1');
    // The list is drawn in the frames after the click (the locator reports the frame before the last one).
    let wish;
    for (let i = 0; i < 40 && !wish; i++) {
      wish = (await page.evaluate(() => Module.seimbangItems().map((x) => x.label))).find((l) => l.includes('##wp-'));
      if (!wish) await page.waitForTimeout(50);
    }
    assert.ok(wish, 'the destination list offers positions');
    await click(page, wish);
    await pickFromCombo(page, '##req-reason', '##rs-kesehatan');
    await typeInto(page, '##req-explanation', 'Anak sakit dan perlu dirawat dekat rumah');
    // A file whose name says PDF but whose content is not: refused, not kept.
    await pickFile(page, 'req-pick', { name: 'foto.pdf', mimeType: 'application/pdf', buffer: Buffer.from('GIF89a....') });
    await page.waitForTimeout(300);
    assert.equal((await state(page)).requests.formDocuments, 0);
    await pickFile(page, 'req-pick', { name: 'surat_permohonan.pdf', mimeType: 'application/pdf', buffer: PDF });
    await waitState(page, (s) => s.requests.formDocuments === 1);
    await shot(page, 'usulan-form-filled-full');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForTimeout(200);
    await shot(page, 'usulan-form-filled');

    await click(page, 'req-submit-new');
    const s = await waitState(page, (x) => x.requests.count === 1 && !x.requests.formOpen);
    assert.equal(s.requests.documents, 1, 'the document is attached to the request');
    // Submitted, or kept as a draft with the reason shown (tenure / eligibility of the chosen pair).
    assert.ok(s.requests.selectedStatus === 'diajukan' || s.requests.refused !== '', JSON.stringify(s.requests));
    await shot(page, 'usulan-detail');
    // The bytes wait in the browser's database for the upload.
    await goTo(page, 'nav-home');
    await shot(page, 'beranda-menunggu-anda');

    // Phone: one column; the detail replaces the list, with a way back.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    await click(page, 'nav-menu');
    await click(page, 'nav-requests');
    await page.waitForTimeout(200);
    await shot(page, 'usulan-phone-detail');
    await click(page, 'req-back');
    await page.waitForTimeout(200);
    await shot(page, 'usulan-phone-list');
    await locate(page, 'req-new');
    await click(page, 'req-new');
    await waitState(page, (x) => x.requests.formOpen);
    await shot(page, 'usulan-phone-form');
    // Nothing drawn past the right edge of a phone.
    const items = await page.evaluate(() => Module.seimbangItems());
    for (const it of items) assert.ok(it.x + it.w <= 391, `${it.label} fits the phone width`);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
