// The attention lab as a learner meets it, in both languages: pick
// Transformer, train on a typed text, read the attention table (rows add
// up to 100%, the decoder's upper triangle 0%), draw the same weights as
// lines, type a prompt longer than the context (cut, and said), generate,
// fill a blank, and set GPT beside BERT: both trained a little every
// frame, scored on the same held-out characters, only GPT writes on;
// and lesson 10 (BERT against GPT) done as a learner does it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertHealthy, button, readout, setInput, sharedBrowser, shot, text, waitFrames, withPage } from './helpers.mjs';

const shared = sharedBrowser();

const WORDS = {
  en: {
    model: 'Model', transformer: 'Transformer', show: 'Show', lines: 'Lines', play: 'Keep training both', stop: 'Stop training both', cut: /only its last 32 characters/,
    text: 'the cat sat on the mat and the dog sat on the log. '.repeat(6), prompt: 'the cat sat on the mat and the dog sat on',
    sentence: 'the dog sat on the log', at: 5, decoder: /^Decoder \(GPT\)/, encoder: /^Encoder \(BERT\)/, refused: /masked language model/,
  },
  zh: {
    model: '模型', transformer: 'Transformer 模型', show: '显示', lines: '连线', play: '持续训练两个模型', stop: '停止训练两个模型', cut: /只有最后 32 个字/,
    text: '床前明月光，疑是地上霜。举头望明月，低头思故乡。'.repeat(9), prompt: '床前明月光，疑是地上霜。举头望明月，低头思故乡。'.repeat(2),
    sentence: '举头望明月', at: 3, decoder: /^解码器（GPT）/, encoder: /^编码器（BERT）/, refused: /掩码语言模型/,
  },
};

/** The attention tables as [{ caption, rows: [[cell text]] }]. */
async function tables(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('#att-tables table')].map((t) => ({
      caption: t.querySelector('caption').textContent,
      rows: [...t.querySelectorAll('tr')].slice(1).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    })),
  );
}

/** Coloured (not white, not grey text) pixels on canvas `id`. */
async function coloured(page, id) {
  return page.evaluate((id) => {
    const c = document.getElementById(id);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 40) n++;
    }
    return n;
  }, id);
}

