// The lab's transformer, as a learner meets it: pick Transformer, its own
// fields show; Play trains it in a worker while the page keeps drawing;
// Step back undoes exactly one update; a width its heads cannot share is
// refused with the field named; both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertHealthy, readout, setInput, sharedBrowser, shot, waitFrames, withPage } from './helpers.mjs';

const shared = sharedBrowser();

/** Opens the lab (the mode switch's label, as a user clicks it). */
async function openLab(page) {
  const radio = page.locator('input[name=mode][value=language]');
  await page.locator('label').filter({ has: radio }).click();
  await page.waitForFunction(() => document.body.dataset.mode === 'language');
}

/** The lab's Model select (the plane's is hidden in this mode). */
function modelSelect(page, name) {
  return page.getByRole('combobox', { name, exact: true });
}

for (const [lang, names] of [
  ['en', { model: 'Model', transformer: 'Transformer', blocks: 'Blocks', width: 'Width', heads: 'Heads' }],
  ['zh', { model: '模型', transformer: 'Transformer 模型', blocks: '层数（块）', width: '宽度', heads: '注意力头数' }],
]) {
  test(`${lang}: a transformer trains off the main thread, steps back exactly, refuses a bad width`, async () => {
    await withPage(shared.browser, `transformer-${lang}`, { query: `?lang=${lang}` }, async ({ page, errors }) => {
      await openLab(page);
      const select = modelSelect(page, names.model);
      assert.equal(await select.count(), 1, 'one visible Model select in the lab');
      await select.selectOption({ label: names.transformer });
      await page.waitForFunction(() => document.body.dataset.lm === 'transformer');
      for (const label of [names.blocks, names.heads, names.width]) {
        assert.ok(await page.getByLabel(label, { exact: true }).isVisible(), `${label} shows`);
      }
      assert.equal(await page.getByLabel('Embedding size', { exact: true }).isVisible(), false);

      // Play: the worker trains, the page adopts its reports.
      await page.locator('#play').click();
      await page.waitForFunction(() => Number(document.getElementById('step-count').textContent) >= 16, null, {
        timeout: 60_000,
      });
      assert.ok(page.workers().length >= 1, 'training runs in a Web Worker');
      await page.evaluate(() => {
        const b = document.getElementById('play');
        if (b.getAttribute('aria-pressed') === 'true') b.click();
      });
      await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false');
      await waitFrames(page, 3);
      const step = Number(await readout(page, '#step-count'));
      assert.ok(step >= 16);
      const loss = Number(await readout(page, '#loss'));
      assert.ok(Number.isFinite(loss) && loss > 0, `a loss: ${loss}`);

      // Step back: one update undone (replayed from the last snapshot).
      await page.locator('#step-back').click();
      await page.waitForFunction((s) => Number(document.getElementById('step-count').textContent) === s - 1, step);

      // Width 30 cannot be shared by 4 heads: refused, the field named, the value kept.
      await setInput(page, '#heads', 4);
      await page.waitForFunction(() => document.getElementById('heads').value === '4');
      await setInput(page, '#width', 30);
      await page.waitForFunction(() => document.getElementById('status').textContent.length > 0);
      const status = await page.locator('#status').textContent();
      assert.ok(status.includes(names.width), `the message names the field: ${status}`);
      await waitFrames(page, 2);
      assert.equal(await page.locator('#width').getAttribute('aria-invalid'), 'true', 'the field is marked');
      const explain = await page.locator('#lab-explain').textContent();
      assert.ok(explain.includes('32'), `the model keeps its width of 32: ${explain}`);
      await shot(page, `transformer-${lang}`);
      await assertHealthy(page, errors, assert);
    });
  });
}
