// The language lab: a next-character softmax trained on the user's text;
// its bars add up to 100%, it generates, and a two-sided model fills a
// blank; bad texts are refused in the page's language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertHealthy, button, pollUntil, sharedBrowser, shot, text, withPage } from './helpers.mjs';

const shared = sharedBrowser();

/** The Next character bars as [{ ch, pc }] (pc in percent). */
async function bars(page, selector = '#next-bars') {
  return page.evaluate((sel) => {
    const pcs = [...document.querySelectorAll(`${sel} .pc`)];
    return pcs.map((el) => ({
      ch: el.previousElementSibling?.previousElementSibling?.textContent ?? '',
      pc: Number(el.textContent.replace('%', '')),
    }));
  }, selector);
}

/** Opens the lab as a user does: the mode switch's label (the radio is styled as a tab). */
async function openLab(page, name) {
  assert.equal(await page.getByRole('radio', { name }).count(), 1, `a radio named ${name}`);
  const radio = page.locator('input[name=mode][value=language]');
  await page.locator('label').filter({ has: radio }).click();
  await page.waitForFunction(() => document.body.dataset.mode === 'language');
}

/** Plays until `done` holds in the page, then pauses (by aria-pressed, in any language). */
async function trainUntil(page, done, what) {
  await page.locator('#play').click();
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'true');
  await page.waitForFunction(done, null, { timeout: 30_000 }).catch(() => {
    throw new Error(`training did not reach: ${what}`);
  });
  await page.evaluate(() => {
    const b = document.getElementById('play');
    if (b.getAttribute('aria-pressed') === 'true') b.click();
  });
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false');
}

test('English: train on a repeated phrase, read the softmax, generate, fill a blank', async () => {
  await withPage(shared.browser, 'lab-en', {}, async ({ page, errors }) => {
    await openLab(page, 'Language model');
    assert.equal(await page.getByRole('combobox', { name: 'Text', exact: true }).count(), 1, 'a Text select');
    assert.equal(await page.getByLabel('Training text', { exact: true }).count(), 1, 'a Training text area');
    // The token line of the text shown before, then that of the new one
    // (a wait for any "N tokens" could read the old text's line).
    await page.waitForFunction(() => /^\d+ tokens/.test(document.getElementById('tokens-info').textContent));
    const shown = await text(page, '#tokens-info');
    await page.selectOption('#text', 'en-repeat');
    await page.waitForFunction(
      (old) => {
        const t = document.getElementById('tokens-info').textContent;
        return /^\d+ tokens/.test(t) && t !== old;
      },
      shown,
    );
    assert.match(await text(page, '#tokens-info'), /^9 tokens/, 'hello world has 9 distinct characters');

    await page.fill('#prompt', 'hello wor');
    await trainUntil(
      page,
      () => Number(document.getElementById('step-count').textContent) > 200 && Number(document.getElementById('loss').textContent) < 0.2,
      'loss below 0.2',
    );
    // Typing in the prompt shows its softmax again (after the steps' samples).
    await page.fill('#prompt', '');
    await page.fill('#prompt', 'hello wor');
    await page.waitForFunction(() => /hello wor|lo wor|wor/.test(document.getElementById('next-context').textContent));
    const b = await bars(page);
    const sum = b.reduce((s, x) => s + x.pc, 0);
    assert.ok(Math.abs(sum - 100) < 0.6, `the bars add up to 100% (${sum})`);
    assert.equal(b[0].ch, 'l', `after "hello wor" the model expects l: ${JSON.stringify(b.slice(0, 3))}`);
    assert.ok(b[0].pc > 90, `with more than 90%: ${b[0].pc}`);
    // The prompt keeps a newline (a token of the text): after a line, "h".
    await page.fill('#prompt', 'hello world\n');
    await page.waitForFunction(() => document.getElementById('prompt').value.endsWith('\n'));
    await pollUntil(async () => (await bars(page))[0]?.ch, (ch) => ch === 'h', { timeout: 5_000, what: 'h after a newline' });
    await page.fill('#prompt', 'hello wor');
    await page.waitForFunction(() => document.getElementById('generated-text').textContent === 'hello wor');
    assert.ok(await page.isHidden('#confusion'), "the plane's confusion matrix is not part of the lab");
    assert.ok(await page.isVisible('#loss-chart'), 'the lab shows its loss curve');

    const before = (await text(page, '#generated-text')).length;
    await button(page, 'Generate 50').click();
    await page.waitForFunction((n) => document.getElementById('generated-text').textContent.length >= n + 50, before);
    const made = await text(page, '#generated-text');
    assert.match(made, /hello world/, `it writes the phrase: ${made}`);

    await page.fill('#blank-sentence', 'hello world');
    await page.fill('#blank-at', '5');
    await button(page, 'Train both and compare').click();
    await page.waitForFunction(() => document.querySelectorAll('#blank-bars .bars').length === 2);
    const [left, both] = [await bars(page, '#blank-bars > div:nth-child(1)'), await bars(page, '#blank-bars > div:nth-child(2)')];
    const top = (xs) => xs.find((x) => x.ch === 'o')?.pc ?? 0;
    assert.ok(top(both) >= top(left), `both sides are at least as sure of the blank: ${top(both)} vs ${top(left)}`);
    await shot(page, 'lab-en');
    await assertHealthy(page, errors, assert);
  });
});

