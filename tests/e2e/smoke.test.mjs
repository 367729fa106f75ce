// Smoke test: the page loads, the app starts, and nothing is logged as an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, ready, shot, waitFrames } from './helpers.mjs';

test('page loads without errors and shows the data plot', async () => {
  const { page, errors, close } = await launch('?lang=en');
  try {
    const plot = page.locator('canvas[aria-label="Data plot"]').first();
    await plot.waitFor({ state: 'visible' }).catch(async (err) => {
      await shot(page, 'smoke-failure');
      throw new Error(`${err.message}\nerrors so far: ${JSON.stringify(errors, null, 2)}`);
    });
    const box = await plot.boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0, 'Data plot canvas has a size');
    // Start-up is over when the app has drawn (ready) and a few more frames
    // went by: an error of its first frames would be in `errors` by then.
    await ready(page, errors);
    await waitFrames(page, 5);
    await shot(page, 'smoke');
    assert.deepEqual(errors, [], 'no console errors, page errors or failed requests');
  } finally {
    await close();
  }
});
