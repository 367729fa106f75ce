// The paradigms lab, timed in the real page: the three paradigms trained
// at their default length in the lab's workers (one per core), each run's
// time in its worker (training and measuring, as the lab saved it) and
// the frame intervals of the page while they train. Imported by
// driver.mjs; also runnable on its own:
//
//   BASE_URL=http://127.0.0.1:8080/ PLAYWRIGHT_FROM=tests/e2e OUT=paradigms.json \
//     node www/bench/paradigms.mjs
//
// QUICK=1 trains the Short runs (an eighth) instead.

import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

import { frameFigures, frameProbe, launchAlone, ready } from './page_frames.mjs';

/** The three runs' figures against the site at `baseUrl`. */
export async function paradigmsBench(browser, { baseUrl, quick = false, log = () => {} }) {
  const errors = [];
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
  try {
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.location()?.url ?? '') && errors.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.addInitScript(frameProbe);
    await page.goto(`${baseUrl}?lang=en`);
    await ready(page);
    await page.locator('label:has(input[value=language])').click();
    await page.waitForFunction(() => document.querySelectorAll('#pd-runs li').length === 3, null, { timeout: 120_000 });
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    if (quick) await page.locator('#pd-length').selectOption('short');
    await page.evaluate(() => {
      window.__pf.frames.length = 0;
      window.__pf.on = true;
    });
    const t0 = Date.now();
    await page.locator('#run-paradigms').click();
    await page.waitForFunction(() => document.querySelectorAll('#pd-runs progress').length > 0);
    await page.waitForFunction(() => !document.querySelector('#pd-runs progress'), null, { timeout: 20 * 60_000, polling: 250 });
    const seconds = (Date.now() - t0) / 1000;
    const frames = await page.evaluate(() => {
      window.__pf.on = false;
      return window.__pf.frames;
    });
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('neuronlab-paradigms') || '{}'));
    const runs = (saved.finished || []).map((f) => ({ paradigm: f.plan.paradigm, length: f.plan.length, seconds: f.ms / 1000 }));
    for (const r of runs) log(`paradigms lab: ${r.paradigm} ${r.seconds.toFixed(1)} s`);
    if (errors.length) throw new Error(`paradigms lab bench:\n${errors.join('\n')}`);
    return { cores: Math.min(3, Math.max(1, cores)), seconds, runs, frames: frameFigures(frames) };
  } finally {
    await context.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const browser = await launchAlone();
  try {
    const out = await paradigmsBench(browser, {
      baseUrl: (process.env.BASE_URL || 'http://127.0.0.1:8080/').replace(/\/?$/, '/'),
      quick: process.env.QUICK === '1',
      log: (t) => process.stderr.write(`[paradigms] ${t}\n`),
    });
    await writeFile(process.env.OUT || 'paradigms.json', JSON.stringify(out, null, 1));
  } finally {
    await browser.close();
  }
}
