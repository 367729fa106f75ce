// Points: adding by click (selected class, Shift = class 2), removing with
// right-click / Ctrl+click, dragging, presets, and the Points table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertHealthy,
  button,
  pickClass,
  choose,
  clickData,
  dragData,
  sharedBrowser,
  plotGeometry,
  readPoints,
  setInput,
  waitPointCount,
  withPage,
} from './helpers.mjs';

const shared = sharedBrowser();

/** Asserts that `rows` ([#, x1, x2, class]) hold exactly the `expected` points ([x1, x2, class]), any order. */
function assertSamePoints(rows, expected, tol = 0.05) {
  assert.equal(rows.length, expected.length, `table has ${expected.length} rows: ${JSON.stringify(rows)}`);
  const left = [...rows];
  for (const [a, b, c] of expected) {
    const i = left.findIndex((r) => Math.abs(r[1] - a) <= tol && Math.abs(r[2] - b) <= tol);
    assert.ok(i >= 0, `a row near (${a}, ${b}) in ${JSON.stringify(rows)}`);
    assert.equal(left[i][3], c, `point near (${a}, ${b}) has class ${c}: ${JSON.stringify(left[i])}`);
    left.splice(i, 1);
  }
  // Row numbers are 1..n in order.
  assert.deepEqual(
    rows.map((r) => r[0]),
    rows.map((_, i) => i + 1),
    'the # column numbers the rows 1..n',
  );
}

test('clicks add points of the selected class, Shift+click adds class 2, right-click / Ctrl+click remove, drag moves', async () => {
  await withPage(shared.browser, 'points-click', {}, async ({ page, errors }) => {
    // At start: a small separable preset with both classes.
    const start = await readPoints(page);
    assert.deepEqual(start.header, ['#', 'x1', 'x2', 'class'], 'Points table header');
    assert.ok(start.rows.length > 0, 'the plot starts with some points');
    assert.deepEqual(
      [...new Set(start.rows.map((r) => r[3]))].sort(),
      [1, 2],
      'the starting points have classes 1 and 2',
    );

    await button(page, 'Clear points').click();
    await waitPointCount(page, 0);

    await pickClass(page, 1);
    assert.equal(await button(page, 'Class 1').getAttribute('aria-pressed'), 'true', 'Class 1 is pressed');
    const class1 = [
      [-3, 2],
      [-2, -1.5],
      [1, 3],
    ];
    for (const [i, [a, b]] of class1.entries()) {
      await clickData(page, a, b);
      await waitPointCount(page, i + 1);
    }

    await pickClass(page, 2);
    assert.equal(await button(page, 'Class 2').getAttribute('aria-pressed'), 'true', 'Class 2 is pressed');
    assert.equal(await button(page, 'Class 1').getAttribute('aria-pressed'), 'false', 'Class 1 no longer pressed');
    await clickData(page, 3, -2);
    await waitPointCount(page, 4);

    // Back to class 1, then Shift+click: class 2 regardless.
    await pickClass(page, 1);
    await clickData(page, 2.5, 1, { modifier: 'Shift' });
    await waitPointCount(page, 5);

    let { rows } = await readPoints(page);
    assertSamePoints(rows, [
      [-3, 2, 1],
      [-2, -1.5, 1],
      [1, 3, 1],
      [3, -2, 2],
      [2.5, 1, 2],
    ]);
    // Insertion order is kept.
    assert.ok(Math.abs(rows[0][1] + 3) <= 0.05 && Math.abs(rows[4][1] - 2.5) <= 0.05, 'rows in click order');

    // Right-click next to (1, 3) removes it.
    await clickData(page, 1.1, 2.9, { button: 'right' });
    await waitPointCount(page, 4);
    ({ rows } = await readPoints(page));
    assertSamePoints(rows, [
      [-3, 2, 1],
      [-2, -1.5, 1],
      [3, -2, 2],
      [2.5, 1, 2],
    ]);

    // Ctrl+click next to (-2, -1.5) removes it.
    await clickData(page, -2.1, -1.4, { modifier: 'Control' });
    await waitPointCount(page, 3);
    ({ rows } = await readPoints(page));
    assertSamePoints(rows, [
      [-3, 2, 1],
      [3, -2, 2],
      [2.5, 1, 2],
    ]);

    // Dragging (-3, 2) to (-4, 4) moves it; nothing is added.
    await dragData(page, [-3, 2], [-4, 4]);
    await page.waitForFunction(() => {
      const cells = document.querySelector('#points-table tbody tr')?.children;
      return cells && Math.abs(Number(cells[1].textContent) + 4) < 0.1;
    }, null, { timeout: 5_000 }).catch(() => {});
    ({ rows } = await readPoints(page));
    assertSamePoints(
      rows,
      [
        [-4, 4, 1],
        [3, -2, 2],
        [2.5, 1, 2],
      ],
      0.1,
    );

    await assertHealthy(page, errors, assert);
  });
});

