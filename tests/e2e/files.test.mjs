// Keeping work: a shared link restores the state, Save JSON → Load JSON
// round-trips, CSV import adds points, and a bad file changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  assertHealthy,
  button,
  choose,
  readParams,
  readPoints,
  ready,
  sharedBrowser,
  text,
  waitStep,
  withPage,
} from './helpers.mjs';

const shared = sharedBrowser();

async function trainSome(page) {
  await choose(page, '#preset', 'moons');
  await choose(page, '#model', 'logistic');
  await waitStep(page, 0);
  for (let i = 0; i < 5; i++) await button(page, 'Step').click();
  await waitStep(page, 5);
}

test('Share link puts the state in the address; opening it restores points, parameters and step', async () => {
  await withPage(shared.browser, 'files-share', {}, async ({ page, errors }) => {
    await trainSome(page);
    const points = await readPoints(page);
    const params = await readParams(page);
    await button(page, 'Share link').click();
    await page.waitForFunction(() => location.hash.startsWith('#state='));
    const url = page.url();
    const other = await page.context().newPage();
    await other.goto(url);
    await ready(other);
    assert.deepEqual(await readPoints(other), points);
    assert.deepEqual(await readParams(other), params);
    assert.equal(await text(other, '#step-count'), '5');
    assert.equal(await other.inputValue('#model'), 'logistic');
    await other.close();
    await assertHealthy(page, errors, assert);
  });
});

test('a damaged link says so and starts fresh', async () => {
  await withPage(shared.browser, 'files-bad-link', { query: '?lang=en#state=@@@' }, async ({ page, errors }) => {
    await page.waitForFunction(() => /could not be read/.test(document.getElementById('status').textContent));
    assert.ok((await readPoints(page)).rows.length > 0, 'the default data is there');
    assert.deepEqual(errors, []);
  });
});

test('Save JSON then Load JSON restores the session; a malformed file changes nothing', async () => {
  await withPage(shared.browser, 'files-json', {}, async ({ page, errors }) => {
    await trainSome(page);
    const points = await readPoints(page);
    const params = await readParams(page);
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Save JSON').click()]);
    const dir = await mkdtemp(path.join(tmpdir(), 'nl-'));
    const saved = path.join(dir, 'saved.json');
    await download.saveAs(saved);
    const json = JSON.parse(await readFile(saved, 'utf8'));
    assert.equal(json.format, 'neuronlab');
    assert.equal(json.step, 5);

    // Change everything, then load the file back.
    await button(page, 'Clear points').click();
    await choose(page, '#model', 'perceptron');
    await page.setInputFiles('#load-json', saved);
    await page.waitForFunction(() => /Loaded/.test(document.getElementById('status').textContent));
    assert.deepEqual(await readPoints(page), points);
    assert.deepEqual(await readParams(page), params);
    assert.equal(await text(page, '#step-count'), '5');

    // A malformed file: a message, and the state stays as it is.
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, '{"format": "neuronlab", "version": 1, "points": [');
    await page.setInputFiles('#load-json', bad);
    await page.waitForFunction(() => /Could not load bad\.json/.test(document.getElementById('status').textContent));
    assert.deepEqual(await readPoints(page), points);
    assert.deepEqual(await readParams(page), params);
    await assertHealthy(page, errors, assert);
  });
});

test('Import CSV replaces the points; a bad row names its line and changes nothing', async () => {
  await withPage(shared.browser, 'files-csv', {}, async ({ page, errors }) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nl-'));
    const good = path.join(dir, 'points.csv');
    await writeFile(good, 'x1,x2,class\n1.5,-2,1\n-3,0.25,2\n0,4,2\n');
    await page.setInputFiles('#import-csv', good);
    await page.waitForFunction(() => document.querySelectorAll('#points-table tbody tr').length === 3);
    const { rows } = await readPoints(page);
    assert.deepEqual(rows, [[1, 1.5, -2, 1], [2, -3, 0.25, 2], [3, 0, 4, 2]]);

    const bad = path.join(dir, 'bad.csv');
    await writeFile(bad, '1,2,1\n1,oops,2\n');
    await page.setInputFiles('#import-csv', bad);
    await page.waitForFunction(() => /line 2/.test(document.getElementById('status').textContent));
    assert.deepEqual((await readPoints(page)).rows, rows);
    await assertHealthy(page, errors, assert);
  });
});

test('Save PNG offers an image of the plot', async () => {
  await withPage(shared.browser, 'files-png', {}, async ({ page, errors }) => {
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Save PNG').click()]);
    assert.equal(download.suggestedFilename(), 'neuronlab.png');
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'nl-')), 'plot.png');
    await download.saveAs(file);
    const bytes = await readFile(file);
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
    assert.ok(bytes.length > 5000, `an image with content (${bytes.length} bytes)`);
    await assertHealthy(page, errors, assert);
  });
});

