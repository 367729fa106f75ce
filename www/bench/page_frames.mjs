// Frame figures of the app's real page (index.html, browser drawing
// included), imported by driver.mjs; also runnable on its own against any
// served build (the "before" figures of benches/page_before.json):
//
//   BASE_URL=http://127.0.0.1:8772/ PLAYWRIGHT_FROM=tests/e2e OUT=before.json \
//     node www/bench/page_frames.mjs
//
// Each scenario gets a fresh browser context (1400×1000, dpr 2), is set up
// through the page's own controls as a user would, and then records every
// requestAnimationFrame callback for a few seconds: an init script wraps
// window.requestAnimationFrame (the wasm glue calls it for the app's
// animation loop), so a frame's interval comes from the callbacks'
// timestamps and our work from their durations. Pointer moves are timed
// from their input timestamps to the end of the frame that drew them.

import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { CHROMIUM_ARGS } from '../../tests/e2e/chromium.mjs';

/** Chromium's flags for the benchmarks: the tests' flags, frames and timers at full rate headless. */
export const BENCH_ARGS = [
  ...CHROMIUM_ARGS,
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** A frame is late when its interval exceeds this (ms): 60 fps with 1.5 ms of jitter. */
export const LATE_MS = 18.2;

/** Runs in the page before its scripts: records frames and pointer moves in `window.__pf`. */
export function frameProbe() {
  const raf = window.requestAnimationFrame.bind(window);
  // frames: [timestamp, callback start, callback end, work (ms)], one per frame.
  const rec = { on: false, frames: [], moves: [] };
  window.__pf = rec;
  window.requestAnimationFrame = (cb) =>
    raf((t) => {
      const start = performance.now();
      try {
        cb(t);
      } finally {
        const end = performance.now();
        if (rec.on) {
          const f = rec.frames[rec.frames.length - 1];
          if (f && f[0] === t) {
            f[2] = end;
            f[3] += end - start;
          } else rec.frames.push([t, start, end, end - start]);
        }
      }
    });
  // The capture listener runs before the app's handler on #plot, the bubble one after it.
  let began = 0;
  addEventListener('pointermove', () => (began = performance.now()), true);
  addEventListener('pointermove', (e) => {
    if (!rec.on) return;
    const stamps = (e.getCoalescedEvents?.() ?? []).map((c) => c.timeStamp);
    rec.moves.push({ stamps: stamps.length ? stamps : [e.timeStamp], start: began, end: performance.now() });
  });
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
/** Nearest-rank quantile `q` of `xs`. */
function quantile(xs, q) {
  const s = sorted(xs);
  return s.length ? s[Math.max(0, Math.ceil(q * s.length) - 1)] : null;
}
const stats = (xs) => ({ min: xs.length ? Math.min(...xs) : null, median: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: xs.length ? Math.max(...xs) : null });

/** Interval and work figures of recorded frames. */
export function frameFigures(frames) {
  const intervals = frames.slice(1).map((f, i) => f[0] - frames[i][0]);
  return {
    frames: frames.length,
    seconds: frames.length > 1 ? (frames[frames.length - 1][0] - frames[0][0]) / 1000 : 0,
    interval: stats(intervals),
    late: intervals.filter((x) => x > LATE_MS).length,
    work: stats(frames.map((f) => f[3])),
  };
}

/**
 * Drag figures. For every pointer input (each coalesced event counts), the
 * frame that drew it is the first whose callbacks began after the app's
 * handler for it ended; `latency` runs from the input's timestamp to the end
 * of that frame's callbacks, `wait` to their start. An input is drawn within
 * one frame when its wait is at most LATE_MS: it made the next frame.
 */
function dragFigures(frames, moves, sent, sendMs) {
  const latency = [];
  const wait = [];
  for (const m of moves) {
    const drawn = frames.find((f) => f[1] >= m.end);
    if (!drawn) continue;
    for (const s of m.stamps) {
      latency.push(drawn[2] - s);
      wait.push(drawn[1] - s);
    }
  }
  return {
    sent,
    sentHz: sent / (sendMs / 1000),
    inputs: latency.length,
    events: moves.length,
    latency: stats(latency),
    wait: stats(wait),
    lateInputs: wait.filter((w) => w > LATE_MS).length,
    handler: stats(moves.map((m) => m.end - m.start)),
  };
}

/** The renderer's main-thread totals (s) that Performance.getMetrics reports. */
const METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'];
async function metrics(cdp) {
  const { metrics: all } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(all.filter((m) => METRICS.includes(m.name)).map((m) => [m.name, m.value]));
}
/** Main-thread time per recorded frame (ms) between two metrics readings. */
function mainThread(a, b, frames) {
  const per = (k) => (1000 * (b[k] - a[k])) / Math.max(1, frames);
  return { task: per('TaskDuration'), script: per('ScriptDuration'), layout: per('LayoutDuration'), style: per('RecalcStyleDuration') };
}

async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function setInput(page, selector, value) {
  await page.locator(selector).fill(String(value));
  await page.locator(selector).press('Tab');
  await settle(page);
}

async function choose(page, selector, value) {
  await page.locator(selector).selectOption(value);
  await settle(page);
}

export async function ready(page) {
  await page.waitForFunction(
    () => document.getElementById('plot')?.dataset.area && document.querySelectorAll('#model option').length > 0,
    null,
    { timeout: 30_000 },
  );
}

/** Classification, a 2-8-8-1 network, circles with 2,000 points (seeded): as a user sets it up. */
async function network2000(page) {
  await choose(page, '#model', 'network');
  await setInput(page, '#layers', 2);
  await setInput(page, '#units', 8);
  await setInput(page, '#count', 2000);
  await choose(page, '#preset', 'circles');
  await page.locator('#regenerate').click();
  // The table lists the first rows and says how many more there are.
  await page.waitForFunction(
    () =>
      document.querySelectorAll('#points-table tbody tr').length +
        Number(/\d+/.exec(document.querySelector('#points-table caption')?.textContent ?? '0')) ===
      2000,
    null,
    { timeout: 10_000 },
  );
  await settle(page);
}

/** Presses Play and waits until the button says it is playing. */
async function play(page) {
  await page.locator('#play').click();
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'true', null, {
    timeout: 5_000,
  });
}

async function record(page, ms) {
  await page.evaluate(() => {
    window.__pf.frames.length = 0;
    window.__pf.moves.length = 0;
    window.__pf.on = true;
  });
  await page.waitForTimeout(ms);
  return page.evaluate(() => {
    window.__pf.on = false;
    return { frames: window.__pf.frames, moves: window.__pf.moves };
  });
}

/** Drags the first point of the Points table round a circle, one pointer move per 1/60 s, for `ms`. */
async function dragRound(page, cdp, ms) {
  const [a, b] = await page.evaluate(() =>
    [...document.querySelectorAll('#points-table tbody tr')[0].children].slice(1, 3).map((c) => Number(c.textContent)),
  );
  const box = await page.locator('#plot').boundingBox();
  const geo = await page.locator('#plot').evaluate((el) => [el.dataset.area, el.dataset.domain].map((s) => s.split(',').map(Number)));
  const [[left, top, width, height], [xmin, xmax, ymin, ymax]] = geo;
  const at = (x, y) => [box.x + left + ((x - xmin) / (xmax - xmin)) * width, box.y + top + ((ymax - y) / (ymax - ymin)) * height];
  const before = await page.textContent('#points-table tbody');
  await page.mouse.move(...at(a, b));
  await page.mouse.down();
  await settle(page);
  await page.evaluate(() => {
    window.__pf.frames.length = 0;
    window.__pf.moves.length = 0;
    window.__pf.on = true;
  });
  // Moves go straight to the DevTools protocol, one every 1/60 s, without
  // waiting for each to be handled (as a real pointer would: page.mouse.move
  // waits for the page, which would pace the pointer by the page).
  const n = Math.round((ms / 1000) * 60);
  const m0 = await metrics(cdp);
  const sent = [];
  let [x, y] = at(a, b);
  const t0 = Date.now();
  for (let i = 1; i <= n; i++) {
    const wait = t0 + (i * 1000) / 60 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const phase = (2 * Math.PI * i) / 90;
    [x, y] = at(a + Math.sin(phase) * 1.5, b + (1 - Math.cos(phase)) * 1.5);
    sent.push(cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y, button: 'left', buttons: 1 }));
  }
  const sendMs = Date.now() - t0;
  await Promise.all(sent);
  await settle(page);
  await settle(page);
  const rec = await page.evaluate(() => {
    window.__pf.on = false;
    return { frames: window.__pf.frames, moves: window.__pf.moves };
  });
  const m1 = await metrics(cdp);
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', buttons: 0, clickCount: 1 });
  await settle(page);
  if ((await page.textContent('#points-table tbody')) === before) throw new Error('the drag moved no point');
  const figures = frameFigures(rec.frames);
  return { ...figures, mainThread: mainThread(m0, m1, figures.frames), drag: dragFigures(rec.frames, rec.moves, n, sendMs) };
}

