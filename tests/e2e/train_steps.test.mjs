// `Steps` and `Train N steps` (issue #23), in every mode and both
// languages: the button names the number, trains at the chosen speed and
// stops at exactly N more steps, Pause stops it; a bad number is refused
// with the field's name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertHealthy, setInput, setMode, sharedBrowser, shot, text, withPage } from './helpers.mjs';

const shared = sharedBrowser();

for (const lang of ['en', 'zh']) {
  test(`Train N steps makes exactly N steps in every mode (${lang})`, async () => {
    await withPage(shared.browser, `train-steps-${lang}`, { query: `?lang=${lang}` }, async ({ page, errors }) => {
      const name = (n) => (lang === 'en' ? `Train ${n} steps` : `训练 ${n} 步`);
      for (const mode of ['classification', 'regression', 'language']) {
        if (mode === 'regression') await setMode(page, mode);
        if (mode === 'language') {
          await page.locator('label:has(input[value=language])').click();
          await page.waitForFunction(() => document.body.dataset.mode === 'language');
        }
        if (mode === 'classification') await page.locator('#model').selectOption('logistic');
        await setInput(page, '#steps', 37);
        const b = page.getByRole('button', { name: name(37), exact: true });
        await b.waitFor();
        const label = lang === 'en' ? 'Steps' : '训练步数';
        assert.equal(await page.getByLabel(label, { exact: true }).inputValue(), '37');
        const before = Number(await text(page, '#step-count'));
        await b.click();
        await page.waitForFunction(
          (to) => document.getElementById('step-count').textContent === String(to) &&
            document.getElementById('play').getAttribute('aria-pressed') !== 'true',
          before + 37,
          { timeout: 30_000 },
        );
        assert.match(await text(page, '#status'), lang === 'en' ? /Trained 37 steps/ : /训练了 37 步/);
        await shot(page, `train-steps-${mode}-${lang}`);
      }
      // Pause stops it where it is; the button starts N more from there.
      await page.locator('#speed').selectOption('1');
      await setInput(page, '#steps', 500);
      const start = Number(await text(page, '#step-count'));
      await page.getByRole('button', { name: name(500), exact: true }).click();
      await page.waitForFunction((s) => Number(document.getElementById('step-count').textContent) > s + 3, start);
      await page.locator('#play').click();
      await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') !== 'true');
      const stopped = Number(await text(page, '#step-count'));
      assert.ok(stopped < start + 500, `Pause stopped it at ${stopped}`);
      // A bad number: refused with the field's name, nothing changes.
      await setInput(page, '#steps', 0);
      await page.waitForFunction(() => document.getElementById('steps').getAttribute('aria-invalid') === 'true');
      assert.match(await text(page, '#status'), lang === 'en' ? /^Steps: use a whole number from 1 to 100000/ : /^训练步数/);
      await assertHealthy(page, errors, assert);
    });
  });
}
