// Nothing lost: the work is saved in the browser as it changes and is back
// after a reload, with a notice and a one-click Start fresh; a corrupt save
// is reported, not crashed on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertHealthy,
  button,
  choose,
  clickData,
  readParams,
  readPoints,
  ready,
  sharedBrowser,
  text,
  waitPointCount,
  waitStep,
  withPage,
} from './helpers.mjs';

const shared = sharedBrowser();
const KEY = 'neuronlab.workspace';

/** Waits until the autosave holds a workspace for which `check(saved)` is true. */
async function waitSaved(page, check) {
  await page.waitForFunction(
    ([key, src]) => {
      const raw = localStorage.getItem(key);
      if (!raw) return false;
      return new Function('saved', `return (${src})(saved);`)(JSON.parse(raw));
    },
    [KEY, check.toString()],
    { timeout: 10_000 },
  );
}

test('a reload brings back the points, the model, the parameters and the step; Start fresh clears it', async () => {
  await withPage(shared.browser, 'autosave-reload', {}, async ({ page, errors }) => {
    await choose(page, '#model', 'logistic');
    await clickData(page, 4, 4);
    await waitPointCount(page, 41);
    for (let i = 0; i < 3; i++) await button(page, 'Step').click();
    await waitStep(page, 3);
    const points = await readPoints(page);
    const params = await readParams(page);
    await waitSaved(page, (s) => s.sessions[0].step === 3 && s.sessions[0].points.length === 41);

    await page.reload();
    await ready(page);
    await page.waitForFunction(() => /Your work from last time is back/.test(document.getElementById('status').textContent));
    assert.deepEqual(await readPoints(page), points, 'the points are back');
    assert.deepEqual(await readParams(page), params, 'the parameters are back');
    assert.equal(await text(page, '#step-count'), '3');
    assert.equal(await page.inputValue('#model'), 'logistic');

    await button(page, 'Start fresh').click();
    await waitPointCount(page, 40);
    assert.equal(await text(page, '#step-count'), '0');
    assert.equal(await page.inputValue('#model'), 'perceptron');
    assert.equal(await page.locator('#start-fresh').isVisible(), false, 'the button goes once used');
    await assertHealthy(page, errors, assert);
  });
});

test('a corrupt or old autosave is reported and the page starts fresh', async () => {
  await withPage(shared.browser, 'autosave-corrupt', {}, async ({ page, errors }) => {
    for (const [bad, re] of [
      ['{"format": "neuronlab-workspace", "version": 1, "task"', /could not be read \(the file stops too early/],
      ['{"format": "neuronlab-workspace", "version": 0, "task": "Classification", "class": 0, "speed": 5, "chart": "loss", "sessions": []}', /version 0 is not supported/],
    ]) {
      await page.evaluate(([key, v]) => localStorage.setItem(key, v), [KEY, bad]);
      await page.reload();
      await ready(page);
      await page.waitForFunction(
        ([src]) => new RegExp(src).test(document.getElementById('status').textContent),
        [re.source],
      );
      assert.equal((await readPoints(page)).rows.length, 40, 'the default data');
    }
    assert.deepEqual(errors, []);
  });
});
