// The chart tabs: each view draws into its canvas, follows the model, and
// the loss curve comes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertHealthy, button, choose, sharedBrowser, waitStep, withPage } from './helpers.mjs';

const shared = sharedBrowser();

/** Share of the canvas's pixels that are not white. */
async function inked(page, selector) {
  return page.evaluate((sel) => {
    const c = document.querySelector(sel);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) n++;
    return n / (c.width * c.height);
  }, selector);
}

/** Clicks the tab `name` and waits until it is selected: the app marks it in the frame that draws its view. */
async function openTab(page, name) {
  await page.getByRole('tab', { name }).click();
  await page.waitForFunction((n) => [...document.querySelectorAll('[role=tab]')].some((t) => t.textContent.trim() === n && t.getAttribute('aria-selected') === 'true'), name);
}

test('Landscape, Hidden layer and Activation tabs draw; Loss curve returns', async () => {
  await withPage(shared.browser, 'views', {}, async ({ page, errors }) => {
    await choose(page, '#preset', 'xor');
    await choose(page, '#model', 'network');
    await waitStep(page, 0);
    for (let i = 0; i < 20; i++) await button(page, 'Step').click();
    await waitStep(page, 20);

    await openTab(page, 'Landscape');
    assert.ok(await page.isHidden('#loss-chart'));
    assert.ok((await inked(page, '#view-canvas')) > 0.2, 'the landscape is shaded');
    const names = await page.locator('#pick-a option').allTextContents();
    assert.ok(names.includes('L1.w[1,1]'), `parameters offered: ${names.slice(0, 4)}`);

    await openTab(page, 'Hidden layer');
    assert.ok((await inked(page, '#view-canvas')) > 0.01, 'the hidden space is drawn');
    assert.equal(await page.locator('#pick-a option').count(), 8, 'one choice per unit of the last hidden layer');

    await openTab(page, 'Activation');
    assert.ok((await inked(page, '#view-canvas')) > 0.01, 'the activation curves are drawn');

    // A model without a hidden layer: the hidden view says so.
    await choose(page, '#model', 'logistic');
    await openTab(page, 'Hidden layer');
    await page.waitForFunction(() => /no hidden layer/.test(document.getElementById('view-note').textContent));

    await openTab(page, 'Loss curve');
    assert.ok(await page.isVisible('#loss-chart'));
    await assertHealthy(page, errors, assert);
  });
});