/** The scenarios: id, label, CPU throttling rate, setup, and what to measure. */
const SCENARIOS = [
  {
    id: 'play',
    label: 'real page: playing a 2-8-8-1 network on 2,000 points, dpr 2',
    rate: 1,
    setup: network2000,
    run: 'play',
  },
  {
    id: 'play_x4',
    label: 'real page: playing a 2-8-8-1 network on 2,000 points, dpr 2, CPU ×4 slower',
    rate: 4,
    setup: network2000,
    run: 'play',
  },
  {
    id: 'drag',
    label: 'real page: dragging a point among 2,000 (paused), dpr 2',
    rate: 1,
    setup: network2000,
    run: 'drag',
  },
  {
    id: 'drag_x4',
    label: 'real page: dragging a point among 2,000 (paused), dpr 2, CPU ×4 slower',
    rate: 4,
    setup: network2000,
    run: 'drag',
  },
  {
    id: 'play_network',
    label: 'real page: playing 2-8-8-1 on 2,000 points with the Network diagram showing, dpr 2',
    rate: 1,
    setup: async (page) => {
      await network2000(page);
      await page.locator('.tabs button[data-view=network]').click();
      await page.waitForFunction(() => document.getElementById('tab-network').getAttribute('aria-selected') === 'true');
      await settle(page);
    },
    run: 'play',
  },
  {
    id: 'play_lm',
    label: 'real page: the language lab playing (context 3, d 16, 64 hidden), dpr 2',
    rate: 1,
    setup: async (page) => {
      const radio = page.locator('input[name=mode][value=language]');
      await page.locator('label').filter({ has: radio }).click();
      await page.waitForFunction(() => document.body.dataset.mode === 'language', null, { timeout: 5_000 });
      await setInput(page, '#context', 3);
      await setInput(page, '#embed', 16);
      await setInput(page, '#hidden', 64);
    },
    run: 'play',
  },
  {
    id: 'play_transformer',
    label: 'real page: the language lab playing the default transformer (trained in a worker), dpr 2',
    rate: 1,
    setup: async (page) => {
      const radio = page.locator('input[name=mode][value=language]');
      await page.locator('label').filter({ has: radio }).click();
      await page.waitForFunction(() => document.body.dataset.mode === 'language', null, { timeout: 5_000 });
      await page.locator('#lm-model').selectOption('transformer');
      await page.waitForFunction(() => document.body.dataset.lm === 'transformer', null, { timeout: 5_000 });
    },
    run: 'play',
  },
];

