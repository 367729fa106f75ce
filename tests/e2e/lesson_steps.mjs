// What the lesson tests (lessons.test.mjs, lessons_lab.test.mjs) do to a
// lesson's page: read and wait for the task's mark, play until a
// condition holds, and pause.
import assert from 'node:assert/strict';
import { openPage, shot, text } from './helpers.mjs';

/** True when the task's mark is on. */
export async function isDone(page) {
  return page.evaluate(() => document.getElementById('lesson-check').checked);
}

/** Fails when the task's mark is already on. */
export async function notDone(page, what = '') {
  assert.equal(await isDone(page), false, `not done before the task ${what}`);
}

/** Waits until the task's mark is on (the check and its live "Done!"). */
export async function waitDone(page, what, timeout = 60_000) {
  await page.waitForFunction(
    () => document.getElementById('lesson-check').checked && !document.getElementById('lesson-done').hidden,
    null,
    { timeout },
  ).catch(async (e) => {
    await shot(page, `lesson-${what}-failure`);
    throw new Error(`${what}: the task was not marked done (${e.message}); status: ${await text(page, '#status')}`);
  });
}

/** Pauses if playing (looked at and clicked in one turn of the page's loop). */
export async function stop(page) {
  await page.evaluate(() => {
    const b = document.getElementById('play');
    if (b.getAttribute('aria-pressed') === 'true') b.click();
  });
  await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') !== 'true');
}

/** Plays (any language: the button's pressed state) until `until` holds in the page, then pauses. */
export async function playUntil(page, until, arg, { timeout = 60_000, what = 'the lesson' } = {}) {
  await page.locator('#play').click();
  await page
    .waitForFunction(until, arg, { timeout, polling: 'raf' })
    .catch(async (e) => {
      await shot(page, `lesson-play-${what}-failure`);
      throw new Error(`${what}: ${e.message}; status: ${await text(page, '#status')}`);
    });
  await stop(page);
}

/**
 * The course's pages for a test file's shared browser: open a lesson,
 * wait for it, train to a step, run in both languages, read a pair.
 */
export function course(shared) {
  const LANGS = ['en', 'zh'];
  /** Opens `#lesson=n` in `lang` and waits until the Lesson region shows it. */
  async function lesson(n, lang = 'en') {
    const s = await openPage(shared.browser, `?lang=${lang}#lesson=${n}`, { wait: false });
    await shown(s.page, n);
    return s;
  }

  /** Waits until the Lesson region shows lesson `n`. */
  async function shown(page, n) {
    await page.waitForFunction(
      (n) => !document.getElementById('lesson').hidden &&
        document.querySelector('#lesson-list [aria-current]')?.textContent === String(n),
      n,
    );
  }

  /** `Train N steps` and wait until Play has stopped at exactly step `to`. */
  async function trainTo(page, to) {
    await page.locator('#train-n').click();
    await page.waitForFunction(
      (to) => document.getElementById('play').getAttribute('aria-pressed') !== 'true' &&
        document.getElementById('step-count').textContent === String(to),
      to,
      { timeout: 60_000 },
    );
  }

  /**
   * Runs `fn(page, lang)` in lesson `n`, in English and then in Chinese; a
   * screenshot of the lesson after its task, and no console error.
   */
  async function inEachLanguage(n, fn) {
    for (const lang of LANGS) {
      const { page, errors, close } = await lesson(n, lang);
      try {
        await fn(page, lang);
        await shot(page, `lesson-${n}-${lang}`);
        assert.deepEqual(errors, [], `lesson ${n} ${lang}: console errors`);
      } finally {
        await close();
      }
    }
  }

  /** A readout "a / b" (or "a") as numbers, `%` dropped. */
  async function pair(page, sel) {
    return (await text(page, sel)).split('/').map((s) => Number.parseFloat(s));
  }
  return { lesson, shown, trainTo, inEachLanguage, pair };
}
