// Out of distribution (issue #23): in the plane, Shift moves the held-out
// points away and `Shifted accuracy` sits beside the held-out accuracy,
// the plot marking shifted points the model is sure of and wrong about; in
// the language lab, `Surprise` scores a second text character by character
// with the perplexity gap, and Fill the blank flags characters outside the
// vocabulary. Both languages; screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertHealthy, setInput, sharedBrowser, shot, text, withPage } from './helpers.mjs';

const shared = sharedBrowser();

for (const lang of ['en', 'zh']) {
  test(`Shift and Shifted accuracy in the plane (${lang})`, async () => {
    await withPage(shared.browser, `ood-plane-${lang}`, { query: `?lang=${lang}` }, async ({ page, errors }) => {
      await page.locator('#model').selectOption('logistic');
      await setInput(page, '#holdout', 30);
      await page.locator('#speed').selectOption('20');
      await page.locator('#play').click();
      await page.waitForFunction(() => / \/ 100\.0%/.test(document.getElementById('accuracy').textContent), null, { timeout: 30_000 });
      await page.locator('#play').click();
      await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') !== 'true');
      const label = lang === 'en' ? 'Shifted accuracy' : '偏移后准确率';
      assert.ok(await page.locator('#shifted-box').isHidden(), 'no shift, no readout');
      // The blobs sit on the diagonal: moved right by 6, class 1 crosses the line.
      await setInput(page, '#shift', 6);
      await page.locator('#shifted-box').waitFor();
      await page.waitForFunction(() => /%/.test(document.getElementById('shifted').textContent));
      assert.equal(await page.locator('#k-shifted').textContent(), label);
      const shifted = Number.parseFloat(await text(page, '#shifted'));
      assert.ok(shifted < 100, `moved away, some are wrong: ${shifted}%`);
      const note = await text(page, '#ood-note');
      assert.match(note, lang === 'en' ? /Held-out points: 100\.0% right as they are/ : /验证点：原样时判对 100\.0%/);
      assert.ok(await page.locator('#model-layer path[stroke="#c82d3c"]').count() > 0, 'a red cross on a sure, wrong point');
      await shot(page, `ood-plane-${lang}`);
      // Back to 0: the readout goes, the plot has no shifted marks.
      await setInput(page, '#shift', 0);
      await page.locator('#shifted-box').waitFor({ state: 'hidden' });
      await assertHealthy(page, errors, assert);
    });
  });

  test(`Surprise scores a second text; Fill the blank flags unknown characters (${lang})`, async () => {
    await withPage(shared.browser, `ood-lab-${lang}`, { query: `?lang=${lang}` }, async ({ page, errors }) => {
      await page.locator('label:has(input[value=language])').click();
      await page.waitForFunction(() => document.body.dataset.mode === 'language');
      await page.locator('#text').selectOption(lang === 'en' ? 'en-recipes' : 'zh-recipes');
      const region = page.getByRole('region', { name: lang === 'en' ? 'Surprise' : '意外度' });
      await region.waitFor();
      await page.locator('#speed').selectOption('100');
      await page.locator('#play').click();
      await page.waitForFunction(() => Number(document.getElementById('step-count').textContent) >= 1500, null, { timeout: 60_000 });
      await page.locator('#play').click();
      await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') !== 'true');
      // The Japanese dish: every character shaded, the unknown ones boxed.
      await page.waitForFunction(() => document.querySelectorAll('#surprise-chars span').length > 50);
      const oov = await page.locator('#surprise-chars .oov').count();
      assert.ok(oov > 0, 'characters outside the vocabulary are flagged');
      const gap = await text(page, '#surprise-gap');
      const nums = (gap.match(/\d+(\.\d+)?(e\d+)?/g) ?? []).map(Number);
      assert.ok(nums.length >= 2 && nums[1] > 1.5 * nums[0], `the dish is far more surprising: ${gap}`);
      // Its own training text is at home.
      const own = await page.locator('#training-text').inputValue();
      await page.locator('#surprise-text').fill(own.slice(0, 80));
      await page.waitForFunction(() => document.querySelectorAll('#surprise-chars .oov').length === 0);
      const home = (await text(page, '#surprise-gap')).match(/\d+(\.\d+)?/g).map(Number);
      assert.ok(home[1] < 1.5 * home[0], `its own text is not surprising: ${home}`);
      await page.locator('#surprise-text').fill(lang === 'en' ? 'Sushi: raw fish on rice.' : '寿司：生鱼片放在米饭上。');
      await page.waitForFunction(() => document.querySelectorAll('#surprise-chars .oov').length > 0);
      await shot(page, `ood-lab-${lang}`);
      // Fill the blank: the blanked character is one the model never saw.
      const sentence = lang === 'en' ? 'Add the jam and serve.' : '加芥末和盐，翻炒几下出锅。';
      const at = lang === 'en' ? 9 : 2; // "j" and "芥": neither is in the recipes.
      await page.locator('#blank-sentence').fill(sentence);
      await setInput(page, '#blank-at', at);
      await page.locator('#blank-train').click();
      await page.waitForFunction(() => document.querySelectorAll('#blank-bars .bars').length === 2, null, { timeout: 30_000 });
      const flag = await text(page, '#blank-bars .blank-oov');
      assert.match(flag, lang === 'en' ? /“j” never occurs in the training text/ : /“芥”在训练文本里从没出现过/);
      if (lang === 'zh') assert.match(flag, /只好从上下文中略去的字符：末/);
      await assertHealthy(page, errors, assert);
    });
  });
}
