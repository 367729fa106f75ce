// Language: ?lang=zh / ?lang=en force one; the #lang select switches live;
// without ?lang the browser's language decides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertHealthy,
  button,
  choose,
  sharedBrowser,
  readParams,
  readPoints,
  shot,
  text,
  waitStep,
  withPage,
} from './helpers.mjs';

const shared = sharedBrowser();

/** Visible texts of all buttons, section headings and labels' own spans. */
async function uiTexts(page) {
  return page.evaluate(() => {
    const visible = (el) => el.offsetParent !== null || el.getClientRects().length > 0;
    const pick = (sel) =>
      [...document.querySelectorAll(sel)].filter(visible).map((el) => el.textContent.trim()).filter(Boolean);
    return {
      buttons: pick('button'),
      headings: pick('h2:not(.sr), legend:not(.sr)'),
      labels: pick('[data-i18n]'),
    };
  });
}

const ENGLISH_BUTTONS = ['Step back', 'Step', 'Play', 'Pause', 'Reset', 'Clear points', 'Regenerate', 'Class 1', 'Class 2'];

async function assertChinese(page) {
  await page.waitForFunction(() => document.getElementById('step')?.textContent.trim() === '单步', null, {
    timeout: 5_000,
  });
  assert.equal(await text(page, '#step'), '单步', 'the Step button reads 单步');
  assert.equal(await text(page, '#h-params'), '参数', 'the Parameters heading reads 参数');
  const { buttons, headings, labels } = await uiTexts(page);
  for (const b of buttons) {
    assert.ok(!ENGLISH_BUTTONS.includes(b), `button "${b}" is translated`);
    // Acronyms such as JSON, CSV and PNG stay as they are in Chinese too.
    const words = b.replace(/\b[A-Z0-9]{2,}\b/g, '');
    assert.ok(!/[A-Za-z]{3,}/.test(words), `button "${b}" has no English words`);
  }
  for (const h of headings) assert.ok(!/^[A-Za-z ()%]+$/.test(h), `heading "${h}" is translated`);
  const english = labels.filter((l) => /^[A-Za-z][a-z]+( [a-z]+)*( \(%\))?$/.test(l));
  assert.deepEqual(english, [], 'no English labels are left');
  // The region's accessible name follows the language.
  assert.equal(await page.getByRole('region', { name: '参数' }).count(), 1, 'region named 参数');
}

async function assertEnglish(page) {
  await page.waitForFunction(() => document.getElementById('step')?.textContent.trim() === 'Step', null, {
    timeout: 5_000,
  });
  assert.equal(await text(page, '#h-params'), 'Parameters');
  for (const name of ['Step back', 'Step', 'Play', 'Reset', 'Clear points', 'Regenerate', 'Class 1', 'Class 2']) {
    assert.equal(await button(page, name).count(), 1, `button "${name}"`);
  }
  for (const name of ['Parameters', 'Last update', 'Points']) {
    assert.equal(await page.getByRole('region', { name, exact: true }).count(), 1, `region "${name}"`);
  }
  assert.equal(await page.getByLabel('Learning rate', { exact: true }).count(), 1, 'input labelled Learning rate');
  assert.equal(await page.getByLabel('Batch size', { exact: true }).count(), 1, 'input labelled Batch size');
  assert.equal(await page.getByRole('combobox', { name: 'Model', exact: true }).count(), 1, 'select labelled Model');
  assert.equal(await page.getByRole('radio', { name: 'Classification' }).count(), 1, 'radio Classification');
  assert.equal(await page.getByRole('radio', { name: 'Regression' }).count(), 1, 'radio Regression');
}

test('?lang=zh shows the Chinese interface', async () => {
  await withPage(shared.browser, 'i18n-zh', { query: '?lang=zh' }, async ({ page, errors }) => {
    await assertChinese(page);
    assert.equal(await page.locator('#lang').inputValue(), 'zh', 'the language select shows 中文');
    // Model names are translated too.
    const models = (await page.locator('#model option').allTextContents()).map((t) => t.trim());
    assert.ok(!models.includes('Perceptron') && !models.includes('Neural network'), `model names translated: ${models}`);
    // Train a little so the screenshot shows numbers and messages in Chinese.
    await button(page, '单步').click();
    await waitStep(page, 1);
    assert.ok((await text(page, '#update-body')).length > 0, 'Last update filled after a step');
    await shot(page, 'zh');
    await assertHealthy(page, errors, assert);
  });
});

test('?lang=en shows the English interface', async () => {
  await withPage(shared.browser, 'i18n-en', { query: '?lang=en', locale: 'zh-CN' }, async ({ page, errors }) => {
    await assertEnglish(page);
    assert.equal(await page.locator('#lang').inputValue(), 'en');
    await assertHealthy(page, errors, assert);
  });
});

test('the language select switches live and keeps the work', async () => {
  await withPage(shared.browser, 'i18n-live', { query: '?lang=en' }, async ({ page, errors }) => {
    await choose(page, '#model', 'logistic');
    await waitStep(page, 0);
    await button(page, 'Step').click();
    await waitStep(page, 1);
    const points = await readPoints(page);
    const params = (await readParams(page)).map((p) => p.text);

    await choose(page, '#lang', 'zh');
    await assertChinese(page);
    assert.equal(await text(page, '#step-count'), '1', 'the step count survives the switch');
    assert.deepEqual((await readParams(page)).map((p) => p.text), params, 'the parameters survive the switch');
    assert.deepEqual((await readPoints(page)).rows, points.rows, 'the points survive the switch');
    assert.equal(await page.locator('#model').inputValue(), 'logistic', 'the model survives the switch');

    await choose(page, '#lang', 'en');
    await assertEnglish(page);
    assert.equal(await text(page, '#step-count'), '1');
    await assertHealthy(page, errors, assert);
  });
});

test('without ?lang the browser language decides (zh-CN → Chinese, en-US → English)', async () => {
  await withPage(shared.browser, 'i18n-default-zh', { query: '', locale: 'zh-CN' }, async ({ page, errors }) => {
    await assertChinese(page);
    await assertHealthy(page, errors, assert);
  });
  await withPage(shared.browser, 'i18n-default-en', { query: '', locale: 'en-US' }, async ({ page, errors }) => {
    await assertEnglish(page);
    await assertHealthy(page, errors, assert);
  });
});
