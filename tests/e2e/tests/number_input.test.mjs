// Issue 20: numbers typed the Indonesian way in the ABK task editor, with real
// keys in the real browser. "2,5" was saved as 25 and "1.000" as 1; now they are
// 2,5 and 1000, a decimal point is refused with a message, and the table prints
// the saved figures the Indonesian way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, click, typeInto, state, waitState, openApp, goTo, shot } from '../lib/harness.mjs';

test('task editor reads "2,5" and "1.000" as 2.5 and 1000', async () => {
  const server = await startServer();
  const browser = await launch();
  try {
    const { page, errors } = await openApp(browser, server.url);
    await click(page, 'login-demo');
    await waitState(page, (s) => s.loggedIn && s.persistIdle);

    await goTo(page, 'nav-abk');
    await click(page, 'Kelurahan Terjun');
    const items = await page.evaluate(() => Module.seimbangItems().map((x) => x.label));
    const edit = items.find((l) => l.startsWith('Ubah##task-edit-'));
    assert.ok(edit, 'a task to edit');
    const taskId = edit.slice('Ubah##task-edit-'.length);

    // A decimal point is refused with a message; nothing is saved.
    await click(page, edit);
    const before = await page.evaluate((t) => Module.seimbangFind('task', t), taskId);
    await typeInto(page, '##task-volume', '2.5');
    await click(page, 'task-save');
    let s = await state(page);
    assert.equal(s.editorOpen, true, 'the editor stays open');
    assert.ok(s.formIssues.includes('volume:number.use_comma'), JSON.stringify(s.formIssues));
    let task = await page.evaluate((t) => Module.seimbangFind('task', t), taskId);
    assert.equal(task.volume, before.volume, 'nothing saved');

    // The Indonesian way: decimal comma, thousands dot.
    await typeInto(page, '##task-volume', '2,5');
    await typeInto(page, '##task-norm', '1.000');
    await click(page, 'task-save');
    // 1.000 minutes per output is more than a working day: asked once, then saved.
    s = await state(page);
    if (s.editorOpen) {
      assert.ok(s.formIssues.includes('norm_minutes:abk.norm_over_day'), JSON.stringify(s.formIssues));
      await shot(page, 'abk-task-plausibility');
      await click(page, 'task-save');
    }
    await waitState(page, (x) => !x.editorOpen && x.save === 'saved' && x.persistIdle);
    task = await page.evaluate((t) => Module.seimbangFind('task', t), taskId);
    assert.equal(task.volume, 2.5);
    assert.equal(task.norm, 1000);
    await shot(page, 'abk-task-saved-2-5');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.stop();
  }
});