test('the Classes select offers Class 1 … Class K buttons; class 3 points are recorded as class 3', async () => {
  await withPage(shared.browser, 'points-classes', {}, async ({ page, errors }) => {
    await choose(page, '#classes', '4');
    for (const k of [1, 2, 3, 4]) {
      await button(page, `Class ${k}`).waitFor({ state: 'visible', timeout: 5_000 });
    }
    assert.equal(await button(page, 'Class 5').count(), 0, 'no Class 5 button with 4 classes');

    await button(page, 'Clear points').click();
    await waitPointCount(page, 0);
    await pickClass(page, 3);
    assert.equal(await button(page, 'Class 3').getAttribute('aria-pressed'), 'true');
    await clickData(page, -1, -4);
    await waitPointCount(page, 1);
    await pickClass(page, 4);
    await clickData(page, 4, 4);
    await waitPointCount(page, 2);
    const { rows } = await readPoints(page);
    assertSamePoints(rows, [
      [-1, -4, 3],
      [4, 4, 4],
    ]);
    await assertHealthy(page, errors, assert);
  });
});

test('presets replace the points using Count, Noise and Seed, reproducibly; Regenerate repeats them', async () => {
  await withPage(shared.browser, 'points-presets', {}, async ({ page, errors }) => {
    await setInput(page, '#count', 40);
    await setInput(page, '#data-seed', 7);
    // The page starts with 40 points too: wait for the table to change, not its length.
    const before = await page.textContent('#points-table tbody');
    await choose(page, '#preset', 'xor');
    await page.waitForFunction(
      (old) => document.querySelector('#points-table tbody')?.textContent !== old,
      before,
      { timeout: 5_000 },
    );
    await waitPointCount(page, 40);
    const first = (await readPoints(page)).rows;
    assert.deepEqual(
      [...new Set(first.map((r) => r[3]))].sort(),
      [1, 2],
      'XOR has two classes',
    );
    // XOR: the class follows the sign of x1·x2 (up to noise near the axes).
    const agree = first.filter((r) => (r[1] * r[2] < 0) === (r[3] === 2)).length;
    const agreeOther = first.filter((r) => (r[1] * r[2] > 0) === (r[3] === 2)).length;
    assert.ok(
      Math.max(agree, agreeOther) >= 36,
      `XOR points lie in opposite quadrants per class (${agree}/${agreeOther} of 40)`,
    );

    // Same settings again: the same points.
    await button(page, 'Regenerate').click();
    await waitPointCount(page, 40);
    assert.deepEqual((await readPoints(page)).rows, first, 'Regenerate with the same seed gives the same points');

    // Another seed: other points.
    await setInput(page, '#data-seed', 8);
    await button(page, 'Regenerate').click();
    await page.waitForFunction(
      (x) => document.querySelector('#points-table tbody tr td:nth-child(2)')?.textContent.trim() !== x,
      String(first[0][1].toFixed(3)),
      { timeout: 5_000 },
    );
    const second = (await readPoints(page)).rows;
    assert.equal(second.length, 40);
    assert.notDeepEqual(second, first, 'another seed gives other points');

    // Three blobs: three classes.
    await setInput(page, '#count', 60);
    await choose(page, '#preset', 'three-blobs');
    await waitPointCount(page, 60);
    const blobs = (await readPoints(page)).rows;
    assert.deepEqual([...new Set(blobs.map((r) => r[3]))].sort(), [1, 2, 3], 'three-blobs has classes 1–3');
    for (const k of [1, 2, 3]) {
      await button(page, `Class ${k}`).waitFor({ state: 'visible', timeout: 5_000 });
    }
    const { domain } = await plotGeometry(page);
    for (const r of blobs) {
      assert.ok(
        r[1] >= domain.xmin && r[1] <= domain.xmax && r[2] >= domain.ymin && r[2] <= domain.ymax,
        `point inside the plot's domain ${JSON.stringify(domain)}: ${r}`,
      );
    }
    await assertHealthy(page, errors, assert);
  });
});
