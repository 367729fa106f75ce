// The app heard and described: the live region says each Step (→ or N) with
// its numbers, in English and Chinese; Play is summarised and its stop said;
// Describe (button or D) writes the line's crossings into a visible region;
// Listen (button or L) says what it plays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertHealthy, button, paramMap, pause, play, sharedBrowser, shot, text, waitStep, withPage } from './helpers.mjs';

const shared = sharedBrowser();

/** Waits until the live region's text matches `re`; returns it. */
async function heard(page, re, timeout = 8_000) {
  try {
    await page.waitForFunction(
      ([src, flags]) => new RegExp(src, flags).test(document.getElementById('narration').textContent),
      [re.source, re.flags],
      { timeout, polling: 50 },
    );
  } catch {
    throw new Error(`#narration should match ${re}; it reads "${await text(page, '#narration')}"`);
  }
  return text(page, '#narration');
}

const f3 = (v) => (Math.abs(v) < 0.0005 ? 0 : v).toFixed(3);

test('each Step is heard in the polite live region with its point, class, prediction and new w and b', async () => {
  await withPage(shared.browser, 'narration-en', {}, async ({ page, errors }) => {
    const region = page.locator('#narration');
    assert.equal(await region.getAttribute('aria-live'), 'polite');
    assert.equal(await region.getAttribute('role'), 'status');
    await page.keyboard.press('ArrowRight');
    await waitStep(page, 1);
    const one = await heard(page, /^Step 1: /);
    const m = /^Step 1: point \((-?\d+\.\d{3}), (-?\d+\.\d{3})\), class ([12]), predicted class ([12]); (.*)$/.exec(one);
    assert.ok(m, `a Step sentence: "${one}"`);
    const p = await paramMap(page);
    const moved = `w becomes (${f3(p.w1)}, ${f3(p.w2)}), b becomes ${f3(p.b)}.`;
    if (m[3] === m[4]) assert.equal(m[5], 'right, so nothing changes.');
    else assert.equal(m[5], moved, 'the new parameters as the Parameters panel shows them');
    const sample = await text(page, '#update-body .u-sample');
    assert.ok(sample.includes(`(${m[1]}, ${m[2]})`), `the same point as Last update: ${sample}`);
    await page.keyboard.press('n');
    await waitStep(page, 2);
    await heard(page, /^Step 2: point \(/);
    await assertHealthy(page, errors, assert);
  });
});

test('在中文界面里，每一步也会被读出来', async () => {
  await withPage(shared.browser, 'narration-zh', { query: '?lang=zh' }, async ({ page, errors }) => {
    await page.keyboard.press('N');
    await waitStep(page, 1);
    const one = await heard(page, /^第 1 步：/);
    assert.match(one, /^第 1 步：点 \(-?\d+\.\d{3}, -?\d+\.\d{3}\)，类别 [12]，预测为类别 [12]；(w 变为 \(.*\)，b 变为 -?\d+\.\d{3}。|答对了，参数不变。)$/);
    await page.keyboard.press('ArrowRight');
    await waitStep(page, 2);
    await heard(page, /^第 2 步：点 /);
    await page.keyboard.press('d');
    assert.equal(await text(page, '#h-description'), '模型描述');
    const d = await text(page, '#description-body');
    assert.match(d, /^感知机，已训练 2 步。/);
    assert.match(d, /与 x1 轴交于 x1 = -?\d+\.\d{3}|竖直线|水平线|两个权重都是 0/);
    assert.equal(await button(page, '描述模型').count(), 1);
    await shot(page, 'narration-zh');
    await assertHealthy(page, errors, assert);
  });
});

test('Play is summarised every few seconds, and where it stopped is said', async () => {
  await withPage(shared.browser, 'narration-play', {}, async ({ page, errors }) => {
    // Logistic regression on overlapping blobs never converges: Play runs on.
    await page.selectOption('#model', 'logistic');
    await page.selectOption('#preset', 'overlapping');
    await page.selectOption('#speed', '1');
    await play(page);
    await heard(page, /^Training, step \d+: loss now \d+\.\d+, accuracy \d+\.\d%\.$/, 8_000);
    await pause(page);
    const step = await text(page, '#step-count');
    await heard(page, new RegExp(`^Stopped at step ${step}: loss now `));
    await assertHealthy(page, errors, assert);
  });
});

test('Describe (button or D) states where the line crosses the axes; Listen says what it plays', async () => {
  await withPage(shared.browser, 'narration-describe', {}, async ({ page, errors }) => {
    assert.equal(await page.locator('#description').isVisible(), false, 'hidden until asked for');
    await button(page, 'Describe').click();
    const region = page.getByRole('region', { name: 'Description' });
    await region.waitFor();
    const p = await paramMap(page);
    const d = await region.textContent();
    const a = /crosses the x1 axis at x1 = (-?\d+\.\d{3}) and the x2 axis at x2 = (-?\d+\.\d{3}); its slope is (-?\d+\.\d{3})/.exec(d);
    assert.ok(a, `the crossings: ${d}`);
    // The panel rounds w and b to 3 decimals: compare within what that allows.
    const near = (got, want) => Math.abs(Number(got) - want) <= 0.01 * Math.max(1, Math.abs(want));
    assert.ok(near(a[1], -p.b / p.w1), `x1 = −b/w1 = ${-p.b / p.w1}, read ${a[1]}`);
    assert.ok(near(a[2], -p.b / p.w2), `x2 = −b/w2 = ${-p.b / p.w2}, read ${a[2]}`);
    assert.ok(near(a[3], -p.w1 / p.w2), `slope −w1/w2 = ${-p.w1 / p.w2}, read ${a[3]}`);
    assert.match(d, /Accuracy \d+\.\d%: \d+ of 40 training points are classified right\./);
    assert.ok((await text(page, '#narration')).startsWith('Perceptron at step 0.'), 'the description is said too');
    // It follows the model while shown.
    await page.keyboard.press('n');
    await waitStep(page, 1);
    await page.waitForFunction(() => document.getElementById('description').textContent.includes('at step 1.'));
    await page.keyboard.press('l');
    await heard(page, /^(Playing the loss curve as sound, from step 0 to step 1: the loss goes from \d+\.\d+ to \d+\.\d+;|This browser cannot play sound\.)/);
    await shot(page, 'narration-en');
    await assertHealthy(page, errors, assert);
  });
});

test('the panic banner’s button reloads from the last autosave, not from a shared link', async () => {
  await withPage(shared.browser, 'narration-panic-reload', {}, async ({ page, errors }) => {
    await page.keyboard.press('n');
    await waitStep(page, 1);
    await page.waitForFunction(() => (localStorage.getItem('neuronlab.workspace') ?? '').includes('"step":1'), null, {
      timeout: 10_000,
    });
    // No input makes the app panic: show the banner as the panic hook does
    // (its text and button are worded by the hook) and press its button.
    await page.evaluate(() => {
      history.replaceState(null, '', '#state=not-a-state');
      document.getElementById('panic-text').textContent = 'Something went wrong inside NeuronLab.';
      document.getElementById('panic').hidden = false;
    });
    await shot(page, 'narration-panic-banner');
    await Promise.all([page.waitForEvent('load'), button(page, 'Reload with the work saved before the error').click()]);
    await page.waitForFunction(() => document.getElementById('step-count').textContent.trim() === '1');
    assert.equal(await page.evaluate(() => location.hash), '', 'the link is dropped');
    assert.match(await text(page, '#status'), /^Your work from last time is back/);
    assert.equal(await page.locator('#panic').isVisible(), false);
    await assertHealthy(page, errors, assert);
  });
});
