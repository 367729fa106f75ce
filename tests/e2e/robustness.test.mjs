// Robustness: steps that cannot be taken explain why and change nothing;
// invalid inputs are flagged and ignored; divergence stops training and the
// page never shows NaN or Infinity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertHealthy,
  button,
  choose,
  clickData,
  findNaN,
  paramMap,
  pickClass,
  play,
  readPoints,
  readUpdate,
  setInput,
  setMode,
  sharedBrowser,
  shot,
  text,
  waitFrames,
  waitPointCount,
  waitStatus,
  waitStep,
  withPage,
} from './helpers.mjs';

const shared = sharedBrowser();


async function invalid(page, selector) {
  return (await page.locator(selector).getAttribute('aria-invalid')) === 'true';
}

test('Step with no points explains and changes nothing', async () => {
  await withPage(shared.browser, 'robust-no-points', {}, async ({ page, errors }) => {
    await button(page, 'Clear points').click();
    await waitPointCount(page, 0);
    const params = await page.locator('#params-body').innerText();
    await button(page, 'Step').click();
    const msg = await waitStatus(page, /add.*point/i);
    assert.ok(msg.length > 0);
    assert.equal(await text(page, '#step-count'), '0', 'no step was taken');
    assert.equal(await page.locator('#params-body').innerText(), params, 'the parameters are unchanged');
    // Play with no points does not run away either.
    await button(page, 'Play').click();
    await page.waitForFunction(() => document.getElementById('play').textContent.trim() === 'Play', null, {
      timeout: 3_000,
    });
    assert.equal(await text(page, '#step-count'), '0');

    // One class only: asks for a second class.
    await pickClass(page, 1);
    await clickData(page, -2, 2);
    await waitPointCount(page, 1);
    await button(page, 'Step').click();
    await waitStatus(page, /second class|two classes|another class/i);
    assert.equal(await text(page, '#step-count'), '0');
    await assertHealthy(page, errors, assert);
  });
});

test('invalid learning rate and batch size are flagged, explained and ignored', async () => {
  await withPage(shared.browser, 'robust-inputs', {}, async ({ page, errors }) => {
    // Perceptron on overlapping blobs keeps making mistakes, so updates are
    // non-zero and show the learning rate in force: Δw = η(Y − y)x.
    await choose(page, '#preset', 'overlapping');
    await choose(page, '#model', 'perceptron');
    await waitStep(page, 0);
    await setInput(page, '#lr', 0.5);
    assert.equal(await invalid(page, '#lr'), false, '0.5 is a valid learning rate');

    const flagged = async (selector, bad) => {
      await setInput(page, selector, bad);
      await page
        .waitForFunction((sel) => document.querySelector(sel).getAttribute('aria-invalid') === 'true', selector, {
          timeout: 5_000,
        })
        .catch(() => {
          throw new Error(`${selector} = "${bad}" should get aria-invalid="true"`);
        });
      await page
        .waitForFunction(() => document.getElementById('status').textContent.trim().length > 0, null, { timeout: 5_000 })
        .catch(() => {
          throw new Error(`a message in #status for ${selector} = "${bad}"`);
        });
    };
    const accepted = async (selector, good) => {
      await setInput(page, selector, good);
      // If the page had put the old value back into the box, typing it again fires no
      // `change`; send one so the value is applied either way.
      if (await invalid(page, selector)) await page.locator(selector).dispatchEvent('change');
      await page
        .waitForFunction((sel) => document.querySelector(sel).getAttribute('aria-invalid') !== 'true', selector, {
          timeout: 5_000,
        })
        .catch(() => {
          throw new Error(`${selector} = "${good}" is valid and should clear aria-invalid`);
        });
    };
    for (const bad of ['abc', '-1', '0', '']) {
      await accepted('#lr', 0.5);
      await flagged('#lr', bad);
    }
    for (const bad of ['0', '2.5', '-3', '']) {
      await accepted('#batch', 1);
      await flagged('#batch', bad);
    }

    // The last valid values (η = 0.5, batch 1) are still in force.
    const { rows } = await readPoints(page);
    let checked = false;
    for (let n = 1; n <= 40 && !checked; n++) {
      const before = await paramMap(page);
      await button(page, 'Step').click();
      await waitStep(page, n);
      const u = await readUpdate(page);
      if (u.y === u.Y) continue;
      const row = rows[u.sample - 1];
      const err = 0.5 * (u.Y - u.y);
      assert.ok(Math.abs(u.dw[0] - err * row[1]) <= 0.0011 && Math.abs(u.dw[1] - err * row[2]) <= 0.0011,
        `Δw ${u.dwText} = 0.5·(Y − y)·x = ${err}·(${row[1]}, ${row[2]}): η = 0.5 still in force`);
      assert.ok(Math.abs(u.db - err) <= 0.0011, `Δb ${u.dbText} = ${err}`);
      const after = await paramMap(page);
      assert.ok(Math.abs(after.b - before.b - err) <= 0.0015, `b moved by ${err}`);
      checked = true;
    }
    assert.ok(checked, 'a misclassified sample came up within 40 steps on overlapping blobs');

    // Valid values clear the flags.
    await accepted('#lr', 1);
    await accepted('#batch', 2);
    await assertHealthy(page, errors, assert);
  });
});

