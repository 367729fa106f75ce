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

test('Save PNG offers an image of the plot: the field over the whole plotting area, the points and the boundary', async () => {
  await withPage(shared.browser, 'files-png', {}, async ({ page, errors }) => {
    await trainSome(page);
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Save PNG').click()]);
    assert.equal(download.suggestedFilename(), 'neuronlab.png');
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'nl-')), 'plot.png');
    await download.saveAs(file);
    const bytes = await readFile(file);
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
    // Read the image back in the page: its size, the share of the plotting
    // area that is not white (the field), and its dark ink pixels against
    // those of the static layer alone (the boundary line adds them).
    const seen = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const plot = document.getElementById('plot');
      const [left, top, width, height] = plot.dataset.area.split(',').map(Number);
      const dpr = plot.width / plot.getBoundingClientRect().width;
      const read = (source) => {
        const c = document.createElement('canvas');
        c.width = plot.width;
        c.height = plot.height;
        const ctx = c.getContext('2d');
        ctx.drawImage(source, 0, 0);
        return ctx.getImageData(0, 0, c.width, c.height).data;
      };
      const png = read(img);
      const layer = read(plot);
      let tinted = 0;
      let all = 0;
      for (let y = Math.ceil(top * dpr) + 2; y < (top + height) * dpr - 2; y += 4) {
        for (let x = Math.ceil(left * dpr) + 2; x < (left + width) * dpr - 2; x += 4) {
          const i = 4 * (y * plot.width + x);
          all++;
          if (png[i] < 245 || png[i + 1] < 245 || png[i + 2] < 245) tinted++;
        }
      }
      const dark = (d, opaque) => {
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if ((!opaque || d[i + 3] > 200) && d[i] < 110 && d[i + 1] < 110 && d[i + 2] < 110) n++;
        return n;
      };
      return { size: [img.width, img.height], canvas: [plot.width, plot.height], tinted: tinted / all, ink: dark(png, false), layerInk: dark(layer, true) };
    }, bytes.toString('base64'));
    assert.deepEqual(seen.size, seen.canvas, 'the image is the plot at its device resolution');
    assert.ok(seen.tinted > 0.9, `the field fills the plotting area (${(100 * seen.tinted).toFixed(1)}% tinted)`);
    assert.ok(seen.ink > seen.layerInk + 500, `the model layer's boundary is drawn (${seen.ink} dark pixels, ${seen.layerInk} without it)`);
    await assertHealthy(page, errors, assert);
  });
});

