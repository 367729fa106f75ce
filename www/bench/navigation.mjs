// Navigation to a usable page: how long index.html takes from navigation
// start until the app's first draw, on localhost and over a throttled link
// (DevTools' Network.emulateNetworkConditions: 4 Mbit/s down, 100 ms round
// trips; the site served gzipped, as a static host serves it), once with
// the CPU as it is and once throttled ×4 (a slow laptop). Imported by
// driver.mjs; also runnable on its own against any served build (`cargo
// xtask serve` serves gzipped like the bench):
//
//   BASE_URL=http://127.0.0.1:8080/ PLAYWRIGHT_FROM=tests/e2e OUT=nav.json \
//     node www/bench/navigation.mjs
//
// Each load is a fresh browser context (no cache, no state; the server
// sends no-store anyway). "Usable" is when #plot first carries data-area,
// which the app sets after its first draw.

import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

import { launchAlone } from './page_frames.mjs';

/** The throttled link: 4 Mbit/s down (and up), 100 ms round trips. */
export const LINK = { mbps: 4, rttMs: 100 };

/** Slows the page of DevTools session `cdp` to LINK. */
export async function throttle(cdp) {
  const bytesPerSecond = (LINK.mbps * 1e6) / 8;
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LINK.rttMs,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
}

/** The ways a page load is timed: id, label, link throttled?, CPU slow-down. */
export const CONDITIONS = [
  { id: 'localhost', label: 'localhost', throttled: false, cpu: 1 },
  { id: 'link', label: `${LINK.mbps} Mbit/s, ${LINK.rttMs} ms round trips`, throttled: true, cpu: 1 },
  { id: 'link_x4', label: `${LINK.mbps} Mbit/s, ${LINK.rttMs} ms round trips, CPU ×4 slower`, throttled: true, cpu: 4 },
];

/** Runs in the page before its scripts: records when #plot first gets data-area. */
function usableProbe() {
  const mark = () => {
    const plot = document.getElementById('plot');
    if (plot && plot.dataset.area && window.__benchUsable === undefined) {
      window.__benchUsable = performance.now();
    }
    return window.__benchUsable !== undefined;
  };
  const observer = new MutationObserver(() => {
    if (mark()) observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-area'] });
}

/** One load of `baseUrl` under condition `c`: its timings (ms from navigation start) and bytes. */
async function load(browser, baseUrl, c, dpr, errors) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr, locale: 'en-US' });
  try {
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.location()?.url ?? '') && errors.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
    await page.addInitScript(usableProbe);
    const pending = new Set();
    page.on('request', (r) => pending.add(r.url()));
    page.on('requestfinished', (r) => pending.delete(r.url()));
    page.on('requestfailed', (r) => pending.delete(r.url()));
    const cdp = await context.newCDPSession(page);
    if (c.throttled) await throttle(cdp);
    if (c.cpu !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: c.cpu });
    await page.goto(`${baseUrl}?lang=en`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__benchUsable !== undefined, null, { timeout: 60_000, polling: 50 }).catch((err) => {
      throw new Error(`${err.message.split('\n')[0]}; waiting for: ${[...pending].join(', ') || 'no request'}`);
    });
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const resources = performance.getEntriesByType('resource');
      const wasm = resources.find((r) => r.name.endsWith('.wasm'));
      const sum = (k) => [nav, ...resources].reduce((n, r) => n + (r?.[k] ?? 0), 0);
      return {
        usable: window.__benchUsable,
        responseEnd: nav?.responseEnd ?? null,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
        load: nav?.loadEventEnd || null,
        wasmFetched: wasm?.responseEnd ?? null,
        wasmEncoding: wasm ? (wasm.encodedBodySize < wasm.decodedBodySize ? 'compressed' : 'identity') : null,
        transferred: sum('transferSize'),
        decoded: sum('decodedBodySize'),
      };
    });
  } finally {
    await context.close();
  }
}

/**
 * `runs` loads of the site at `baseUrl` under each of CONDITIONS:
 * { link, conditions: [{ id, label, throttled, cpu, runs: [...] }], errors }.
 */
export async function navigation(browser, { baseUrl, runs = 10, dpr = 2, log = () => {} }) {
  const errors = [];
  const conditions = [];
  for (const c of CONDITIONS) {
    const t0 = Date.now();
    const timings = [];
    for (let i = 0; i < runs; i++) timings.push(await load(browser, baseUrl, c, dpr, errors));
    conditions.push({ ...c, runs: timings });
    log(`navigation, ${c.label}: ${runs} loads in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { link: LINK, dpr, conditions, errors };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const browser = await launchAlone();
  try {
    const out = await navigation(browser, {
      baseUrl: (process.env.BASE_URL || 'http://127.0.0.1:8080/').replace(/\/?$/, '/'),
      runs: Number(process.env.NAV_RUNS || 10),
      log: (t) => process.stderr.write(`[navigation] ${t}\n`),
    });
    out.chromium = browser.version();
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length / 2) - 1];
    for (const c of out.conditions) {
      process.stderr.write(`${c.label}: usable median ${median(c.runs.map((r) => r.usable)).toFixed(0)} ms, ${c.runs[0].transferred} B transferred\n`);
    }
    await writeFile(process.env.OUT || 'navigation.json', JSON.stringify(out, null, 1));
  } finally {
    await browser.close();
  }
}
