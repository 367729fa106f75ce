// Layout: on a 1280×800 screen the essentials fit without scrolling; on a
// 375 px phone nothing overflows sideways and the plot stays usable; the
// canvases are drawn at device resolution.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertHealthy, button, choose, pause, play, sharedBrowser, shot, waitStep, withPage } from './helpers.mjs';

const shared = sharedBrowser();

async function rectOf(page, selector) {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  });
}

test('1280×800: Data plot, Model select, Parameters and the loss chart are in view without scrolling', async () => {
  await withPage(shared.browser, 'layout-desktop', { viewport: { width: 1280, height: 800 } }, async ({ page, errors }) => {
    const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
    assert.deepEqual(scroll, { x: 0, y: 0 }, 'the page starts unscrolled');
    for (const sel of ['#plot', '#model', '#params', '#loss-chart']) {
      const r = await rectOf(page, sel);
      assert.ok(r.width > 0 && r.height > 0, `${sel} has a size: ${JSON.stringify(r)}`);
      assert.ok(
        r.left >= 0 && r.top >= 0 && r.right <= 1280 + 0.5 && r.bottom <= 800 + 0.5,
        `${sel} lies inside the 1280×800 viewport: ${JSON.stringify(r)}`,
      );
    }
    const plot = await rectOf(page, '#plot');
    assert.ok(plot.width >= 400 && plot.height >= 300, `the Data plot is a decent size: ${plot.width}×${plot.height}`);
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth);
    assert.ok(overflow <= 1281, `no horizontal overflow at 1280 px (scrollWidth ${overflow})`);
    await shot(page, 'desktop-1280');
    await assertHealthy(page, errors, assert);
  });
});

test('the canvases stay inside their panels (1280 and 375 px wide)', async () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 375, height: 740 },
  ]) {
    await withPage(shared.browser, `layout-contained-${viewport.width}`, { viewport }, async ({ page, errors }) => {
      const boxes = await page.evaluate(() => {
        const inner = (el) => {
          const r = el.getBoundingClientRect();
          const cs = getComputedStyle(el);
          const px = (v) => Number.parseFloat(v) || 0;
          return {
            left: r.left + px(cs.borderLeftWidth),
            right: r.right - px(cs.borderRightWidth),
            top: r.top + px(cs.borderTopWidth),
            bottom: r.bottom - px(cs.borderBottomWidth),
          };
        };
        const outer = (el) => {
          const r = el.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        };
        const chart = document.getElementById('loss-chart');
        const plot = document.getElementById('plot');
        return {
          chart: outer(chart),
          chartPanel: inner(chart.closest('.panel')),
          plot: outer(plot),
          plotWrap: inner(document.getElementById('plot-wrap')),
        };
      });
      const inside = (a, b) =>
        a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
      assert.ok(
        inside(boxes.chart, boxes.chartPanel),
        `at ${viewport.width} px the Loss chart canvas ${JSON.stringify(boxes.chart)} lies inside its panel's border ${JSON.stringify(boxes.chartPanel)}`,
      );
      assert.ok(
        inside(boxes.plot, boxes.plotWrap),
        `at ${viewport.width} px the Data plot ${JSON.stringify(boxes.plot)} lies inside its frame ${JSON.stringify(boxes.plotWrap)}`,
      );
      await assertHealthy(page, errors, assert);
    });
  }
});

test('375×740: no horizontal overflow and a plot at least 300 px wide; still usable', async () => {
  await withPage(shared.browser, 'layout-phone', { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2 }, async ({ page, errors }) => {
    const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
    assert.ok(width <= 376, `no horizontal overflow (scrollWidth ${width})`);
    const plot = await rectOf(page, '#plot');
    assert.ok(plot.width >= 300, `the Data plot is at least 300 px wide (${plot.width})`);
    assert.ok(plot.left >= 0 && plot.right <= 375.5, `the Data plot fits across the screen: ${JSON.stringify(plot)}`);
    // Transport buttons are reachable and work.
    await button(page, 'Step').scrollIntoViewIfNeeded();
    await button(page, 'Step').click();
    await waitStep(page, 1);
    const again = await page.evaluate(() => document.scrollingElement.scrollWidth);
    assert.ok(again <= 376, `still no horizontal overflow after a step (scrollWidth ${again})`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'phone-375');
    await assertHealthy(page, errors, assert);
  });
});

test('HiDPI: the plot canvases are backed at devicePixelRatio resolution', async () => {
  await withPage(shared.browser, 'layout-hidpi', { deviceScaleFactor: 2 }, async ({ page, errors }) => {
    // The field is one pixel per node (100 × 100), scaled up by the browser,
    // reaching half a cell past the plotting area and clipped to it.
    const field = await page.locator('#field').evaluate((el) => [el.width, el.height, el.style.clipPath]);
    assert.deepEqual(field.slice(0, 2), [100, 100], `#field is ${field[0]}×${field[1]} pixels`);
    assert.match(field[2], /^inset\(/, 'clipped to the plotting area');
    for (const sel of ['#plot', '#loss-chart']) {
      const c = await page.locator(sel).evaluate((el) => ({
        w: el.width,
        h: el.height,
        cw: el.getBoundingClientRect().width,
        ch: el.getBoundingClientRect().height,
      }));
      assert.ok(
        Math.abs(c.w - 2 * c.cw) <= 2 && Math.abs(c.h - 2 * c.ch) <= 2,
        `${sel} is ${c.w}×${c.h} pixels for ${c.cw}×${c.ch} CSS px at devicePixelRatio 2`,
      );
    }
    // Training repaints without errors at HiDPI too.
    await choose(page, '#model', 'network');
    await waitStep(page, 0);
    await play(page);
    await page.waitForFunction(() => Number(document.getElementById('step-count').textContent) >= 20, null, {
      timeout: 15_000,
    });
    await pause(page);
    await assertHealthy(page, errors, assert);
  });
});