test('Chinese: the lab in Chinese, an own text, and bad texts refused with nothing changed', async () => {
  await withPage(shared.browser, 'lab-zh', { query: '?lang=zh' }, async ({ page, errors }) => {
    // A plane view picked before (Activation) does not follow into the lab.
    await page.locator('button[data-view="activation"]').click();
    await page.waitForFunction(() => !document.getElementById('view-box').hidden);
    await openLab(page, '语言模型');
    assert.equal(await text(page, '#h-next'), '下一个字符');
    assert.ok(await page.isVisible('#loss-chart'), 'the lab shows its loss curve');
    assert.ok(await page.isHidden('#view-box'), 'not the plane view picked before');
    await page.fill('#training-text', '我们一起学习人工智能。'.repeat(12));
    await page.locator('#training-text').dispatchEvent('change');
    await page.waitForFunction(() => /^共 11 个词元/.test(document.getElementById('tokens-info').textContent));
    await page.fill('#prompt', '我们一起');
    await trainUntil(page, () => Number(document.getElementById('step-count').textContent) > 150, '150 steps');
    await page.fill('#prompt', '');
    await page.fill('#prompt', '我们一起');
    await page.waitForFunction(() => /们一起/.test(document.getElementById('next-context').textContent));
    await page.waitForFunction(() => document.querySelectorAll('#next-bars .pc').length > 0);
    const b = await bars(page);
    assert.ok(Math.abs(b.reduce((s, x) => s + x.pc, 0) - 100) < 0.6, 'the bars add up to 100%');
    assert.equal(b[0].ch, '学', `after 我们一起 comes 学: ${JSON.stringify(b.slice(0, 3))}`);
    await button(page, '生成 50 个字').click();
    await page.waitForFunction(() => document.querySelector('#generated-text mark')?.textContent.length === 50);
    await shot(page, 'lab-zh');

    const steps = await text(page, '#step-count');
    for (const [bad, re] of [
      ['', /训练文本是空的/],
      ['啊啊啊啊', /只有一种字符/],
      ['好\u0007坏', /控制字符/],
    ]) {
      await page.fill('#training-text', bad);
      await page.locator('#training-text').dispatchEvent('change');
      await page.waitForFunction(([src]) => new RegExp(src).test(document.getElementById('status').textContent), [re.source]);
      assert.match(await text(page, '#status'), /模型仍使用原来的文本/);
      assert.equal(await text(page, '#step-count'), steps, 'the model was not touched');
      assert.match(await text(page, '#tokens-info'), /^共 11 个词元/);
    }
    await assertHealthy(page, errors, assert);
  });
});
