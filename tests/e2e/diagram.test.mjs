// The teaching views of issue #11: the network drawn (a link's colour follows
// its weight's sign; clicking a link edits that weight), the confusion
// matrix against the Accuracy readout, and the loss of every polynomial
// degree with its lowest held-out loss. Screenshots of each, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertHealthy, button, choose, dataToPage, readPoints, setInput, setMode, settle, sharedBrowser, shot, text, waitStep, withPage,
} from './helpers.mjs';

const shared = sharedBrowser();

async function openTab(page, id) {
  await page.locator(`#tab-${id}`).click();
  await page.waitForFunction((id) => document.getElementById(`tab-${id}`).getAttribute('aria-selected') === 'true', id);
  await settle(page);
}

/** The diagram's links as [{ param, from: [x, y], to: [x, y] }] in CSS px. */
async function links(page) {
  const raw = await page.getAttribute('#network', 'data-links');
  return raw.split(';').map((s) => {
    const [param, rest] = s.split(':');
    const [x1, y1, x2, y2] = rest.split(',').map(Number);
    return { param: Number(param), from: [x1, y1], to: [x2, y2] };
  });
}

/** 'blue' or 'orange': the colour that most of the link's pixels near a third of its way have. */
async function linkColour(page, link) {
  return page.evaluate(({ from, to }) => {
    const c = document.getElementById('network');
    const dpr = c.width / c.getBoundingClientRect().width;
    const ctx = c.getContext('2d');
    let blue = 0;
    let orange = 0;
    for (let k = 0; k <= 40; k++) {
      const t = 0.2 + (0.3 * k) / 40;
      const x = Math.round((from[0] + t * (to[0] - from[0])) * dpr);
      const y = Math.round((from[1] + t * (to[1] - from[1])) * dpr);
      const [r, , b] = ctx.getImageData(x, y, 1, 1).data;
      if (b > r + 60) blue++;
      if (r > b + 60) orange++;
    }
    return blue > orange ? 'blue' : orange > blue ? 'orange' : 'none';
  }, link);
}

/** Waits until parameter `index` reads `value` (3 decimals) in the Parameters panel. */
async function waitParam(page, index, value) {
  await page.waitForFunction(
    ({ index, value }) => {
      const el = document.querySelector(`#params-body .param[data-index="${index}"]`);
      return el && el.textContent.trim().endsWith(value);
    },
    { index, value },
  );
}

test('Network: a link follows its weight\'s sign, and clicking it edits that weight', async () => {
  await withPage(shared.browser, 'diagram-network', {}, async ({ page, errors }) => {
    await choose(page, '#preset', 'xor');
    await choose(page, '#model', 'network');
    for (let i = 0; i < 5; i++) await button(page, 'Step').click();
    await waitStep(page, 5);
    await openTab(page, 'network');
    const canvas = page.getByRole('img', { name: 'Network' });
    assert.ok(await canvas.isVisible(), 'the diagram is shown and labelled Network');
    const all = await links(page);
    // The default network is 2-8-8-1: 2·8 + 8·8 + 8·1 weights, each once.
    assert.equal(all.length, 88, 'one link per weight');
    assert.equal(new Set(all.map((k) => k.param)).size, 88);

    // The first link: read its weight, then type the opposite sign into the editor the click opens.
    const link = all[0];
    const before = await linkColour(page, link);
    assert.notEqual(before, 'none', 'the link is drawn');
    const box = await canvas.boundingBox();
    const at = (t) => [box.x + link.from[0] + t * (link.to[0] - link.from[0]), box.y + link.from[1] + t * (link.to[1] - link.from[1])];
    await page.mouse.click(...at(0.3));
    const editor = page.locator(`#params-body .param[data-index="${link.param}"] input`);
    await editor.waitFor();
    assert.ok(await editor.evaluate((el) => el === document.activeElement), 'the weight editor has the focus');
    const newValue = before === 'blue' ? '-1.25' : '1.25';
    await editor.fill(newValue);
    await editor.press('Enter');
    await waitParam(page, link.param, before === 'blue' ? '-1.250' : '1.250');
    await settle(page);
    assert.equal(await linkColour(page, link), before === 'blue' ? 'orange' : 'blue', 'the link changed colour with its sign');

    // Hovering a unit words its sum at the point under the pointer.
    // (The editor scrolled the page: measure the canvas again.)
    const now = await canvas.boundingBox();
    await page.mouse.move(now.x + link.to[0] + 8, now.y + link.to[1]);
    await page.waitForFunction(() => /z = w·a \+ b = .* = -?\d/.test(document.getElementById('network-info').textContent));
    await shot(page, 'diagram-network-en');
    await assertHealthy(page, errors, assert);
  });
});

