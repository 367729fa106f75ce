// What the lesson tests (lessons.test.mjs, lessons_lab.test.mjs) do to a
// lesson's page: read and wait for the task's mark, play until a
// condition holds, and pause.
import assert from 'node:assert/strict';
import { shot, text } from './helpers.mjs';

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
