// The teaching views on the plot, driven as a user drives them: the
// Probabilities view under the pointer, the line taken by hand (slid and
// turned), a click on the loss landscape, and the perceptron's walk
// (converged on separable data, "no line" on XOR). Screenshots of each
// view in both languages go to ARTIFACTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertHealthy,
  button,
  choose,
  dataToPage,
  dragData,
  paramMap,
  pointCount,
  setMode,
  settle,
  sharedBrowser,
  shot,
  text,
  waitPointCount,
  waitStatus,
  waitStep,
  withPage,
} from './helpers.mjs';

const shared = sharedBrowser();
const sigma = (z) => 1 / (1 + Math.exp(-z));

/** Types `value` into the Parameters panel's cell `name` and waits until it shows. */
async function setParam(page, name, value) {
  const cell = page.locator('#params-body .param').filter({ hasText: new RegExp(`^\\s*${name.replace(/[[\].]/g, '\\$&')}\\s*=`) });
  await cell.first().click();
  const input = page.locator('#params-body input').first();
  await input.waitFor({ state: 'visible', timeout: 5_000 });
  await input.fill(String(value));
  await input.press('Enter');
  const want = `${name} = ${Number(value).toFixed(3)}`;
  await page.waitForFunction(
    (want) => [...document.querySelectorAll('#params-body .param')].some((p) => p.textContent.trim() === want),
    want,
    { timeout: 5_000 },
  );
}

/** Moves the pointer over data point (a, b) and reads the Probabilities view. */
async function hover(page, a, b) {
  const { x, y } = await dataToPage(page, a, b);
  await page.mouse.move(x - 3, y - 3);
  await page.mouse.move(x, y);
  await page.waitForFunction(() => /=/.test(document.getElementById('probe-at').textContent));
  await settle(page);
  return page.evaluate(() => {
    const at = document.getElementById('probe-at').textContent;
    const nums = (at.match(/-?\d+\.\d+/g) ?? []).map(Number);
    const rows = [...document.querySelectorAll('#probe-bars .pc')].map((el) => ({
      label: el.previousElementSibling.previousElementSibling.textContent.trim(),
      pc: Number.parseFloat(el.textContent),
    }));
    return { at: nums, rows, z: document.getElementById('probe-z').textContent.trim(), heading: document.getElementById('h-probe').textContent.trim() };
  });
}

const sum = (rows) => rows.reduce((s, r) => s + r.pc, 0);

test('the Probabilities view shows σ(w·x + b) at the pointer, bars adding up to 100%', async () => {
  await withPage(shared.browser, 'views2-probe', {}, async ({ page, errors }) => {
    await choose(page, '#model', 'logistic');
    for (let i = 0; i < 15; i++) await button(page, 'Step').click();
    await waitStep(page, 15);
    const p = await paramMap(page);
    for (const [a, b] of [
      [1.5, -1],
      [-2.25, 0.5],
      [0.2, 0.1],
    ]) {
      const h = await hover(page, a, b);
      assert.equal(h.heading, 'Probabilities');
      assert.equal(h.rows.length, 2, JSON.stringify(h));
      assert.deepEqual(
        h.rows.map((r) => r.label),
        ['Class 1 (Y = 0)', 'Class 2 (Y = 1)'],
      );
      assert.ok(Math.abs(sum(h.rows) - 100) <= 0.1 + 1e-9, `the bars add up to 100%: ${JSON.stringify(h.rows)}`);
      const [x1, x2] = h.at;
      assert.ok(Math.abs(x1 - a) < 0.05 && Math.abs(x2 - b) < 0.05, `the view names the point: ${h.at}`);
      const want = 100 * sigma(p.w1 * x1 + p.w2 * x2 + p.b);
      assert.ok(Math.abs(h.rows[1].pc - want) < 0.3, `P(class 2) = σ(w·x + b) = ${want.toFixed(2)}%; shown ${h.rows[1].pc}%`);
      assert.match(h.z, /^z = w·x \+ b = -?[\d.]+, σ\(z\) = [\d.]+$/);
    }
    await shot(page, 'views2-probe-en');

    // The activation chart marks z on f(z).
    await page.getByRole('tab', { name: 'Activation' }).click();
    await hover(page, 1.5, -1);
    await shot(page, 'views2-activation-mark-en');

    // Leaving the plot empties the view.
    await page.mouse.move(5, 5);
    await page.waitForFunction(() => /Point at the plot/.test(document.getElementById('probe-at').textContent));
    assert.equal(await page.locator('#probe-bars .pc').count(), 0);

    // Softmax over three classes: three bars, adding up to 100%.
    await choose(page, '#preset', 'three-blobs');
    await choose(page, '#model', 'softmax');
    for (let i = 0; i < 10; i++) await button(page, 'Step').click();
    const h = await hover(page, -1, 2);
    assert.equal(h.rows.length, 3);
    assert.deepEqual(
      h.rows.map((r) => r.label),
      ['Class 1', 'Class 2', 'Class 3'],
    );
    assert.ok(Math.abs(sum(h.rows) - 100) <= 0.15, JSON.stringify(h.rows));
    assert.match(h.z, /softmax/);
    await assertHealthy(page, errors, assert);
  });
});

