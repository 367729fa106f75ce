// Touch: a tap adds a point, a drag moves one, a long press removes the
// nearest; on a touch screen every control is at least 44 px high.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, dataToPage, launchBrowser, pointCount, readPoints, ready, settle, shot, waitPointCount } from './helpers.mjs';

test('tap adds, drag moves, long press removes; controls are 44 px', async () => {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 900, height: 1000 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${BASE_URL}?lang=en`);
    await ready(page, errors);
    await page.locator('#clear').tap();
    await waitPointCount(page, 0);
    const cdp = await context.newCDPSession(page);
    const touch = async (type, p) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: p ? [{ x: p.x, y: p.y }] : [] });

    const a = await dataToPage(page, 1, 1);
    await page.touchscreen.tap(a.x, a.y);
    await waitPointCount(page, 1);
    const b = await dataToPage(page, -2, -2);
    await page.touchscreen.tap(b.x, b.y);
    await waitPointCount(page, 2);

    // A drag from the first point moves it (and adds nothing).
    const c = await dataToPage(page, 2, 3);
    await touch('touchStart', a);
    for (let k = 1; k <= 6; k++) {
      await touch('touchMove', { x: a.x + ((c.x - a.x) * k) / 6, y: a.y + ((c.y - a.y) * k) / 6 });
    }
    await touch('touchEnd');
    // The table follows at the drop (the tapped point was near, not at, 1.000).
    await page.waitForFunction(() => Number(document.querySelector('#points-table td[data-f="x"]')?.textContent) > 1.5);
    let rows = (await readPoints(page)).rows;
    assert.equal(rows.length, 2);
    assert.ok(Math.abs(rows[0][1] - 2) < 0.1 && Math.abs(rows[0][2] - 3) < 0.1, JSON.stringify(rows));

    // A long press near the second point removes it while held, and adds
    // nothing when lifted.
    await touch('touchStart', { x: b.x + 6, y: b.y - 6 });
    await waitPointCount(page, 1);
    await touch('touchEnd');
    await settle(page);
    assert.equal(await pointCount(page), 1, 'lifting the long press adds nothing');
    rows = (await readPoints(page)).rows;
    assert.ok(Math.abs(rows[0][1] - 2) < 0.1, 'the moved point stays');

    const coarse = await page.evaluate(() => matchMedia('(pointer: coarse)').matches);
    if (coarse) {
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('button, select, input[type=number]')]
          .filter((el) => el.offsetParent !== null)
          .map((el) => ({ id: el.id || el.textContent.trim(), h: el.getBoundingClientRect().height }))
          .filter((c) => c.h < 43.5),
      );
      assert.deepEqual(small, []);
    }
    await shot(page, 'touch-en');
    assert.deepEqual(errors, []);
    console.log(`pointer: coarse matched: ${coarse}`);
  } finally {
    await browser.close();
  }
});
