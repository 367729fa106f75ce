// Shared helpers for the end-to-end tests (run by `cargo xtask test --e2e`).
//
// Environment (set by the xtask):
//   BASE_URL   the served dist/ site, e.g. http://127.0.0.1:41234/
//   CHROMIUM   the browser binary (default /usr/bin/chromium)
//   ARTIFACTS  where screenshots go (default ./artifacts)
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The site under test, always ending in '/'. */
export const BASE_URL = (() => {
  const url = process.env.BASE_URL || 'http://127.0.0.1:8080/';
  return url.endsWith('/') ? url : `${url}/`;
})();

/** Where screenshots are saved. */
export const ARTIFACTS = process.env.ARTIFACTS || path.join(here, 'artifacts');

/**
 * Starts headless Chromium and opens BASE_URL + `query` (e.g. '?lang=en').
 *
 * Returns { browser, context, page, errors, close }. `errors` collects console
 * errors, uncaught page errors and failed requests, in order, as strings, so a
 * test can `assert.deepEqual(errors, [])`. Always `await close()` (use
 * try/finally or t.after).
 *
 * Options: viewport ({width, height}), deviceScaleFactor, locale,
 * waitUntil (Playwright goto option, default 'load').
 */
export async function launch(query = '', options = {}) {
  const browser = await launchBrowser();
  try {
    const opened = await openPage(browser, query, { wait: false, ...options });
    return { browser, ...opened, close: () => browser.close() };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/** Saves a full-page PNG screenshot as ARTIFACTS/<name>.png and returns its path. */
export async function shot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// ---------------------------------------------------------------------------
// Helpers for the feature tests (points, perceptron, training, regression,
// i18n, robustness, layout). They drive the page only through its public
// contract (the labelled controls and regions docs/ARCHITECTURE.md lists
// under "The page's contract").
// ---------------------------------------------------------------------------

/** Starts headless Chromium only; open pages with openPage(). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens BASE_URL + `query` in a fresh context of `browser` and waits until the
 * app has started (see ready()). Returns { context, page, errors, close }, with
 * `errors` collected as in launch(). Options as launch(), plus `wait` (default
 * true: wait for ready()).
 */
export async function openPage(browser, query = '?lang=en', options = {}) {
  const {
    viewport = { width: 1280, height: 800 },
    deviceScaleFactor = 1,
    locale = 'en-US',
    waitUntil = 'load',
    wait = true,
  } = options;
  const context = await browser.newContext({ viewport, deviceScaleFactor, locale });
  const errors = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      if (/\/favicon\.ico$/.test(msg.location()?.url ?? '')) return;
      errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('requestfailed', (req) =>
      errors.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`),
    );
    const q = query && !query.startsWith('?') ? `?${query}` : query;
    // Requests not yet answered: named if the load stalls.
    const pending = new Set();
    page.on('request', (r) => pending.add(r.url()));
    page.on('requestfinished', (r) => pending.delete(r.url()));
    page.on('requestfailed', (r) => pending.delete(r.url()));
    await page.goto(`${BASE_URL}${q}`, { waitUntil }).catch((err) => {
      throw new Error(`${err.message.split('\n')[0]}; waiting for: ${[...pending].join(', ') || 'no request'}`);
    });
    if (wait) await ready(page, errors);
    return { context, page, errors, close: () => context.close() };
  } catch (err) {
    await context.close();
    throw err;
  }
}

/**
 * Waits until the app has started: #plot carries data-area and data-domain,
 * the Model select has options and the Points table has a header. Fails early
 * with the panic banner's text if the app reports a failure.
 */
export async function ready(page, errors = []) {
  // The first page of a whole run has taken over a minute to start on CI's
  // 2-core machine (right after the release build; later pages take 1-2 s
  // and the same test alone passes): wait that out, and say when it happens.
  const started = Date.now();
  try {
    await page.waitForFunction(
      () => {
        const panic = document.getElementById('panic');
        if (panic && !panic.hidden && panic.textContent.trim()) return true;
        const plot = document.getElementById('plot');
        return (
          plot?.dataset.area &&
          plot?.dataset.domain &&
          document.querySelectorAll('#model option').length > 0 &&
          document.querySelectorAll('#points-table th').length > 0
        );
      },
      null,
      { timeout: 150_000 },
    );
  } catch (err) {
    throw new Error(`the app did not start: ${err.message}\nerrors: ${JSON.stringify(errors)}`);
  }
  const took = Date.now() - started;
  if (took > 10_000) console.log(`# the app took ${(took / 1000).toFixed(1)} s to start`);
  const panic = await page.evaluate(() => {
    const p = document.getElementById('panic');
    return p && !p.hidden ? p.textContent.trim() : '';
  });
  if (panic) throw new Error(`the app shows a failure banner: ${panic}\nerrors: ${JSON.stringify(errors)}`);
}

/** The Data plot's geometry: { box, area: {left, top, width, height}, domain: {xmin, xmax, ymin, ymax} }. */
export async function plotGeometry(page) {
  const plot = page.locator('#plot');
  const box = await plot.boundingBox();
  const { area, domain } = await plot.evaluate((el) => ({
    area: el.dataset.area,
    domain: el.dataset.domain,
  }));
  const [left, top, width, height] = area.split(',').map(Number);
  const [xmin, xmax, ymin, ymax] = domain.split(',').map(Number);
  return { box, area: { left, top, width, height }, domain: { xmin, xmax, ymin, ymax } };
}

/** Page (viewport) pixel position of data point (a, b) on the Data plot. */
export async function dataToPage(page, a, b) {
  const { box, area, domain } = await plotGeometry(page);
  const px = area.left + ((a - domain.xmin) / (domain.xmax - domain.xmin)) * area.width;
  const py = area.top + ((domain.ymax - b) / (domain.ymax - domain.ymin)) * area.height;
  return { x: box.x + px, y: box.y + py };
}

/**
 * Clicks the Data plot at data point (a, b). Options: modifier ('Shift',
 * 'Control', …, held on the keyboard during the click), button ('left' |
 * 'right').
 */
export async function clickData(page, a, b, { modifier, button = 'left' } = {}) {
  const { x, y } = await dataToPage(page, a, b);
  if (modifier) await page.keyboard.down(modifier);
  try {
    await page.mouse.click(x, y, { button });
  } finally {
    if (modifier) await page.keyboard.up(modifier);
  }
}

/** Drags on the Data plot from data point `from` [a, b] to `to` [a, b] in small moves. */
export async function dragData(page, from, to, steps = 8) {
  const p = await dataToPage(page, ...from);
  const q = await dataToPage(page, ...to);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  await page.mouse.move(q.x, q.y, { steps });
  await page.mouse.up();
}

/** The Points table: { header: ['#', 'x1', …], rows: [[1, 0.5, -1.25, 2], …] } (numbers). */
export async function readPoints(page) {
  return page.evaluate(() => {
    const table = document.getElementById('points-table');
    const headRow = table.querySelector('thead tr') ?? table.querySelector('tr');
    const header = headRow ? [...headRow.children].map((c) => c.textContent.trim()) : [];
    const rows = [...table.querySelectorAll('tbody tr')]
      .filter((tr) => tr !== headRow)
      .map((tr) => [...tr.children].map((c) => Number(c.textContent.trim())))
      .filter((r) => r.length > 0);
    return { header, rows };
  });
}

/** Number of rows in the Points table. */
export async function pointCount(page) {
  return page.locator('#points-table tbody tr').count();
}

/** Waits until the Points table has exactly `n` rows. */
export async function waitPointCount(page, n, timeout = 10_000) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('#points-table tbody tr').length === n,
    n,
    { timeout },
  );
}

/**
 * The `.param` elements of the Parameters panel, in order, as
 * [{ name, value, text, group }] where group is the index of the enclosing
 * `.param-group` (or -1).
 */
export async function readParams(page) {
  const items = await page.evaluate(() => {
    const groups = [...document.querySelectorAll('#params-body .param-group')];
    return [...document.querySelectorAll('#params-body .param')].map((el) => ({
      text: el.textContent.trim(),
      group: groups.findIndex((g) => g.contains(el)),
    }));
  });
  return items.map(({ text, group }) => {
    const m = /^(\S+)\s*=\s*(\S+)$/.exec(text);
    return { name: m ? m[1] : null, value: m ? Number(m[2]) : NaN, text, group };
  });
}

/** The parameters of a single-unit model as { w1: 0.5, w2: -0.3, b: 0.1 }. */
export async function paramMap(page) {
  const out = {};
  for (const p of await readParams(page)) if (p.name) out[p.name] = p.value;
  return out;
}

/** Trimmed text content of the first element matching `selector`. */
export async function text(page, selector) {
  return (await page.locator(selector).first().textContent())?.trim() ?? '';
}

/** A readout (output#loss, #accuracy, #step-count, #epoch) as a number (NaN when not numeric). */
export async function readout(page, selector) {
  const t = await text(page, selector);
  return Number.parseFloat(t.replace('%', ''));
}

/** Waits until `#step-count` reads `n`. */
export async function waitStep(page, n, timeout = 10_000) {
  await page.waitForFunction(
    (n) => document.getElementById('step-count')?.textContent.trim() === String(n),
    n,
    { timeout },
  );
}

/**
 * Sets a number/text input the way a user does: types the value, then Tab
 * (the app applies values on `change`). Non-numeric text is typed key by key,
 * since Playwright refuses fill() with letters on number inputs.
 */
export async function setInput(page, selector, value) {
  const input = page.locator(selector);
  const v = String(value);
  if (v === '' || Number.isFinite(Number(v))) {
    await input.fill(v);
  } else {
    await input.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(v);
  }
  await input.press('Tab');
}

/** Selects option `value` of a <select> (fires input + change). */
export async function choose(page, selector, value) {
  await page.locator(selector).selectOption(value);
  await settle(page);
}

/** Waits two animation frames: the app redraws what a change made stale on its next frame. */
export async function settle(page) {
  await waitFrames(page, 2);
}

/**
 * Waits `n` animation frames. The app does its work once a frame (Play's
 * steps, then the redraw of what changed), so after a few frames anything
 * it would still do has shown: the wait for "nothing more happens".
 */
export async function waitFrames(page, n) {
  await page.evaluate(
    (n) =>
      new Promise((done) => {
        let left = n;
        const frame = () => (--left > 0 ? requestAnimationFrame(frame) : done());
        requestAnimationFrame(frame);
      }),
    n,
  );
}

/** Switches the mode radio ('classification' | 'regression') and waits for the table header. */
export async function setMode(page, mode) {
  // The radios may be styled as tabs (the input hidden under its text): click the label, as a user does.
  const radio = page.locator(`input[name=mode][value=${mode}]`);
  await page.locator('label').filter({ has: radio }).click();
  await page.waitForFunction((el) => el.checked, await radio.elementHandle(), { timeout: 5_000 });
  const first = mode === 'regression' ? 'x' : 'x1';
  await page.waitForFunction(
    (first) =>
      [...document.querySelectorAll('#points-table th')].some((th) => th.textContent.trim() === first),
    first,
  );
}

/** A button by its accessible name (exact). */
export function button(page, name) {
  return page.getByRole('button', { name, exact: true });
}

/**
 * Clicks Play and waits until training has visibly started: the button reads
 * `Pause` (English UI), or steps were already taken / a status message came
 * (a run can stop by itself within a frame, e.g. when it diverges).
 */
export async function play(page) {
  const before = await page.evaluate(() => ({
    step: document.getElementById('step-count').textContent.trim(),
    status: document.getElementById('status').textContent.trim(),
  }));
  await page.locator('#play').click();
  await page.waitForFunction(
    (before) =>
      document.getElementById('play').textContent.trim() === 'Pause' ||
      document.getElementById('step-count').textContent.trim() !== before.step ||
      document.getElementById('status').textContent.trim() !== before.status,
    before,
    { timeout: 5_000 },
  );
}

/** Clicks Pause if running, waits until the button reads `Play` again (English UI). */
export async function pause(page) {
  // Look and click in one turn of the page's event loop: a separate read
  // then click could land after the app stopped by itself (a converged
  // perceptron), and the click would start it again.
  await page.evaluate(() => {
    const button = document.getElementById('play');
    if (button.textContent.trim() === 'Pause') button.click();
  });
  await page.waitForFunction(() => document.getElementById('play').textContent.trim() === 'Play', null, {
    timeout: 5_000,
  });
}

/** Texts where the page shows NaN or Infinity (visible text, input values, outputs); [] when clean. */
export async function findNaN(page) {
  return page.evaluate(() => {
    const bad = /NaN|Infinity/;
    const hits = [];
    if (bad.test(document.body.innerText)) {
      const lines = document.body.innerText.split('\n').filter((l) => bad.test(l));
      hits.push(...lines.map((l) => `text: ${l}`));
    }
    for (const el of document.querySelectorAll('input, output, select')) {
      const v = el.value ?? '';
      if (bad.test(v)) hits.push(`${el.tagName.toLowerCase()}#${el.id}: ${v}`);
    }
    return hits;
  });
}

/**
 * The common end-of-test check: no console errors, page errors or failed
 * requests; no panic banner; no NaN/Infinity on the page.
 */
export async function assertHealthy(page, errors, assert) {
  const panic = await page.evaluate(() => {
    const p = document.getElementById('panic');
    return p && !p.hidden ? p.textContent.trim() : '';
  });
  assert.equal(panic, '', 'no failure banner (#panic) is shown');
  assert.deepEqual(await findNaN(page), [], 'the page shows no NaN or Infinity');
  assert.deepEqual(errors, [], 'no console errors, page errors or failed requests');
}

/** Parses the Last update panel: { sample, x: [..], y, Y, dw: [..], db, text }. */
export async function readUpdate(page) {
  return page.evaluate(() => {
    const t = (sel) => document.querySelector(`#update-body ${sel}`)?.textContent.trim() ?? null;
    const num = (s) => (s == null ? NaN : Number(s));
    const sample = t('.u-sample');
    const pred = t('.u-pred');
    const dw = t('.u-dw');
    const db = t('.u-db');
    const out = { sampleText: sample, predText: pred, dwText: dw, dbText: db };
    out.text = document.getElementById('update-body').textContent.trim();
    let m = sample && /#\s*(\d+)\s*:\s*x\s*=\s*\(([^)]*)\)/.exec(sample);
    out.sample = m ? Number(m[1]) : NaN;
    out.x = m ? m[2].split(',').map((s) => Number(s.trim())) : [];
    m = pred && /(?:^|[^\p{L}])y\s*=\s*(-?[\d.]+)\s*,\s*Y\s*=\s*(-?[\d.]+)/u.exec(pred);
    out.y = m ? num(m[1]) : NaN;
    out.Y = m ? num(m[2]) : NaN;
    m = dw && /=\s*\(([^()]*)\)\s*$/.exec(dw);
    out.dw = m ? m[1].split(',').map((s) => Number(s.trim())) : [];
    m = db && /=\s*(-?[\d.]+)\s*$/.exec(db);
    out.db = m ? num(m[1]) : NaN;
    return out;
  });
}

/** Least-squares slope and intercept of points [[x, y], …]. */
export function leastSquares(points) {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) * (x - mx);
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * Polls `fn` (async, returns a value) until `done(value)` is true; returns
 * the last value. Throws on timeout with the last value in the message.
 */
export async function pollUntil(fn, done, { timeout = 30_000, interval = 200, what = 'condition' } = {}) {
  const start = Date.now();
  let last;
  for (;;) {
    last = await fn();
    if (done(last)) return last;
    if (Date.now() - start > timeout) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Opens a page (see openPage), runs `fn(session)`, and closes the context.
 * On failure saves ARTIFACTS/<name>-failure.png and names it in the error.
 * `opts`: { query = '?lang=en', ...openPage options }.
 */
export async function withPage(browser, name, opts, fn) {
  const { query = '?lang=en', ...options } = opts ?? {};
  const session = await openPage(browser, query, options);
  try {
    await fn(session);
  } catch (err) {
    const file = await shot(session.page, `${name}-failure`).catch(() => null);
    if (file && err && typeof err === 'object') {
      try {
        err.message = `${err.message}\nscreenshot: ${file}\nstatus: ${await text(session.page, '#status').catch(() => '?')}`;
      } catch {
        /* keep the original error */
      }
    }
    throw err;
  } finally {
    await session.close();
  }
}

/** Clicks the `Class k` button and waits until it is the pressed one (aria-pressed="true"). */
export async function pickClass(page, k, name = `Class ${k}`) {
  const b = button(page, name);
  await b.click();
  await page
    .waitForFunction((el) => el.getAttribute('aria-pressed') === 'true', await b.elementHandle(), { timeout: 5_000 })
    .catch(async () => {
      throw new Error(`"${name}" should get aria-pressed="true"; it has ${await b.getAttribute('aria-pressed')}`);
    });
}

/**
 * One browser shared by the tests of a file: registers before/after hooks and
 * returns a holder whose `browser` is set once the hook has run.
 */
export function sharedBrowser() {
  const shared = { browser: undefined };
  before(async () => {
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
  });
  return shared;
}

/** Waits until #status matches `re`; returns its text. */
export async function waitStatus(page, re, timeout = 5_000) {
  try {
    await page.waitForFunction(
      ([src, flags]) => new RegExp(src, flags).test(document.getElementById('status').textContent),
      [re.source, re.flags],
      { timeout },
    );
  } catch {
    throw new Error(`#status should match ${re}; it reads "${await text(page, '#status')}"`);
  }
  return text(page, '#status');
}
