// The app in one file: dist/neuronlab.html opened through file:// in an
// offline browser starts, trains a classifier and the language model,
// generates, trains a transformer in a worker, keeps a shared link and its
// autosave, and asks for nothing but its own file.
//
// SINGLE_FILE (set by `cargo xtask test`) names the file; it must exist.
// Run by hand without it, the test opens ../../dist/neuronlab.html and is
// skipped when that is missing (build it with `cargo xtask build --single-file`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { choose, launchBrowser, ready, shot, text, waitStep } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const FILE = process.env.SINGLE_FILE || path.join(here, '..', '..', 'dist', 'neuronlab.html');
const missing = !process.env.SINGLE_FILE && !existsSync(FILE) && `${FILE} is not built`;

/**
 * Opens the single file with `query` in a fresh offline context. `errors`
 * collects console errors, page errors and failed requests; `requests` every
 * URL the page asked for.
 */
async function openFile(browser, query) {
  assert.ok(existsSync(FILE), `the single file exists: ${FILE}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, offline: true });
  const errors = [];
  const requests = [];
  context.on('request', (req) => requests.push(req.url()));
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('console', (msg) => msg.type() === 'error' && errors.push(`console: ${msg.text()}`));
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`requestfailed: ${req.url()}`));
  const url = `${pathToFileURL(FILE).href}${query}`;
  await page.goto(url);
  await ready(page, errors);
  return { context, page, errors, requests, url };
}

/**
 * Checks the page asked for its own file (the recorder works) and nothing
 * else (data: URLs, and the blob: URL of the worker's inlined script, load
 * nothing).
 */
function assertOnlyItself(requests) {
  const own = pathToFileURL(FILE).href;
  assert.ok(requests.some((url) => url.startsWith(own)), `the file's own load is recorded: ${requests}`);
  const others = requests.filter((url) => !url.startsWith(own) && !/^(data|blob):/.test(url));
  assert.deepEqual(others, [], 'nothing was asked of the network or of other files');
}

async function clickTimes(page, selector, n) {
  for (let i = 0; i < n; i++) await page.locator(selector).click();
}

test('from file://, offline: it trains, shares a link, autosaves, and the language model trains and generates', { skip: missing }, async () => {
  const browser = await launchBrowser();
  try {
    const { context, page, errors, requests, url } = await openFile(browser, '?lang=en');
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert.equal(bg, 'rgb(246, 247, 249)', 'the inlined stylesheet applies');

    await choose(page, '#model', 'logistic');
    await waitStep(page, 0);
    const loss0 = await text(page, '#loss');
    await clickTimes(page, '#step', 3);
    await waitStep(page, 3);
    const loss3 = await text(page, '#loss');
    assert.match(loss3, /^\d+\.\d+$/, `a numeric loss: ${loss3}`);
    assert.notEqual(loss3, loss0, 'the loss changed over three steps');

    await page.locator('#share').click();
    await page.waitForFunction(() => location.hash.startsWith('#state='));
    assert.ok(page.url().startsWith(url.split('?')[0]), `the link is this file: ${page.url().slice(0, 80)}`);
    const other = await context.newPage();
    await other.goto(page.url());
    await ready(other);
    assert.equal(await text(other, '#step-count'), '3', 'the shared link opens at step 3');
    assert.equal(await other.inputValue('#model'), 'logistic');
    await other.close();

    await page.waitForFunction(
      () => Object.keys(localStorage).some((k) => /"step":\s*3[,}]/.test(localStorage.getItem(k) ?? '')),
      null,
      { timeout: 10_000 },
    );
    await page.goto(url);
    await ready(page, errors);
    assert.equal(await text(page, '#step-count'), '3', 'autosave brings step 3 back after a reload');

    await page.locator('label').filter({ has: page.locator('input[name=mode][value=language]') }).click();
    await page.waitForFunction(() => document.body.dataset.mode === 'language');
    await waitStep(page, 0);
    await clickTimes(page, '#step', 4);
    await waitStep(page, 4);
    assert.match(await text(page, '#loss'), /^\d+\.\d+$/, 'the language model has a loss');
    assert.match(await text(page, '#perplexity'), /^\d/, 'and a perplexity');
    const before = (await text(page, '#generated-text')).length;
    await page.locator('#generate-many').click();
    await page.waitForFunction(
      (n) => document.getElementById('generated-text').textContent.length >= n + 50,
      before,
    );
    await shot(page, 'single-file-en');

    // A transformer trains in a worker started from the file's own code.
    await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption('transformer');
    await page.waitForFunction(() => document.body.dataset.lm === 'transformer');
    await page.locator('#play').click();
    await page.waitForFunction(() => Number(document.getElementById('step-count').textContent) >= 8, null, {
      timeout: 60_000,
    });
    assert.ok(page.workers().length >= 1, 'the transformer trains in a Web Worker');
    await page.locator('#play').click();
    await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false');

    assertOnlyItself(requests);
    assert.deepEqual(errors, [], 'no console errors, page errors or failed requests');
  } finally {
    await browser.close();
  }
});

test('from file://, in Chinese', { skip: missing }, async () => {
  const browser = await launchBrowser();
  try {
    const { page, errors, requests } = await openFile(browser, '?lang=zh');
    assert.equal(await text(page, '#step'), '单步', 'the Step button reads 单步');
    await clickTimes(page, '#step', 2);
    await waitStep(page, 2);
    await shot(page, 'single-file-zh');
    assertOnlyItself(requests);
    assert.deepEqual(errors, [], 'no console errors, page errors or failed requests');
  } finally {
    await browser.close();
  }
});