test('a two-class model with three classes present says to pick Softmax regression or Neural network', async () => {
  await withPage(shared.browser, 'robust-three-classes', {}, async ({ page, errors }) => {
    await choose(page, '#preset', 'separable');
    await choose(page, '#model', 'perceptron');
    await waitStep(page, 0);
    const n = (await readPoints(page)).rows.length;
    await choose(page, '#classes', '3');
    await pickClass(page, 3);
    await clickData(page, 5, -5);
    await waitPointCount(page, n + 1);
    const params = await page.locator('#params-body').innerText();
    await button(page, 'Step').click();
    const msg = await waitStatus(page, /Softmax regression/);
    assert.match(msg, /Neural network/, `the message names both models: "${msg}"`);
    assert.equal(await text(page, '#step-count'), '0', 'no step was taken');
    assert.equal(await page.locator('#params-body').innerText(), params, 'the parameters are unchanged');

    // Softmax handles it.
    await choose(page, '#model', 'softmax');
    await waitStep(page, 0);
    await button(page, 'Step').click();
    await waitStep(page, 1);
    await assertHealthy(page, errors, assert);
  });
});

test('regression with learning rate 50 diverges: a "diverged" message, training stops, no NaN/Infinity', async () => {
  await withPage(shared.browser, 'robust-diverge', {}, async ({ page, errors }) => {
    await setMode(page, 'regression');
    await choose(page, '#model', 'linear');
    await waitStep(page, 0);
    await setInput(page, '#lr', 50);
    assert.equal(await invalid(page, '#lr'), false, '50 is an allowed learning rate');
    await play(page);
    await waitStatus(page, /diverged/i, 15_000);
    await page.waitForFunction(() => document.getElementById('play').textContent.trim() === 'Play', null, {
      timeout: 5_000,
    });
    const steps = await text(page, '#step-count');
    // Play would step (and show the count) in each frame.
    await waitFrames(page, 10);
    assert.equal(await text(page, '#step-count'), steps, 'training stopped');
    await shot(page, 'diverged');
    assert.deepEqual(await findNaN(page), [], 'no NaN or Infinity on the page');
    for (const id of ['#loss', '#step-count', '#epoch']) {
      assert.doesNotMatch(await text(page, id), /NaN|Infinity|inf/i, `${id} readout`);
    }
    // Step again: still refused with the message; Reset recovers.
    await button(page, 'Step').click();
    await waitStatus(page, /diverged/i);
    assert.equal(await text(page, '#step-count'), steps);
    await button(page, 'Reset').click();
    await waitStep(page, 0);
    await setInput(page, '#lr', 0.02);
    await button(page, 'Step').click();
    await waitStep(page, 1);
    assert.ok(Number.isFinite(Number.parseFloat(await text(page, '#loss'))), 'after Reset the loss is a number');
    await assertHealthy(page, errors, assert);
  });
});
