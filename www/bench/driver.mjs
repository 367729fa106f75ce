// Node script run by `cargo xtask bench` (not by the page): drives headless
// Chromium through playwright-core, runs bench.html to the end, measures the
// time from navigation to a usable app on index.html, on localhost and over
// a throttled link (navigation.mjs), times the real page frame by frame
// (page_frames.mjs), times the scaling lab (sweep.mjs) and the paradigms
// lab (paradigms.mjs), and writes everything as JSON to $OUT.
//
// Environment (set by the xtask):
//   BASE_URL        the served dist/ site, e.g. http://127.0.0.1:41234/
//   CHROMIUM        the browser binary (default /usr/bin/chromium)
//   PLAYWRIGHT_FROM a folder whose node_modules has playwright-core (tests/e2e)
//   OUT             where to write the JSON result
//   BENCH_QUERY     query string for bench.html (e.g. ?runs=30)
//   DPR             device-pixel ratio of the pages (default 2)
//   NAV_RUNS        page loads timed on index.html, per condition (default 10)
//   QUICK           1: shorter real-page scenarios (page_frames.mjs)
//   SCREENSHOT      optional PNG path for a screenshot of the finished bench page
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

import { navigation } from './navigation.mjs';
import { BENCH_ARGS, pageFrames } from './page_frames.mjs';
import { paradigmsBench } from './paradigms.mjs';
import { sweepBench } from './sweep.mjs';

const require = createRequire(path.join(process.env.PLAYWRIGHT_FROM || process.cwd(), 'package.json'));
const { chromium } = require('playwright-core');

const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080/').replace(/\/?$/, '/');
const DPR = Number(process.env.DPR || 2);
const NAV_RUNS = Number(process.env.NAV_RUNS || 10);
const BENCH_TIMEOUT_MS = 30 * 60 * 1000;

function log(text) {
  process.stderr.write(`[bench driver] ${text}\n`);
}

/** Collects console errors, page errors and failed requests of `page`. */
function watch(page, errors) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/favicon\.ico/.test(msg.location()?.url ?? '')) {
      errors.push(`console: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
}

async function runBenchPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  watch(page, errors);
  let lastStatus = '';
  let lastLog = 0;
  const url = `${BASE_URL}bench.html${process.env.BENCH_QUERY || ''}`;
  log(`opening ${url}`);
  await page.goto(url, { waitUntil: 'load' });
  const started = Date.now();
  for (;;) {
    const state = await page.evaluate(() => ({
      done: window.benchResult !== undefined,
      error: window.benchError,
      status: document.getElementById('status')?.textContent ?? '',
    }));
    if (state.error) throw new Error(`bench.html failed: ${state.error}\n${errors.join('\n')}`);
    if (state.done) break;
    // Log each new stage, and progress within one at most every 10 s.
    const stage = (s) => s.split(/[:…]/)[0];
    if (stage(state.status) !== stage(lastStatus) || Date.now() - lastLog > 10_000) {
      if (state.status !== lastStatus) log(state.status);
      lastLog = Date.now();
    }
    lastStatus = state.status;
    if (Date.now() - started > BENCH_TIMEOUT_MS) throw new Error(`bench.html did not finish: ${state.status}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const result = await page.evaluate(() => window.benchResult);
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
  await context.close();
  return { result, errors };
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: BENCH_ARGS,
  });
  try {
    const version = browser.version();
    log(`Chromium ${version}`);
    const bench = await runBenchPage(browser);
    log(`bench.html done; timing loads of index.html, ${NAV_RUNS} of each kind`);
    const nav = await navigation(browser, { baseUrl: BASE_URL, runs: NAV_RUNS, dpr: DPR, log });
    log('the real page, frame by frame');
    const page = await pageFrames(browser, { baseUrl: BASE_URL, quick: process.env.QUICK === '1', dpr: DPR, log });
    log('the scaling lab: first open, workers, a sweep');
    const sweep = await sweepBench(browser, { baseUrl: BASE_URL, quick: process.env.QUICK === '1', log });
    log('the paradigms lab: three runs in the workers');
    const paradigms = await paradigmsBench(browser, { baseUrl: BASE_URL, quick: process.env.QUICK === '1', log });
    const out = {
      chromium: version,
      dpr: DPR,
      bench: bench.result,
      benchErrors: bench.errors,
      navigation: nav,
      navigationErrors: nav.errors,
      pageFrames: page,
      sweep,
      paradigms,
    };
    await writeFile(process.env.OUT || 'bench-result.json', JSON.stringify(out, null, 1));
    log(`wrote ${process.env.OUT || 'bench-result.json'}`);
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
