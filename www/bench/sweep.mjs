// The scaling lab, timed in the real page: how long its first opening
// takes (its own wasm, scripts and text, fetched when the Language model
// mode is first chosen) on localhost and over the throttled link; a fixed
// small sweep with one worker and with one per core (the throughput
// ratio); and the default sweep's time with the frame intervals while it
// runs. Imported by driver.mjs; also runnable on its own:
//
//   BASE_URL=http://127.0.0.1:8080/ PLAYWRIGHT_FROM=tests/e2e OUT=sweep.json \
//     node www/bench/sweep.mjs
//
// QUICK=1 leaves the default sweep out (the frames then come from the
// small sweep on every core).

import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

import { LINK, throttle } from './navigation.mjs';
import { frameFigures, frameProbe, launchAlone, ready } from './page_frames.mjs';

/** The fixed sweep of the throughput figure: the fourth and fifth sizes, two budgets. */
export const SMALL = { sizes: [3, 4], budgets: [0, 1] };

/** The shortest time `costs` can take on `n` workers, as a share of one worker's: largest first, to the least loaded. */
function bestSplit(costs, n) {
  const load = new Array(n).fill(0);
  for (const c of [...costs].sort((a, b) => b - a)) load[load.indexOf(Math.min(...load))] += c;
  return Math.max(...load) / costs.reduce((a, b) => a + b, 0);
}

/** A fresh page on the app in English, with `workers` reported cores. */
async function open(browser, baseUrl, errors, workers) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.location()?.url ?? '') && errors.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.addInitScript(frameProbe);
  const cdp = await context.newCDPSession(page);
  if (workers) await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: workers });
  await page.goto(`${baseUrl}?lang=en`);
  await ready(page);
  return { context, page, cdp };
}

/** Chooses the Language model mode and waits for the lab and its text; ms it took. */
async function openLab(page) {
  const t0 = Date.now();
  await page.locator('label:has(input[value=language])').click();
  await page.waitForFunction(
    () => document.querySelectorAll('#sweep-sizes input').length === 6 && /Debian/.test(document.getElementById('sweep-source').textContent),
    null,
    { timeout: 120_000, polling: 20 },
  );
  return Date.now() - t0;
}

/** Leaves only sizes `sizes` and budgets `budgets` (indices) checked. */
async function choose(page, { sizes, budgets }) {
  for (const [id, keep] of [['#sweep-sizes', sizes], ['#sweep-budgets', budgets]]) {
    const boxes = page.locator(`${id} input[type=checkbox]`);
    for (let i = 0; i < (await boxes.count()); i++) {
      if ((await boxes.nth(i).isChecked()) !== keep.includes(i)) await boxes.nth(i).click();
    }
  }
}

/** Runs the sweep chosen, recording frames; its time, runs and frame figures. */
async function run(page) {
  await page.evaluate(() => {
    window.__pf.frames.length = 0;
    window.__pf.on = true;
  });
  const t0 = Date.now();
  await page.locator('#run-sweep').click();
  const runs = await page.evaluate(() => document.querySelectorAll('#sweep-runs li').length);
  await page.waitForFunction((n) => document.querySelectorAll('#sweep-table tbody tr').length >= n, runs, {
    timeout: 15 * 60_000,
    polling: 100,
  });
  const seconds = (Date.now() - t0) / 1000;
  const frames = await page.evaluate(() => {
    window.__pf.on = false;
    return window.__pf.frames;
  });
  // Parameters and tokens of each run, from the results table.
  const rows = await page.$$eval('#sweep-table tbody tr', (trs) =>
    trs.map((tr) => [...tr.children].slice(0, 2).map((td) => Number(td.textContent.replace(/[^\d]/g, '')))),
  );
  const tokens = rows.reduce((n, r) => n + r[1], 0);
  return { seconds, runs, tokens, costs: rows.map(([n, d]) => n * d), frames: frameFigures(frames) };
}

/** The lab's figures against the site at `baseUrl`. */
export async function sweepBench(browser, { baseUrl, quick = false, log = () => {} }) {
  const errors = [];
  const firstOpen = [];
  for (const throttled of [false, true]) {
    const { context, page, cdp } = await open(browser, baseUrl, errors);
    if (throttled) await throttle(cdp);
    const ms = await openLab(page);
    const bytes = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((r) => /pkg-lab|scaling|sweep|corpora/.test(r.name))
        .reduce((n, r) => n + r.transferSize, 0),
    );
    firstOpen.push({ throttled, ms, transferred: bytes });
    log(`scaling lab: first open ${throttled ? 'over the link' : 'on localhost'} ${ms} ms`);
    await context.close();
  }
  const cores = await (async () => {
    const { context, page } = await open(browser, baseUrl, errors);
    const n = await page.evaluate(() => navigator.hardwareConcurrency);
    await context.close();
    return Math.min(8, Math.max(1, n));
  })();
  const small = [];
  for (const workers of [1, cores]) {
    const { context, page } = await open(browser, baseUrl, errors, workers);
    await openLab(page);
    await choose(page, SMALL);
    const r = await run(page);
    small.push({ workers, ...r });
    log(`scaling lab: small sweep on ${workers} worker(s) ${r.seconds.toFixed(1)} s`);
    await context.close();
  }
  let full = null;
  if (!quick) {
    const { context, page } = await open(browser, baseUrl, errors, cores);
    await openLab(page);
    full = { workers: cores, ...(await run(page)) };
    log(`scaling lab: default sweep ${full.seconds.toFixed(1)} s on ${cores} worker(s)`);
    await context.close();
  }
  if (errors.length) throw new Error(`scaling lab bench:\n${errors.join('\n')}`);
  // The best a perfect split of these runs allows on every core.
  const ideal = 1 / bestSplit(small[0].costs, cores);
  return { link: LINK, cores, firstOpen, small, ideal, full };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const browser = await launchAlone();
  try {
    const out = await sweepBench(browser, {
      baseUrl: (process.env.BASE_URL || 'http://127.0.0.1:8080/').replace(/\/?$/, '/'),
      quick: process.env.QUICK === '1',
      log: (t) => process.stderr.write(`[sweep] ${t}\n`),
    });
    await writeFile(process.env.OUT || 'sweep.json', JSON.stringify(out, null, 1));
  } finally {
    await browser.close();
  }
}