/** Runs one scenario in its own context; throws on any error the page reports. */
async function runScenario(browser, baseUrl, s, ms, dpr) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: dpr, locale: 'en-US' });
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && !/favicon/.test(m.location()?.url ?? '') && errors.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()}`));
    await page.addInitScript(frameProbe);
    await page.goto(`${baseUrl}?lang=en`);
    await ready(page);
    await s.setup(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    if (s.rate !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: s.rate });
    let out;
    if (s.run === 'play') {
      await play(page);
      await page.waitForTimeout(500);
      const step0 = Number(await page.textContent('#step-count'));
      const m0 = await metrics(cdp);
      out = frameFigures((await record(page, ms)).frames);
      out.mainThread = mainThread(m0, await metrics(cdp), out.frames);
      out.steps = Number(await page.textContent('#step-count')) - step0;
      if ((await page.locator('#play').getAttribute('aria-pressed')) !== 'true') throw new Error('training stopped while recording');
    } else {
      out = await dragRound(page, cdp, ms);
    }
    if (errors.length) throw new Error(errors.join('\n'));
    return { id: s.id, label: s.label, cpuThrottle: s.rate, ...out };
  } catch (err) {
    throw new Error(`page scenario ${s.id}: ${err.message}${errors.length ? `\n${errors.join('\n')}` : ''}`);
  } finally {
    await context.close();
  }
}

/** All page scenarios against the site at `baseUrl`: { lateMs, seconds, dpr, scenarios }. */
export async function pageFrames(browser, { baseUrl, quick = false, dpr = 2, log = () => {} }) {
  const ms = quick ? 2000 : 4000;
  const scenarios = [];
  const only = process.env.ONLY?.split(',');
  for (const s of SCENARIOS.filter((s) => !only || only.includes(s.id))) {
    const t0 = Date.now();
    scenarios.push(await runScenario(browser, baseUrl, s, ms, dpr));
    log(`real page: ${s.id} (${ms / 1000} s recorded, ${((Date.now() - t0) / 1000).toFixed(1)} s in all)`);
  }
  return { lateMs: LATE_MS, seconds: ms / 1000, dpr, scenarios };
}

/**
 * Headless Chromium for a bench script run on its own: playwright-core from
 * $PLAYWRIGHT_FROM (default: this folder), the browser $CHROMIUM.
 */
export async function launchAlone() {
  const require = createRequire(path.resolve(process.env.PLAYWRIGHT_FROM || '.', 'package.json'));
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: BENCH_ARGS });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const browser = await launchAlone();
  try {
    const out = await pageFrames(browser, {
      baseUrl: (process.env.BASE_URL || 'http://127.0.0.1:8080/').replace(/\/?$/, '/'),
      quick: process.env.QUICK === '1',
      log: (t) => process.stderr.write(`[page frames] ${t}\n`),
    });
    out.chromium = browser.version();
    await writeFile(process.env.OUT || 'page-frames.json', JSON.stringify(out, null, 1));
  } finally {
    await browser.close();
  }
}
