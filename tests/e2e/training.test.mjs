// Training: Play/Pause to convergence, XOR (a line cannot, a network can),
// model defaults, Reset, the history scrubber, softmax, keyboard shortcuts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertHealthy,
  button,
  choose,
  pause,
  play,
  readout,
  readParams,
  readPoints,
  sharedBrowser,
  shot,
  text,
  waitFrames,
  waitStep,
  withPage,
} from './helpers.mjs';

const shared = sharedBrowser();

/** Waits until `#accuracy` reads at least `pct` percent; returns the reading. */
async function waitAccuracy(page, pct, timeout) {
  try {
    await page.waitForFunction(
      (pct) => Number.parseFloat(document.getElementById('accuracy').textContent) >= pct,
      pct,
      { timeout, polling: 100 },
    );
  } catch (err) {
    throw new Error(
      `accuracy did not reach ${pct}% within ${timeout} ms: accuracy ${await text(page, '#accuracy')}, ` +
        `step ${await text(page, '#step-count')}, loss ${await text(page, '#loss')}, status "${await text(page, '#status')}"`,
    );
  }
  return text(page, '#accuracy');
}

/** Waits until `#step-count` is at least `n`. */
async function waitStepAtLeast(page, n, timeout = 30_000) {
  await page.waitForFunction(
    (n) => Number(document.getElementById('step-count').textContent) >= n,
    n,
    { timeout, polling: 50 },
  );
}

/** After Pause the step counter stays put. */
async function assertStopped(page) {
  const a = await text(page, '#step-count');
  // Play would step (and show the count) in each frame.
  await waitFrames(page, 10);
  assert.equal(await text(page, '#step-count'), a, 'no steps are taken after Pause');
  assert.equal(await text(page, '#play'), 'Play', 'the Play button reads Play again');
}

for (const model of ['perceptron', 'logistic']) {
  test(`Play trains ${model} on the separable preset to 100.0% accuracy, then Pause stops it`, async () => {
    await withPage(shared.browser, `training-separable-${model}`, {}, async ({ page, errors }) => {
      await choose(page, '#preset', 'separable');
      await choose(page, '#model', model);
      await waitStep(page, 0);
      await choose(page, '#speed', '20');
      await play(page);
      assert.equal(await waitAccuracy(page, 100, 30_000), '100.0%');
      await pause(page);
      await assertStopped(page);
      assert.ok((await readout(page, '#step-count')) > 0, 'steps were taken');
      assert.ok(Number.isFinite(await readout(page, '#loss')), 'Loss shows a number');
      await assertHealthy(page, errors, assert);
    });
  });
}

test('XOR: the perceptron stays below 90% after 300 steps; a neural network reaches ≥ 97%', async () => {
  await withPage(shared.browser, 'training-xor', {}, async ({ page, errors }) => {
    await choose(page, '#preset', 'xor');
    await choose(page, '#model', 'perceptron');
    await waitStep(page, 0);
    await choose(page, '#speed', '10');
    await play(page);
    await waitStepAtLeast(page, 300);
    await pause(page);
    const acc = await readout(page, '#accuracy');
    assert.ok(acc < 90, `the perceptron cannot separate XOR: accuracy ${acc}% after ${await text(page, '#step-count')} steps`);

    await choose(page, '#model', 'network');
    await waitStep(page, 0);
    assert.equal(await page.locator('#lr').inputValue(), '0.03', 'network default learning rate');
    assert.equal(await page.locator('#batch').inputValue(), '10', 'network default batch size');
    await choose(page, '#speed', '100');
    const started = Date.now();
    await play(page);
    assert.equal(await text(page, '#play'), 'Pause', 'Play reads Pause while running');
    const reached = await waitAccuracy(page, 97, 60_000);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const steps = await text(page, '#step-count');
    await pause(page);
    await assertStopped(page);
    console.log(`# XOR network: ${reached} after ${steps} steps in ${seconds} s`);
    await shot(page, 'after-training');
    await assertHealthy(page, errors, assert);
  });
});

test('changing the model rebuilds it at step 0 with its default learning rate and batch size', async () => {
  await withPage(shared.browser, 'training-defaults', {}, async ({ page, errors }) => {
    // The page starts with the perceptron; begin with another model so every choice is a change.
    const defaults = {
      logistic: ['0.1', '10'],
      softmax: ['0.1', '10'],
      network: ['0.03', '10'],
      perceptron: ['1', '1'],
    };
    const optionTexts = await page.locator('#model option').allTextContents();
    assert.deepEqual(
      optionTexts.map((t) => t.trim()),
      ['Perceptron', 'Logistic regression', 'Softmax regression', 'Neural network'],
      'classification models',
    );
    for (const [model, [lr, batch]] of Object.entries(defaults)) {
      // Take a few steps, then switch: step 0 again with the model's defaults.
      await button(page, 'Step').click();
      await waitStep(page, 1);
      await choose(page, '#model', model);
      await waitStep(page, 0);
      assert.equal(await page.locator('#lr').inputValue(), lr, `${model}: learning rate`);
      assert.equal(await page.locator('#batch').inputValue(), batch, `${model}: batch size`);
      const params = await readParams(page);
      const body = await page.locator('#params-body').innerText();
      if (model === 'network') {
        assert.ok(
          (await page.locator('#params-body table').count()) >= 1,
          `network: one table per layer in Parameters: ${body}`,
        );
      } else if (model === 'softmax') {
        assert.ok((await page.locator('#params-body .param-group').count()) >= 2, 'softmax: a group per class');
      } else {
        assert.deepEqual(
          params.map((p) => p.name),
          ['w1', 'w2', 'b'],
          `${model}: parameters w1, w2, b: ${body}`,
        );
        for (const p of params) assert.match(p.text, /^(w1|w2|b) = -?\d+\.\d{3}$/, 'a parameter reads like `w1 = 0.500`');
      }
    }
    await assertHealthy(page, errors, assert);
  });
});

