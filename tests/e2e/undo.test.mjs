// Undo / Redo of data edits (buttons and Ctrl+Z / Ctrl+Shift+Z), separate
// from Step back; and errors worded in the page's language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  assertHealthy,
  button,
  clickData,
  dragData,
  readPoints,
  sharedBrowser,
  text,
  waitPointCount,
  waitStep,
  waitStatus,
  withPage,
} from './helpers.mjs';

const shared = sharedBrowser();

test('Undo and Redo take back and re-apply clicks, a drag and Clear; Step back is separate', async () => {
  await withPage(shared.browser, 'undo-buttons', {}, async ({ page, errors }) => {
    await button(page, 'Clear points').click();
    await waitPointCount(page, 0);
    assert.equal(await page.locator('#undo').isDisabled(), false, 'Clear can be undone');
    await clickData(page, -3, 2);
    await clickData(page, 3, -2, { modifier: 'Shift' });
    await waitPointCount(page, 2);
    const two = (await readPoints(page)).rows;

    // A drag is one edit.
    await dragData(page, [3, -2], [1, 1]);
    await page.waitForFunction(() => {
      const cells = document.querySelectorAll('#points-table tbody tr:nth-child(2) td');
      return cells.length > 1 && Math.abs(Number(cells[1].textContent) - 1) < 0.3;
    });
    await button(page, 'Undo').click();
    await waitStatus(page, /Undid moving a point/);
    assert.deepEqual((await readPoints(page)).rows, two, 'the drag is undone in one step');

    // Training in between: Undo still takes back data edits, not steps.
    await button(page, 'Step').click();
    await waitStep(page, 1);
    await button(page, 'Undo').click();
    await waitPointCount(page, 1);
    await button(page, 'Undo').click();
    await waitPointCount(page, 0);
    await button(page, 'Redo').click();
    await waitPointCount(page, 1);

    // The keyboard: Ctrl+Shift+Z redoes, Ctrl+Z undoes.
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Control+Shift+Z');
    await waitPointCount(page, 2);
    await page.keyboard.press('Control+z');
    await waitPointCount(page, 1);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await waitPointCount(page, 40);
    assert.equal(await page.locator('#undo').isDisabled(), true, 'back at the start: nothing to undo');
    await assertHealthy(page, errors, assert);
  });
});

test('Undo after Load JSON brings the previous session back; Undo after Import CSV the previous points', async () => {
  await withPage(shared.browser, 'undo-load', {}, async ({ page, errors }) => {
    const before = (await readPoints(page)).rows;
    const dir = await mkdtemp(path.join(tmpdir(), 'nl-'));
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, 'Save JSON').click()]);
    const saved = path.join(dir, 'saved.json');
    await download.saveAs(saved);
    await button(page, 'Clear points').click();
    await waitPointCount(page, 0);
    await page.setInputFiles('#load-json', saved);
    await waitStatus(page, /Loaded saved\.json/);
    await waitPointCount(page, before.length);
    await button(page, 'Undo').click();
    await waitStatus(page, /Undid loading a saved file/);
    await waitPointCount(page, 0);
    await button(page, 'Redo').click();
    await waitPointCount(page, before.length);

    const csv = path.join(dir, 'two.csv');
    await writeFile(csv, '1,1,1\n-1,-1,2\n');
    await page.setInputFiles('#import-csv', csv);
    await waitPointCount(page, 2);
    await button(page, 'Undo').click();
    await waitPointCount(page, before.length);
    assert.deepEqual((await readPoints(page)).rows, before);
    await assertHealthy(page, errors, assert);
  });
});

test('on the Chinese page a bad file and a bad number are explained in Chinese', async () => {
  await withPage(shared.browser, 'undo-zh-errors', { query: '?lang=zh' }, async ({ page, errors }) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nl-'));
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, '{"format": "neuronlab", "version": 1, "points": [');
    await page.setInputFiles('#load-json', bad);
    const msg = await waitStatus(page, /无法载入 bad\.json/);
    assert.match(msg, /第 1 行/, `the line is given in Chinese: ${msg}`);
    assert.doesNotMatch(msg.replace(/bad\.json|JSON/g, ''), /[A-Za-z]{3,}/, `no English words: ${msg}`);

    await page.fill('#count', '-5');
    await page.locator('#count').dispatchEvent('change');
    const count = await waitStatus(page, /数量/);
    assert.match(count, /1 到 10000/, `the field and its range: ${count}`);
    assert.doesNotMatch(count, /[A-Za-z]{3,}/, `no English words: ${count}`);
    assert.equal(await page.locator('#count').getAttribute('aria-invalid'), 'true');

    // Switching to English rewords the same message.
    await page.selectOption('#lang', 'en');
    await waitStatus(page, /Count: use a whole number from 1 to 10000/);
    await assertHealthy(page, errors, assert);
  });
});
