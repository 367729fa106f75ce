import { launchBrowser, openPage, shot } from '/work/wt-lessons/tests/e2e/helpers.mjs';
const browser = await launchBrowser();
for (const [lang, n] of process.argv.slice(2).map((a) => a.split(':'))) {
  const { page, errors, close } = await openPage(browser, `?lang=${lang}#lesson=${n}`, { wait: false });
  await page.waitForFunction(() => !document.getElementById('lesson').hidden && document.getElementById('lesson-title').textContent, null, { timeout: 20000 });
  await page.waitForTimeout(800);
  console.log(lang, n, await page.locator('#lesson-title').innerText(), JSON.stringify(errors), page.url());
  await shot(page, `lesson-${n}-${lang}`);
  await close();
}
await browser.close();