for (const lang of ['en', 'zh']) {
  const w = WORDS[lang];
  test(`${lang}: a transformer on a typed text: attention as grids and lines, a long prompt cut, GPT beside BERT`, async () => {
    await withPage(shared.browser, `attention-lab-${lang}`, { query: `?lang=${lang}` }, async ({ page, errors }) => {
      const radio = page.locator('input[name=mode][value=language]');
      await page.locator('label').filter({ has: radio }).click();
      await page.waitForFunction(() => document.body.dataset.mode === 'language');
      await page.getByRole('combobox', { name: w.model, exact: true }).selectOption({ label: w.transformer });
      await page.waitForFunction(() => document.body.dataset.lm === 'transformer');
      // The learner's own text (over 200 characters: its last tenth is held out).
      await page.locator('#training-text').fill(w.text);
      await page.locator('#training-text').press('Tab');
      await page.waitForFunction(() => document.getElementById('text').value === '');
      await page.locator('#play').click();
      await page.waitForFunction(() => Number(document.getElementById('step-count').textContent) >= 40, null, { timeout: 60_000 });
      await page.locator('#play').click();
      await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false');

      // A prompt longer than the context: the last 32 characters are read, and the page says so.
      await page.locator('#prompt').fill(w.prompt);
      await page.waitForFunction(() => !document.getElementById('prompt-cut').hidden);
      assert.match(await text(page, '#prompt-cut'), w.cut);
      await page.waitForFunction(() => document.querySelectorAll('#att-tables table').length === 2);
      const t = await tables(page);
      for (const { rows } of t) {
        assert.equal(rows.length, 32, 'a row per character read');
        rows.forEach((cells, i) => {
          const sum = cells.reduce((s, c) => s + Number(c.replace('%', '')), 0);
          assert.ok(Math.abs(sum - 100) < 2, `row ${i} adds up to 100%: ${sum}`);
          cells.slice(i + 1).forEach((c) => assert.equal(c, '0.0%', `row ${i} looks only back`));
        });
      }
      // A short prompt: nothing to say.
      await page.locator('#prompt').fill(w.prompt.slice(0, 10));
      await page.waitForFunction(() => document.getElementById('prompt-cut').hidden);

      // The same weights as lines (one colour per head), then both views.
      const show = page.getByRole('combobox', { name: w.show, exact: true });
      await show.selectOption({ label: w.lines });
      await page.waitForFunction(() => !document.getElementById('attention-lines').hidden && document.getElementById('attention-map').hidden);
      await waitFrames(page, 2);
      assert.ok(await coloured(page, 'attention-lines') > 200, 'lines drawn in the heads\' colours');
      await show.selectOption('both');
      await page.waitForFunction(() => !document.getElementById('attention-lines').hidden && !document.getElementById('attention-map').hidden);

      // Generate: the decoder writes on.
      const before = await page.locator('#prompt').inputValue();
      await page.locator('#generate-many').click();
      await page.waitForFunction((b) => document.getElementById('prompt').value.length === b.length + 50, before);

      // Fill a blank, then keep both training, side by side.
      await page.locator('#blank-sentence').fill(w.sentence);
      await setInput(page, '#blank-at', w.at);
      await page.locator('#blank-train').click();
      await page.waitForFunction(() => document.querySelectorAll('#blank-bars .bars').length === 2);
      await button(page, w.play).click();
      await page.waitForFunction(() => document.getElementById('compare-play').getAttribute('aria-pressed') === 'true');
      await page.waitForFunction(() => Number(document.querySelector('#compare-scores tr:nth-of-type(2) td')?.textContent) >= 120, null, { timeout: 60_000 });
      assert.ok(await button(page, w.stop).isVisible());
      await button(page, w.stop).click();
      await page.waitForFunction(() => document.getElementById('compare-play').getAttribute('aria-pressed') === 'false');
      await waitFrames(page, 3);
      const rows = await page.evaluate(() => [...document.querySelectorAll('#compare-scores tr')].slice(1)
        .map((tr) => [...tr.children].map((c) => c.textContent)));
      assert.equal(rows.length, 2);
      assert.match(rows[0][0], w.decoder);
      assert.match(rows[1][0], w.encoder);
      assert.equal(rows[0][1], rows[1][1], 'the same number of steps');
      for (const r of rows) {
        assert.ok(Number.isFinite(Number(r[2])) && /%$/.test(r[3]), `a held-out loss and accuracy: ${r}`);
      }
      console.log(`${lang} held-out blanks: ${JSON.stringify(rows)}`);
      // Only the decoder continues the prompt; the encoder says why not.
      await page.locator('#compare-write-left').click();
      await page.waitForFunction(() => document.querySelectorAll('#compare-written p').length === 1);
      await page.locator('#compare-write-both').click();
      await page.waitForFunction(() => document.querySelectorAll('#compare-written p').length === 2);
      assert.match(await text(page, '#status'), w.refused);
      assert.match(await text(page, '#compare-written'), w.refused);
      await shot(page, `attention-lab-${lang}`);

      // Switching the lab's Objective: the encoder reads both sides, nothing hidden.
      await page.locator('#objective').selectOption('masked');
      await page.waitForFunction(() => document.querySelectorAll('#att-tables td').length > 0 &&
        document.querySelectorAll('#att-tables table')[0].querySelectorAll('tr')[1].querySelectorAll('td')[1].textContent !== '0.0%');
      assert.equal(await readout(page, '#step-count'), 0, 'a new objective starts again');
      await assertHealthy(page, errors, assert);
    });
  });
}

test('lesson 10: BERT beats GPT on the blank, then only GPT writes on', async () => {
  for (const lang of ['en', 'zh']) {
    await withPage(shared.browser, `lesson-10-${lang}`, { query: `?lang=${lang}#lesson=10`, wait: false }, async ({ page, errors }) => {
      await page.waitForFunction(() => !document.getElementById('lesson').hidden &&
        document.querySelector('#lesson-list [aria-current]')?.textContent === '10');
      await page.waitForFunction(() => document.querySelectorAll('#blank-bars .bars').length === 2);
      const done = () => page.evaluate(() => document.getElementById('lesson-check').checked);
      // Asking each to write before training does the writing part, not the task.
      await page.locator('#compare-write-left').click();
      await page.waitForFunction(() => document.getElementById('compare-written').textContent.includes('GPT'));
      await page.locator('#compare-write-both').click();
      await page.waitForFunction(() => /BERT/.test(document.getElementById('status').textContent));
      assert.match(await text(page, '#compare-written'), lang === 'en' ? /masked language model/ : /掩码语言模型/);
      assert.equal(await done(), false, 'BERT has not won yet');
      await page.locator('#compare-play').click();
      await page.waitForFunction(() => document.getElementById('compare-play').getAttribute('aria-pressed') === 'true');
      await page.waitForFunction(() => document.getElementById('lesson-check').checked &&
        !document.getElementById('lesson-done').hidden, null, { timeout: 120_000 });
      await page.locator('#compare-play').click();
      await page.waitForFunction(() => document.getElementById('compare-play').getAttribute('aria-pressed') === 'false');
      const rows = await page.locator('#compare-scores tr').allTextContents();
      console.log(`lesson 10 ${lang}: ${rows.join(' | ')}`);
      assert.equal(rows.length, 3, 'a header and a row per model');
      await shot(page, `lesson-10-${lang}`);
      await assertHealthy(page, errors, assert);
    });
  }
});
