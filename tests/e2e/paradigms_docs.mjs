// By hand (not a test): trains the three paradigms at their default
// length against BASE_URL, prints the table and the findings, and saves
// the region in both languages as docs/paradigms-en.png and -zh.png:
//
//   BASE_URL=http://127.0.0.1:8080/ node tests/e2e/paradigms_docs.mjs
import { fileURLToPath } from 'node:url';
import { launch } from './helpers.mjs';

const docs = fileURLToPath(new URL('../../docs/', import.meta.url));
const { page, errors, close } = await launch('?lang=en', { viewport: { width: 1280, height: 900 } });
try {
  await page.waitForFunction(() => document.querySelector('label:has(input[value=language])'));
  await page.locator('label:has(input[value=language])').click();
  await page.waitForFunction(() => document.querySelectorAll('#pd-runs li').length === 3, null, { timeout: 60_000 });
  const t0 = Date.now();
  await page.locator('#run-paradigms').click();
  await page.waitForFunction(() => document.querySelectorAll('#pd-runs progress').length > 0);
  await page.waitForFunction(() => !document.querySelector('#pd-runs progress'), null, { timeout: 900_000, polling: 1000 });
  console.log('total', (Date.now() - t0) / 1000, await page.locator('#pd-runs').innerText());
  await page.locator('#paradigms-table tbody button[data-model=instruct]').first().click();
  await page.locator('#pd-prompt').fill('flip it abcd>');
  await page.locator('#pd-answer').click();
  await page.waitForFunction(() => document.getElementById('pd-reply').textContent.length > 0);
  for (const lang of ['en', 'zh']) {
    await page.locator('#lang').selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
    await page.waitForFunction((t) => document.getElementById('h-paradigms').textContent === t, lang === 'en' ? 'Paradigms' : '三种范式');
    await page.locator('#paradigms').screenshot({ path: `${docs}paradigms-${lang}.png` });
    console.log(await page.locator('#paradigms-table').innerText());
    console.log(await page.locator('#pd-findings').innerText());
    console.log(await page.locator('#pd-reply').innerText());
  }
  console.log('errors', errors);
} finally { await close(); }
