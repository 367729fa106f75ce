// Screenshots of the Data plot with a trained 2-8-8-1 network's field, at
// dpr 2, to compare how builds paint the field (not run by the bench):
//
//   BASE_URL=http://127.0.0.1:8772/ PLAYWRIGHT_FROM=tests/e2e \
//     OUT=tests/e2e/artifacts/field-before.png PAGE_LANG=en node www/bench/field_shots.mjs
//
// The same seeds and settings each time: Circles, 200 points, the network's
// default training settings, played until step 3,000 and set back to exactly
// step 3,000 with the History slider. OUT_PAGE (optional): a screenshot of
// the whole page too.

import { launchAlone } from './page_frames.mjs';

const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080/').replace(/\/?$/, '/');
const STEPS = 3000;

const browser = await launchAlone();
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(`${BASE_URL}?lang=${process.env.PAGE_LANG === 'zh' ? 'zh' : 'en'}`);
  await page.waitForFunction(() => document.getElementById('plot')?.dataset.area);
  const set = async (sel, v) => {
    await page.locator(sel).fill(String(v));
    await page.locator(sel).press('Tab');
  };
  await page.locator('#model').selectOption('network');
  await set('#count', 200);
  await page.locator('#preset').selectOption('circles');
  await page.locator('#regenerate').click();
  await page.locator('#play').click();
  await page.waitForFunction((n) => Number(document.getElementById('step-count').textContent) >= n, STEPS, { timeout: 120_000 });
  await page.locator('#play').click();
  await page.locator('#scrub').fill(String(STEPS));
  await page.waitForFunction((n) => Number(document.getElementById('step-count').textContent) === n, STEPS);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.locator('#plot-wrap').screenshot({ path: process.env.OUT || 'field.png' });
  if (process.env.OUT_PAGE) await page.screenshot({ path: process.env.OUT_PAGE, fullPage: true });
  process.stderr.write(`step ${await page.textContent('#step-count')}, loss ${await page.textContent('#loss')}\n`);
} finally {
  await browser.close();
}