test('in regression the view shows the prediction ŷ = w·x + b at the pointer', async () => {
  await withPage(shared.browser, 'views2-regression', {}, async ({ page, errors }) => {
    await setMode(page, 'regression');
    for (let i = 0; i < 10; i++) await button(page, 'Step').click();
    await waitStep(page, 10);
    const p = await paramMap(page);
    const h = await hover(page, 2.5, 0);
    assert.equal(h.heading, 'Prediction');
    assert.equal(h.rows.length, 0);
    const yhat = Number(/ŷ = (-?[\d.]+)/.exec(h.z)[1]);
    const want = p.w1 * h.at[0] + p.b;
    assert.ok(Math.abs(yhat - want) < 0.01, `ŷ = ${want}; shown ${h.z}`);
    await shot(page, 'views2-regression-en');

    // Drag the fitted line up by 1: b grows by 1 (w kept), and Undo takes it back.
    await setParam(page, 'w1', 0.5);
    await setParam(page, 'b', 0);
    await dragData(page, [-2, -1], [-2, 0]);
    await settle(page);
    let q = await paramMap(page);
    assert.equal(q.w1, 0.5);
    assert.ok(Math.abs(q.b - 1) < 0.05, `b slid to about 1: ${JSON.stringify(q)}`);
    // Turn it by its handle at x = 4 (now at y = 3) to (4, 5): w = (5 − b)/4.
    await dragData(page, [4, 3], [4, 5]);
    await settle(page);
    q = await paramMap(page);
    assert.ok(Math.abs(q.w1 - (5 - 1) / 4) < 0.05 && Math.abs(q.b - 1) < 0.05, JSON.stringify(q));
    await shot(page, 'views2-fit-drag-en');
    await button(page, 'Undo').click();
    await button(page, 'Undo').click();
    await settle(page);
    assert.deepEqual(await paramMap(page), { w1: 0.5, b: 0 });
    await assertHealthy(page, errors, assert);
  });
});