test('Network in Chinese, and for one neuron and softmax', async () => {
  await withPage(shared.browser, 'diagram-network-zh', { query: '?lang=zh' }, async ({ page, errors }) => {
    await choose(page, '#preset', 'xor');
    await choose(page, '#model', 'network');
    await openTab(page, 'network');
    assert.ok(await page.getByRole('img', { name: '网络结构图' }).isVisible());
    await page.locator('#network').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => /第 1 层第 1 个单元/.test(document.getElementById('network-info').textContent));
    await waitStep(page, 0);
    await shot(page, 'diagram-network-zh');
    await choose(page, '#model', 'logistic');
    await settle(page);
    assert.equal((await links(page)).length, 2, 'one neuron: one link per input');
    await shot(page, 'diagram-logistic-zh');
    await assertHealthy(page, errors, assert);
  });
});

/** The confusion matrix's cells as rows of numbers. */
async function confusion(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('#confusion-table tr')]
      .map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent)))
      .filter((r) => r.length > 0),
  );
}

for (const lang of ['en', 'zh']) {
  test(`Confusion matrix sums to the training points and its diagonal is the Accuracy (${lang})`, async () => {
    await withPage(shared.browser, `diagram-confusion-${lang}`, { query: `?lang=${lang}` }, async ({ page, errors }) => {
      // Held out first: the Points table marks held-out rows when the data is made.
      await setInput(page, '#holdout', '25');
      await setInput(page, '#noise', '1');
      await choose(page, '#preset', 'three-blobs');
      await choose(page, '#model', 'softmax');
      for (let i = 0; i < 8; i++) await button(page, lang === 'en' ? 'Step' : '单步').click();
      await waitStep(page, 8);
      await settle(page);
      const region = page.getByRole('region', { name: lang === 'en' ? 'Confusion matrix' : '混淆矩阵' });
      assert.ok(await region.isVisible());
      const m = await confusion(page);
      assert.equal(m.length, 3);
      const total = m.flat().reduce((a, b) => a + b, 0);
      const points = await page.locator('#points-table tbody tr').count();
      const heldout = await page.locator('#points-table tbody tr small').count();
      assert.ok(heldout > 0, 'some points are held out');
      assert.equal(total, points - heldout, 'every training point counted once');
      const right = m.reduce((a, r, i) => a + r[i], 0);
      const acc = (await text(page, '#accuracy')).split('/')[0].trim();
      assert.equal(`${((100 * right) / total).toFixed(1)}%`, acc);
      await shot(page, `diagram-confusion-${lang}`);
      await assertHealthy(page, errors, assert);
    });
  });
}

for (const lang of ['en', 'zh']) {
  test(`Loss by degree shows each degree and the lowest held-out loss (${lang})`, async () => {
    await withPage(shared.browser, `diagram-degrees-${lang}`, { query: `?lang=${lang}` }, async ({ page, errors }) => {
      await setMode(page, 'regression');
      await choose(page, '#preset', 'sine');
      await choose(page, '#model', 'polynomial');
      await setInput(page, '#holdout', '30');
      await settle(page);
      const rows = await page.evaluate(() =>
        [...document.querySelectorAll('#degrees-table tr')].slice(1).map((tr) => ({
          best: tr.classList.contains('best'),
          cells: [...tr.children].map((c) => c.textContent),
        })),
      );
      assert.equal(rows.length, 9, 'degrees 1 to 9');
      const held = rows.map((r) => Number.parseFloat(r.cells[2]));
      const best = rows.findIndex((r) => r.best);
      assert.ok(best >= 0, 'one degree is marked lowest');
      assert.equal(held[best], Math.min(...held));
      await setInput(page, '#degree', String(best + 1));
      await settle(page);
      assert.ok(await page.locator('#degrees-table tr.current.best').isVisible(), 'the chosen degree is marked');
      await shot(page, `diagram-degrees-${lang}`);
      await assertHealthy(page, errors, assert);
    });
  });
}

for (const lang of ['en', 'zh']) {
  test(`Hovering a residual words (y − ŷ)² and its share (${lang})`, async () => {
    await withPage(shared.browser, `diagram-residual-${lang}`, { query: `?lang=${lang}` }, async ({ page, errors }) => {
      await setMode(page, 'regression');
      await choose(page, '#preset', 'sine');
      await choose(page, '#model', 'linear');
      await settle(page);
      const { rows } = await readPoints(page);
      const [, x, y] = rows[0];
      const at = await dataToPage(page, x, y);
      await page.mouse.move(at.x, at.y);
      const info = page.locator('#residual-info');
      await info.waitFor({ state: 'visible' });
      const t = await info.textContent();
      assert.match(t, /\(y − ŷ\)² = \(-?\d+\.\d{3} − -?\d+\.\d{3}\)² = \d+\.\d{3}/);
      assert.match(t, /\d+\.\d%/);
      assert.ok(t.includes(y.toFixed(3)), `the point's own y: ${t}`);
      await shot(page, `diagram-residual-${lang}`);
      await page.mouse.move(2, 2);
      await info.waitFor({ state: 'hidden' });
      await assertHealthy(page, errors, assert);
    });
  });
}
