// Keyboard only: a small data set built on the plot with the arrows, Enter,
// Delete and the number keys, trained with the Step shortcut; a Points cell
// edited by typing (a bad value refused, Ctrl+Z undoing the edits); the
// shortcuts staying quiet on a chart tab and in a field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, readPoints, settle, shot, waitPointCount, waitStep, text } from './helpers.mjs';

const active = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { id: el?.id ?? '', i: el?.dataset?.i ?? null, f: el?.dataset?.f ?? null, tag: el?.tagName };
  });

/** Presses Tab from the top of the page until `id` has focus; returns the presses. */
async function tabTo(page, id, most = 120) {
  await page.evaluate(() => document.activeElement?.blur());
  for (let n = 1; n <= most; n++) {
    await page.keyboard.press('Tab');
    if ((await active(page)).id === id) return n;
  }
  throw new Error(`#${id} not reached with ${most} Tab presses`);
}

const pressed = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('#class-buttons button')].findIndex((b) => b.getAttribute('aria-pressed') === 'true'),
  );

test('a data set built and trained with the keyboard alone', async () => {
  const { page, errors, close } = await launch('?lang=en');
  try {
    await page.waitForSelector('#points-table tbody tr');
    await page.locator('#clear').focus();
    await page.keyboard.press('Enter');
    await waitPointCount(page, 0);

    const presses = await tabTo(page, 'plot');
    assert.ok(presses > 1, 'the plot comes after the controls before it');
    const outline = await page.locator('#plot').evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.equal(outline, 'solid', 'the focused plot shows a focus ring');

    // Arrows move the cursor (and do not step); Shift moves five times as far.
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await text(page, '#plot-cursor'), 'Cursor at (-1.50, 0.60).');
    assert.equal(await text(page, '#step-count'), '0');
    await page.keyboard.press('Enter');
    await waitPointCount(page, 1);

    await page.keyboard.press('2');
    await settle(page);
    assert.equal(await pressed(page), 1, 'the 2 key picks Class 2');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await text(page, '#plot-cursor'), 'Cursor at (1.50, 0.00).');
    await page.keyboard.press('Enter');
    await waitPointCount(page, 2);

    // A third point, then Delete removes the point nearest the cursor: it.
    await page.keyboard.press('1');
    for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitPointCount(page, 3);
    await page.keyboard.press('Delete');
    await waitPointCount(page, 2);
    await shot(page, 'keyboard-cursor-en');

    const { rows } = await readPoints(page);
    assert.deepEqual(rows, [
      [1, -1.5, 0.6, 1],
      [2, 1.5, 0, 2],
    ]);
    assert.equal((await active(page)).id, 'plot', 'the plot keeps the focus');
    assert.equal(await text(page, '#step-count'), '0', 'no key so far stepped');

    // The Step shortcut works from the plot.
    await page.keyboard.press('n');
    await waitStep(page, 1);
    assert.notEqual(await text(page, '#update-body'), '');

    // On a chart tab the arrows move between tabs and do not step.
    await page.locator('#tab-loss').focus();
    await page.keyboard.press('ArrowRight');
    await settle(page);
    assert.equal(await page.locator('#tab-network').getAttribute('aria-selected'), 'true');
    assert.equal((await active(page)).id, 'tab-network');
    await page.keyboard.press('n');
    // In a field, letters are typed, not shortcuts.
    await page.locator('#lr').focus();
    await page.keyboard.press('n');
    await page.keyboard.press('ArrowLeft');
    await settle(page);
    assert.equal(await text(page, '#step-count'), '1');
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('a Points cell edited by typing, refused when bad, undone with Ctrl+Z', async () => {
  const { page, errors, close } = await launch('?lang=en');
  try {
    await page.waitForSelector('#points-table tbody tr');
    const before = (await readPoints(page)).rows;
    const n = before.length;
    const x1 = page.locator('#points-table td[data-i="0"][data-f="x"]');
    assert.equal(await x1.getAttribute('tabindex'), '0', 'the table is one tab stop');

    await x1.focus();
    await page.keyboard.press('Enter');
    assert.equal((await active(page)).tag, 'INPUT', 'Enter opens the cell editor');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2.5');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#points-table td[data-i="0"][data-f="x"]')?.textContent.trim() === '2.500');
    assert.deepEqual(await active(page), { id: '', i: '0', f: 'x', tag: 'TD' }, 'the cell keeps the focus');

    // A bad value: refused with a message, nothing changes.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('status').textContent.includes('Point 1 is unchanged'));
    assert.equal(await text(page, '#status'), 'Point 1 is unchanged: enter a number.');
    let rows = (await readPoints(page)).rows;
    assert.equal(rows.length, n);
    assert.equal(rows[0][1], 2.5);

    // Typing a digit on a cell starts its editor with that digit.
    await page.keyboard.press('ArrowRight');
    assert.equal((await active(page)).f, 'y');
    await page.keyboard.press('-');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#points-table td[data-i="0"][data-f="y"]')?.textContent.trim() === '-1.000');
    await page.keyboard.press('ArrowRight');
    const other = before[0][3] === 1 ? '2' : '1';
    await page.keyboard.press(other);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (k) => document.querySelector('#points-table td[data-i="0"][data-f="c"]')?.textContent.trim() === k,
      other,
    );
    rows = (await readPoints(page)).rows;
    assert.deepEqual(rows[0], [1, 2.5, -1, Number(other)]);
    assert.deepEqual(rows.slice(1), before.slice(1));
    await shot(page, 'keyboard-cell-en');

    // Ctrl+Z takes the edits back one at a time, like any data edit.
    await page.keyboard.press('Control+z');
    await page.waitForFunction((k) => document.querySelector('#points-table td[data-i="0"][data-f="c"]')?.textContent.trim() !== k, other);
    assert.match(await text(page, '#status'), /Undid changing a point's class/);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(
      (x) => Number(document.querySelector('#points-table td[data-i="0"][data-f="x"]')?.textContent) === x,
      before[0][1],
    );
    assert.deepEqual((await readPoints(page)).rows, before);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