test('dragging the boundary slides b by −w·Δ and its handle turns w; a click away still adds a point', async () => {
  await withPage(shared.browser, 'views2-line', {}, async ({ page, errors }) => {
    await choose(page, '#model', 'logistic');
    await setParam(page, 'w1', 1);
    await setParam(page, 'w2', 0);
    await setParam(page, 'b', 0);
    // The line x1 = 0: take it at (0, 2) and drag it to (1, 2.5): Δb = −w·Δ = −1.
    await dragData(page, [0, 2], [1, 2.5]);
    await settle(page);
    let p = await paramMap(page);
    assert.equal(p.w1, 1);
    assert.equal(p.w2, 0);
    assert.ok(Math.abs(p.b + 1) < 0.04, `b = −1 after the slide: ${JSON.stringify(p)}`);
    // The handle is the tip of w: foot (1, 0) + 1.6·(1, 0). Turn it towards
    // (0, 3): w turns about its foot to (−1, 3)/√10, and b follows so that
    // the line keeps the foot: b = −w·(1, 0) = 1/√10.
    await dragData(page, [2.6, 0], [0, 3]);
    await settle(page);
    p = await paramMap(page);
    const k = 1 / Math.sqrt(10);
    assert.ok(Math.abs(p.w1 + k) < 0.03 && Math.abs(p.w2 - 3 * k) < 0.03, `w turned towards (0, 3): ${JSON.stringify(p)}`);
    assert.ok(Math.abs(p.b - k) < 0.04, `the foot (1, 0) stays on the line: ${JSON.stringify(p)}`);
    await shot(page, 'views2-line-turned-en');
    // Each drag is one edit: two undos bring (1, 0, 0) back.
    await button(page, 'Undo').click();
    await waitStatus(page, /Undid changing the parameters/);
    await button(page, 'Undo').click();
    await settle(page);
    assert.deepEqual(await paramMap(page), { w1: 1, w2: 0, b: 0 });
    // A click away from the line adds a point; a click on it (no drag) too.
    const n = await pointCount(page);
    await page.mouse.click(...Object.values(await dataToPage(page, 3, -4)));
    await waitPointCount(page, n + 1);
    await page.mouse.click(...Object.values(await dataToPage(page, 0, -5)));
    await waitPointCount(page, n + 2);
    assert.deepEqual(await paramMap(page), { w1: 1, w2: 0, b: 0 }, 'clicks do not move the line');
    await assertHealthy(page, errors, assert);
  });
});

test('a click on the loss landscape sets its two parameters there', async () => {
  await withPage(shared.browser, 'views2-landscape', {}, async ({ page, errors }) => {
    await choose(page, '#model', 'logistic');
    for (let i = 0; i < 10; i++) await button(page, 'Step').click();
    await waitStep(page, 10);
    await page.getByRole('tab', { name: 'Landscape' }).click();
    await page.waitForFunction(() => document.getElementById('view-canvas').dataset.area);
    const before = await paramMap(page);
    const g = await page.locator('#view-canvas').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, area: el.dataset.area.split(',').map(Number), domain: el.dataset.domain.split(',').map(Number) };
    });
    const [left, top, width, height] = g.area;
    const [xmin, xmax, ymin, ymax] = g.domain;
    const [fx, fy] = [0.3, 0.7];
    const px = Math.round(left + fx * width);
    const py = Math.round(top + fy * height);
    await page.mouse.click(g.x + px, g.y + py);
    const a = xmin + ((px - left) / width) * (xmax - xmin);
    const b = ymax - ((py - top) / height) * (ymax - ymin);
    await page.waitForFunction((w1) => {
      const cell = [...document.querySelectorAll('#params-body .param')].find((c) => /^w1 =/.test(c.textContent.trim()));
      return cell && cell.textContent.trim() !== `w1 = ${w1.toFixed(3)}`;
    }, before.w1);
    const p = await paramMap(page);
    const tol = (xmax - xmin) / width + 0.001;
    assert.ok(Math.abs(p.w1 - a) < tol, `w1 = ${a.toFixed(3)} (the point clicked); shown ${p.w1}`);
    assert.ok(Math.abs(p.w2 - b) < (ymax - ymin) / height + 0.001, `w2 = ${b.toFixed(3)}; shown ${p.w2}`);
    assert.equal(p.b, before.b, 'the other parameter is kept');
    await shot(page, 'views2-landscape-en');
    // Training goes on from there, and Undo puts the old values back.
    await button(page, 'Step').click();
    await waitStep(page, 11);
    await button(page, 'Undo').click();
    await settle(page);
    assert.deepEqual(await paramMap(page), before);
    await assertHealthy(page, errors, assert);
  });
});