test('Reset re-initialises the parameters and keeps the data; the History scrubber revisits earlier steps', async () => {
  await withPage(shared.browser, 'training-reset', {}, async ({ page, errors }) => {
    await choose(page, '#preset', 'overlapping');
    await choose(page, '#model', 'logistic');
    await waitStep(page, 0);
    const initial = await page.locator('#params-body').innerText();
    const points = await readPoints(page);
    for (let n = 1; n <= 10; n++) {
      await button(page, 'Step').click();
      await waitStep(page, n);
    }
    const at10 = await page.locator('#params-body').innerText();
    assert.notEqual(at10, initial, 'ten steps changed the parameters');
    assert.ok((await readout(page, '#epoch')) >= 1, `Epoch counts (100 points, batch 10, 10 steps): ${await text(page, '#epoch')}`);

    // Scrub back to step 0, then to step 10 again.
    const scrub = page.locator('#scrub');
    assert.equal(await scrub.getAttribute('max'), '10', 'the scrubber spans the 10 steps');
    await scrub.fill('0');
    await waitStep(page, 0);
    assert.equal(await page.locator('#params-body').innerText(), initial, 'scrubbing to 0 shows the initial parameters');
    await scrub.fill('10');
    await waitStep(page, 10);
    assert.equal(await page.locator('#params-body').innerText(), at10, 'scrubbing to 10 shows the parameters after 10 steps');

    await button(page, 'Reset').click();
    await waitStep(page, 0);
    assert.equal(await text(page, '#epoch'), '0', 'Epoch back to 0');
    assert.equal(
      await page.locator('#params-body').innerText(),
      initial,
      'Reset with the same init seed gives the same initial parameters',
    );
    assert.deepEqual(await readPoints(page), points, 'Reset keeps the data');
    await assertHealthy(page, errors, assert);
  });
});

test('Softmax regression on three blobs: a group of w1, w2, b per class, and ≥ 95% accuracy', async () => {
  await withPage(shared.browser, 'training-softmax', {}, async ({ page, errors }) => {
    await choose(page, '#preset', 'three-blobs');
    await choose(page, '#model', 'softmax');
    await waitStep(page, 0);
    const groups = page.locator('#params-body .param-group');
    assert.equal(await groups.count(), 3, 'three classes: three parameter groups');
    for (let g = 0; g < 3; g++) {
      const names = (await groups.nth(g).locator('.param').allTextContents()).map((t) => t.trim().split(/\s*=/)[0]);
      assert.deepEqual(names, ['w1', 'w2', 'b'], `group ${g + 1} holds w1, w2, b`);
    }
    await choose(page, '#speed', '20');
    await play(page);
    await waitAccuracy(page, 95, 30_000);
    await pause(page);
    await assertHealthy(page, errors, assert);
  });
});

test('keyboard: → / N step, ← / B step back, Space plays and pauses, R resets; keys typed in a number input are not shortcuts', async () => {
  await withPage(shared.browser, 'training-keyboard', {}, async ({ page, errors }) => {
    await choose(page, '#model', 'logistic');
    await waitStep(page, 0);
    const initial = await page.locator('#params-body').innerText();
    // Focus the page body (not a control).
    await page.locator('h1').click();
    await page.keyboard.press('ArrowRight');
    await waitStep(page, 1);
    await page.keyboard.press('n');
    await waitStep(page, 2);
    await page.keyboard.press('ArrowLeft');
    await waitStep(page, 1);
    await page.keyboard.press('b');
    await waitStep(page, 0);
    assert.equal(await page.locator('#params-body').innerText(), initial, 'stepping back by keyboard restores the parameters');

    await choose(page, '#speed', '1');
    await page.locator('h1').click();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.getElementById('play').textContent.trim() === 'Pause', null, {
      timeout: 5_000,
    });
    await waitStepAtLeast(page, 3);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.getElementById('play').textContent.trim() === 'Play', null, {
      timeout: 5_000,
    });
    await page.keyboard.press('r');
    await waitStep(page, 0);

    // In a number input, R / N / Space are text, not shortcuts.
    const seed = page.locator('#seed');
    await seed.click();
    await page.keyboard.press('n');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Space');
    // A shortcut would have stepped or started Play, shown within a frame or two.
    await waitFrames(page, 5);
    assert.equal(await text(page, '#step-count'), '0', 'no step while typing in a number input');
    assert.equal(await text(page, '#play'), 'Play', 'not playing while typing in a number input');
    await page.keyboard.press('Escape');
    await assertHealthy(page, errors, assert);
  });
});
