// Three defects a learner hit (issue #23), each as the learner met it:
// the Hidden layer view's axis pickers (unit 3 against unit 5 drew the same
// picture, the axes stayed h1/h2 and a Step put the pickers back); Count
// at −5 then Regenerate (the message went, the field still read −5); the
// tip of w dragged right with b = 2 (w turned left).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertHealthy,
  button,
  dataToPage,
  paramMap,
  readPoints,
  setInput,
  settle,
  sharedBrowser,
  shot,
  text,
  waitStep,
  withPage,
} from './helpers.mjs';

const shared = sharedBrowser();

/** A canvas's pixels as a data URL. */
const pixels = (page) => page.evaluate(() => document.getElementById('view-canvas').toDataURL());

test('the Hidden layer pickers choose the units drawn, and a Step keeps them', async () => {
  await withPage(shared.browser, 'pickers', {}, async ({ page, errors }) => {
    await page.locator('#preset').selectOption('xor');
    await page.locator('#model').selectOption('network');
    await waitStep(page, 0);
    for (let i = 0; i < 5; i++) await button(page, 'Step').click();
    await waitStep(page, 5);
    await page.getByRole('tab', { name: 'Hidden layer' }).click();
    await page.waitForFunction(() => /units 1 and 2 of the last hidden layer's 8/.test(document.getElementById('view-note').textContent));
    await settle(page);
    const first = await pixels(page);
    await page.locator('#pick-a').selectOption('2');
    await page.locator('#pick-b').selectOption('4');
    await page.waitForFunction(() => /units 3 and 5/.test(document.getElementById('view-note').textContent));
    await settle(page);
    assert.notEqual(await pixels(page), first, 'units 3 and 5 draw another picture');
    await button(page, 'Step').click();
    await waitStep(page, 6);
    await settle(page);
    assert.equal(await page.locator('#pick-a').inputValue(), '2', 'a Step keeps unit 3 across');
    assert.equal(await page.locator('#pick-b').inputValue(), '4', 'and unit 5 up');
    assert.match(await text(page, '#view-note'), /units 3 and 5/);
    await shot(page, 'pickers-units-3-5-en');
    await assertHealthy(page, errors, assert);
  });
});

for (const lang of ['en', 'zh']) {
  test(`Regenerate with Count at −5 says which field to fix and changes nothing (${lang})`, async () => {
    await withPage(shared.browser, `count-${lang}`, { query: `?lang=${lang}` }, async ({ page, errors }) => {
      const before = await readPoints(page);
      await setInput(page, '#count', -5);
      await page.waitForFunction(() => document.getElementById('count').getAttribute('aria-invalid') === 'true');
      await page.locator('#regenerate').click();
      await settle(page);
      const status = await text(page, '#status');
      assert.match(status, lang === 'en' ? /^Count: use a whole number from 1 to 10000\. Correct that field first/ : /^数量：.*请先改好这一栏/);
      assert.equal(await page.locator('#status').getAttribute('class'), 'warn');
      assert.deepEqual(await readPoints(page), before, 'nothing regenerated');
      assert.equal(await page.locator('#count').inputValue(), '-5', 'the field keeps what was typed, marked');
      await setInput(page, '#count', 12);
      await page.locator('#regenerate').click();
      await page.waitForFunction(() => document.querySelectorAll('#points-table tbody tr').length === 12);
      await assertHealthy(page, errors, assert);
    });
  });
}

test('the tip of w dragged right turns w right when b = 2', async () => {
  await withPage(shared.browser, 'w-tip', {}, async ({ page, errors }) => {
    await page.locator('#model').selectOption('logistic');
    for (const [name, v] of [['w1', 0], ['w2', 1], ['b', 2]]) {
      const cell = page.locator('#params-body .param').filter({ hasText: new RegExp(`^\\s*${name}\\s*=`) });
      await cell.first().click();
      const input = page.locator('#params-body input').first();
      await input.fill(String(v));
      await input.press('Enter');
      await page.waitForFunction((w) => [...document.querySelectorAll('#params-body .param')].some((p) => p.textContent.trim() === w),
        `${name} = ${v.toFixed(3)}`);
    }
    // The foot is (0, −2), the tip 1.6 above it: (0, −0.4). Drag it right by 1.
    const from = await dataToPage(page, 0, -0.4);
    const to = await dataToPage(page, 1, -0.4);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 6 });
    await shot(page, 'w-tip-dragging-en');
    await page.mouse.up();
    await settle(page);
    const p = await paramMap(page);
    assert.ok(p.w1 > 0.3 && p.w2 > 0, `dragged right, w turned right: ${JSON.stringify(p)}`);
    assert.ok(Math.abs(Math.hypot(p.w1, p.w2) - 1) < 0.01, `|w| kept: ${JSON.stringify(p)}`);
    // The line still passes through the foot (0, −2): −2·w2 + b = 0.
    assert.ok(Math.abs(-2 * p.w2 + p.b) < 0.02, `the foot stays on the line: ${JSON.stringify(p)}`);
    await assertHealthy(page, errors, assert);
  });
});