test('the perceptron says "converged" on separable blobs and "no line" on XOR; Y is named', async () => {
  await withPage(shared.browser, 'views2-walk', {}, async ({ page, errors }) => {
    await choose(page, '#speed', '100');
    await page.locator('#play').click();
    await waitStatus(page, /An epoch without mistakes: converged\./, 20_000);
    await button(page, 'Step').click();
    const pred = await text(page, '#update-body .u-pred');
    assert.match(pred, /Y = [01] \(Class [12]\)/);
    assert.equal(await button(page, 'Class 1').getAttribute('title'), 'Class 1 (Y = 0)');
    assert.equal(await button(page, 'Class 2').getAttribute('title'), 'Class 2 (Y = 1)');
    await shot(page, 'views2-converged-en');

    await choose(page, '#preset', 'xor');
    await page.locator('#play').click();
    await waitStatus(page, /20 epochs, each with mistakes: no line seems to separate these points\./, 30_000);
    await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') !== 'true');
    await shot(page, 'views2-no-line-en');
    await assertHealthy(page, errors, assert);
  });
});

test('the views in Chinese', async () => {
  await withPage(shared.browser, 'views2-zh', { query: '?lang=zh' }, async ({ page, errors }) => {
    await choose(page, '#model', 'logistic');
    for (let i = 0; i < 8; i++) await page.locator('#step').click();
    const h = await hover(page, 1, 1);
    assert.equal(h.heading, '概率');
    assert.deepEqual(
      h.rows.map((r) => r.label),
      ['类别 1（Y = 0）', '类别 2（Y = 1）'],
    );
    assert.match(await text(page, '#line-hint'), /拖动虚线/);
    await shot(page, 'views2-probe-zh');
    await page.getByRole('tab', { name: '损失地形' }).click();
    await page.waitForFunction(() => /点击地形图/.test(document.getElementById('view-note').textContent));
    await shot(page, 'views2-landscape-zh');
    await choose(page, '#model', 'perceptron');
    await choose(page, '#preset', 'xor');
    await choose(page, '#speed', '100');
    await page.locator('#play').click();
    await waitStatus(page, /没有哪条直线能把这些点分开/, 30_000);
    await shot(page, 'views2-no-line-zh');
    await setMode(page, 'regression');
    const r = await hover(page, 2, 0);
    assert.equal(r.heading, '预测值');
    await shot(page, 'views2-regression-zh');
    await assertHealthy(page, errors, assert);
  });
});

test('after a Step the line walks to its new place, unless the user prefers reduced motion', async () => {
  await withPage(shared.browser, 'views2-walk-motion', {}, async ({ page, errors }) => {
    await choose(page, '#model', 'logistic');
    await page.fill('#lr', '2');
    await page.press('#lr', 'Tab');
    await settle(page);
    // From here the page's clock stands still between the test's moves: a
    // frame comes every 16 ms of page time as the test advances it, so the
    // walk is seen frame by frame however fast the machine draws. (Clicks
    // go through the DOM: Playwright's own click waits for frames.)
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1000);
    const click = (id) => page.evaluate((id) => document.getElementById(id).click(), id);
    // Resets (a large first step follows), lets any walk end, presses Step
    // and fingerprints the model layer on every frame of the next 500 ms:
    // how many different pictures it showed.
    const pictures = async () => {
      await click('reset');
      await page.clock.runFor(500);
      assert.equal(await text(page, '#step-count'), '0', 'Reset went back to step 0');
      await page.evaluate(() => {
        // The model layer is SVG: its markup is the picture.
        const c = document.getElementById('model-layer');
        const seen = new Set([c.innerHTML]);
        window.__walk = seen;
        const frame = () => {
          seen.add(c.innerHTML);
          if (window.__walk === seen) requestAnimationFrame(frame);
        };
        document.getElementById('step').click();
        requestAnimationFrame(frame);
      });
      await page.clock.runFor(500);
      return page.evaluate(() => {
        const n = window.__walk.size;
        window.__walk = null;
        return n;
      });
    };
    await page.emulateMedia({ reducedMotion: 'reduce' });
    assert.equal(await pictures(), 2, 'reduced motion: the old line, then the new one at once');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    // The walk takes 200 ms: some twelve frames between the old line and the new.
    assert.ok((await pictures()) >= 10, 'the line walked through places in between');
    await click('reset');
    await page.clock.runFor(500);
    await click('step');
    await page.clock.runFor(60);
    await shot(page, 'views2-walk-mid-en');
    await page.clock.resume();
    await assertHealthy(page, errors, assert);
  });
});
