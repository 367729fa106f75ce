// The perceptron, one update at a time: the Last update panel and the
// Parameters panel must agree with w ← w + η(Y − y)x, b ← b + η(Y − y),
// and Step back must undo an update exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertHealthy,
  button,
  pickClass,
  choose,
  clickData,
  sharedBrowser,
  paramMap,
  readParams,
  readPoints,
  readUpdate,
  text,
  waitPointCount,
  waitStep,
  withPage,
} from './helpers.mjs';

// 3-decimal display: old w, new w and x each carry up to 0.0005 of rounding.
const TOL = 0.0015 + 1e-9;

const shared = sharedBrowser();

/** Perceptron, no points but (-2, 1) of class 1 and (2, -1) of class 2. */
async function twoPoints(page) {
  await choose(page, '#model', 'perceptron');
  assert.equal(await page.locator('#lr').inputValue(), '1', 'perceptron default learning rate 1');
  assert.equal(await page.locator('#batch').inputValue(), '1', 'perceptron default batch size 1');
  await waitStep(page, 0);
  await button(page, 'Clear points').click();
  await waitPointCount(page, 0);
  await pickClass(page, 1);
  await clickData(page, -2, 1);
  await waitPointCount(page, 1);
  await clickData(page, 2, -1, { modifier: 'Shift' });
  await waitPointCount(page, 2);
  const { rows } = await readPoints(page);
  assert.deepEqual(
    rows.map((r) => r[3]),
    [1, 2],
    'one point of each class',
  );
}

async function paramsText(page) {
  return page.locator('#params-body').innerText();
}

/**
 * Presses Step (step number `n` results) and checks the update against the
 * perceptron rule with learning rate `eta`. Returns the parsed update.
 */
async function stepAndCheck(page, n, eta = 1) {
  const before = await paramMap(page);
  assert.ok(
    ['w1', 'w2', 'b'].every((k) => Number.isFinite(before[k])),
    `Parameters shows w1, w2, b: ${JSON.stringify(await readParams(page))}`,
  );
  await button(page, 'Step').click();
  await waitStep(page, n);
  const u = await readUpdate(page);
  const { rows } = await readPoints(page);
  assert.ok(
    Number.isInteger(u.sample) && u.sample >= 1 && u.sample <= rows.length,
    `Last update names a sample #k of the table: ${JSON.stringify(u)}`,
  );
  const row = rows[u.sample - 1];
  assert.ok(
    Math.abs(u.x[0] - row[1]) <= 0.0011 && Math.abs(u.x[1] - row[2]) <= 0.0011,
    `the sample's x ${JSON.stringify(u.x)} is row ${u.sample} of the table ${JSON.stringify(row)}`,
  );
  assert.ok(u.y === 0 || u.y === 1, `prediction y is 0 or 1: ${u.predText}`);
  assert.equal(u.Y, row[3] - 1, `target Y = class − 1 (class ${row[3]}): ${u.predText}`);
  // y = 1 iff w·x + b > 0, with the weights before the update (skip near-ties).
  const score = before.w1 * row[1] + before.w2 * row[2] + before.b;
  if (Math.abs(score) > 0.01) {
    assert.equal(u.y, score > 0 ? 1 : 0, `y = step(w·x + b) with w·x + b = ${score.toFixed(4)}`);
  }
  const err = eta * (u.Y - u.y);
  const after = await paramMap(page);
  assert.ok(Math.abs(after.w1 - (before.w1 + err * row[1])) <= TOL, `w1: ${before.w1} + ${err}·${row[1]} ≈ ${after.w1}`);
  assert.ok(Math.abs(after.w2 - (before.w2 + err * row[2])) <= TOL, `w2: ${before.w2} + ${err}·${row[2]} ≈ ${after.w2}`);
  assert.ok(Math.abs(after.b - (before.b + err)) <= TOL, `b: ${before.b} + ${err} ≈ ${after.b}`);
  assert.equal(u.dw.length, 2, `Δw has two components: ${u.dwText}`);
  assert.ok(
    Math.abs(u.dw[0] - err * row[1]) <= 0.0011 && Math.abs(u.dw[1] - err * row[2]) <= 0.0011,
    `Δw ${u.dwText} = (Y − y)·x = ${err}·(${row[1]}, ${row[2]})`,
  );
  assert.ok(Math.abs(u.db - err) <= 0.0011, `Δb ${u.dbText} = Y − y = ${err}`);
  return u;
}

