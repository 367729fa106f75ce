// axe-core over every mode, chart tab and open editor, in both languages:
// no serious or critical violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launchBrowser, openPage, setMode, settle } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The serious and critical violations axe finds on the page as it is now. */
async function audit(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE });
  }
  await settle(page);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

for (const lang of ['en', 'zh']) {
  test(`no serious or critical axe violation (${lang})`, async () => {
    const browser = await launchBrowser();
    const problems = [];
    const check = async (page, where) => {
      for (const v of await audit(page)) problems.push({ where, ...v });
    };
    try {
      const { page, errors } = await openPage(browser, `?lang=${lang}`);
      await page.waitForSelector('#points-table tbody tr');
      await check(page, 'classification');
      // After some steps: the Last update panel is filled.
      for (let k = 0; k < 3; k++) await page.locator('#step').click();
      await check(page, 'classification after steps');
      for (const tab of ['network', 'landscape', 'hidden', 'activation', 'loss']) {
        await page.locator(`#tab-${tab}`).click();
        await check(page, `classification, ${tab} tab`);
      }
      // An open parameter editor and an open Points cell editor.
      await page.locator('#params-body .param').first().click();
      await check(page, 'parameter editor open');
      await page.keyboard.press('Escape');
      await page.locator('#points-table td[data-f="x"]').first().click();
      await check(page, 'points cell editor open');
      await page.keyboard.press('Escape');
      await page.locator('#plot').focus();
      await page.keyboard.press('ArrowUp');
      await check(page, 'plot focused with its cursor');

      await setMode(page, 'regression');
      await check(page, 'regression');
      const lm = page.locator('input[name=mode][value=language]');
      await page.locator('label').filter({ has: lm }).click();
      await page.waitForFunction(() => document.body.dataset.mode === 'language');
      await check(page, 'language model');
      await page.locator('#lm-model').selectOption('transformer');
      await page.waitForFunction(() => document.body.dataset.lm === 'transformer');
      await page.locator('#att-show').selectOption('both');
      await page.locator('#blank-sentence').fill('abc');
      await page.locator('#blank-train').click();
      await page.waitForFunction(() => document.querySelectorAll('#compare-scores tr').length === 3);
      await page.locator('#compare-write-left').click();
      await page.locator('#compare-write-both').click();
      await page.waitForFunction(() => document.querySelectorAll('#compare-written p').length === 2);
      await check(page, 'transformer: attention lines, GPT beside BERT');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
    assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
  });
}
