// Regression: clicking (x, y) points, linear regression converging to the
// least-squares line, polynomial regression on the sine preset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertHealthy,
  button,
  choose,
  clickData,
  sharedBrowser,
  leastSquares,
  paramMap,
  pause,
  play,
  pollUntil,
  readParams,
  readPoints,
  readout,
  setInput,
  setMode,
  text,
  waitPointCount,
  waitStep,
  withPage,
} from './helpers.mjs';

const shared = sharedBrowser();

test('linear regression on 5 clicked points converges to the least-squares line', async () => {
  await withPage(shared.browser, 'regression-linear', {}, async ({ page, errors }) => {
    await setMode(page, 'regression');
    const start = await readPoints(page);
    assert.deepEqual(start.header, ['#', 'x', 'y'], 'regression Points header');
    assert.ok(start.rows.length > 0, 'regression starts with a noisy line');
    const optionTexts = (await page.locator('#model option').allTextContents()).map((t) => t.trim());
    assert.deepEqual(optionTexts, ['Linear regression', 'Polynomial regression', 'Neural network'], 'regression models');

    await choose(page, '#model', 'linear');
    await waitStep(page, 0);
    assert.equal(await page.locator('#lr').inputValue(), '0.02', 'linear default learning rate');
    assert.equal(await page.locator('#batch').inputValue(), '10', 'linear default batch size');

    await button(page, 'Clear points').click();
    await waitPointCount(page, 0);
    const clicked = [
      [-4, -2.5],
      [-2, -0.5],
      [0, 0.3],
      [2, 1.2],
      [4, 3],
    ];
    for (const [i, [x, y]] of clicked.entries()) {
      await clickData(page, x, y);
      await waitPointCount(page, i + 1);
    }
    const { rows } = await readPoints(page);
    for (const [i, [x, y]] of clicked.entries()) {
      assert.ok(
        Math.abs(rows[i][1] - x) <= 0.05 && Math.abs(rows[i][2] - y) <= 0.05,
        `row ${i + 1} ${JSON.stringify(rows[i])} ≈ (${x}, ${y})`,
      );
    }

    await setInput(page, '#batch', 5);
    await setInput(page, '#lr', 0.05);
    assert.equal(await page.locator('#lr').getAttribute('aria-invalid').then((v) => v ?? 'false'), 'false');
    assert.equal(await page.locator('#batch').getAttribute('aria-invalid').then((v) => v ?? 'false'), 'false');
    await choose(page, '#speed', '10');
    await play(page);
    // Play until the Loss readout stops changing (same text for 1 s, after ≥ 100 steps) or 3000 steps.
    let same = 0;
    let last = '';
    await pollUntil(
      async () => {
        const loss = await text(page, '#loss');
        const step = await readout(page, '#step-count');
        same = loss === last ? same + 1 : 0;
        last = loss;
        return { loss, step, same };
      },
      (v) => (v.same >= 5 && v.step >= 100) || v.step >= 3000,
      { timeout: 60_000, interval: 200, what: 'the loss to settle' },
    );
    await pause(page);

    const fit = leastSquares(rows.map((r) => [r[1], r[2]]));
    const p = await paramMap(page);
    const w = p.w1 ?? p.w;
    assert.ok(Number.isFinite(w) && Number.isFinite(p.b), `Parameters shows w1 and b: ${JSON.stringify(await readParams(page))}`);
    assert.ok(Math.abs(w - fit.slope) <= 0.02, `w1 = ${w} ≈ least-squares slope ${fit.slope.toFixed(4)}`);
    assert.ok(Math.abs(p.b - fit.intercept) <= 0.02, `b = ${p.b} ≈ least-squares intercept ${fit.intercept.toFixed(4)}`);
    // The loss is the mean squared error of that line (allow the 4-decimal readout and halving conventions).
    const mse = rows.reduce((s, r) => s + (r[2] - (fit.slope * r[1] + fit.intercept)) ** 2, 0) / rows.length;
    const loss = await readout(page, '#loss');
    assert.ok(
      Math.abs(loss - mse) <= 0.01 || Math.abs(loss - mse / 2) <= 0.01,
      `Loss ${loss} is the MSE ${mse.toFixed(4)} (or half of it)`,
    );
    await assertHealthy(page, errors, assert);
  });
});

test('polynomial regression reduces the loss on the sine preset', async () => {
  await withPage(shared.browser, 'regression-poly', {}, async ({ page, errors }) => {
    await setMode(page, 'regression');
    await choose(page, '#preset', 'sine');
    await choose(page, '#model', 'polynomial');
    await waitStep(page, 0);
    await button(page, 'Step').click();
    await waitStep(page, 1);
    const first = await readout(page, '#loss');
    assert.ok(Number.isFinite(first), `Loss shows a number after a step: ${await text(page, '#loss')}`);
    await choose(page, '#speed', '50');
    await play(page);
    await page.waitForFunction(() => Number(document.getElementById('step-count').textContent) >= 1000, null, {
      timeout: 30_000,
    });
    await pause(page);
    const later = await readout(page, '#loss');
    assert.ok(later < first * 0.8, `the loss fell: ${first} → ${later}`);
    await assertHealthy(page, errors, assert);
  });
});