test('Step applies Δw = (Y − y)·x, Δb = Y − y; Step back restores the parameters exactly', async () => {
  await withPage(shared.browser, 'perceptron-step', {}, async ({ page, errors }) => {
    await twoPoints(page);
    const original = await paramsText(page);
    assert.equal(await text(page, '#step-count'), '0');

    await stepAndCheck(page, 1);
    const afterStep = await text(page, '#update-body');

    await button(page, 'Step back').click();
    await waitStep(page, 0);
    assert.equal(await paramsText(page), original, 'Step back restores the Parameters text exactly');
    const backText = await text(page, '#update-body');
    assert.ok(backText.length > 0 && backText !== afterStep, `Last update tells about the step back: "${backText}"`);

    // Several steps, each following the rule, then all undone.
    for (let n = 1; n <= 4; n++) await stepAndCheck(page, n);
    for (let n = 3; n >= 0; n--) {
      await button(page, 'Step back').click();
      await waitStep(page, n);
    }
    assert.equal(await paramsText(page), original, 'four Step backs restore the initial parameters');
    await assertHealthy(page, errors, assert);
  });
});

test('editing a parameter in the panel; a misclassified sample then moves w by ±x', async () => {
  await withPage(shared.browser, 'perceptron-edit', {}, async ({ page, errors }) => {
    await twoPoints(page);
    // w = (-1, 0.5), b = 0 misclassifies both points: (-2, 1) scores 2.5 → y = 1 but Y = 0,
    // (2, -1) scores -2.5 → y = 0 but Y = 1.
    for (const [name, value] of [
      ['w1', '-1'],
      ['w2', '0.5'],
      ['b', '0'],
    ]) {
      const param = page.locator('#params-body .param').filter({ hasText: new RegExp(`^\\s*${name}\\s*=`) });
      const input = page.locator('#params-body input').first();
      // A click that lands while the panel is rewritten after the last
      // edit opens nothing (seen once in a full run): click again.
      for (let attempt = 0; ; attempt++) {
        await param.first().click();
        try {
          await input.waitFor({ state: 'visible', timeout: 3_000 });
          break;
        } catch (err) {
          if (attempt >= 2) throw err;
        }
      }
      await input.fill(value);
      await input.press('Enter');
      const want = `${name} = ${Number(value).toFixed(3)}`;
      await page
        .waitForFunction(
          (want) => [...document.querySelectorAll('#params-body .param')].some((p) => p.textContent.trim() === want),
          want,
          { timeout: 5_000 },
        )
        .catch(async () => {
          throw new Error(`after editing, Parameters shows "${want}"; it shows: ${JSON.stringify(await readParams(page))}`);
        });
    }
    assert.deepEqual(await paramMap(page), { w1: -1, w2: 0.5, b: 0 });

    // An editor closed with the same value, with Escape, or on text that is
    // not a number leaves the cell showing its value (not empty).
    const w2 = page.locator('#params-body .param').filter({ hasText: /^\s*w2\s*=/ });
    for (const [typed, key] of [['0.5', 'Enter'], ['7', 'Escape'], ['abc', 'Enter']]) {
      await w2.first().click();
      const input = page.locator('#params-body input').first();
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(typed);
      await input.press(key);
      await page
        .waitForFunction(
          () => [...document.querySelectorAll('#params-body .param')].some((p) => p.textContent.trim() === 'w2 = 0.500'),
          null,
          { timeout: 5_000 },
        )
        .catch(async () => {
          throw new Error(`after "${typed}" and ${key}, Parameters shows: ${JSON.stringify(await readParams(page))}`);
        });
    }
    assert.deepEqual(await paramMap(page), { w1: -1, w2: 0.5, b: 0 });

    const u = await stepAndCheck(page, 1);
    assert.notEqual(u.y, u.Y, `the first sample is misclassified: ${u.predText}`);
    const p = await paramMap(page);
    assert.ok(p.w1 !== -1 || p.w2 !== 0.5, 'the weights moved');
    await assertHealthy(page, errors, assert);
  });
});
