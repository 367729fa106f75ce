// Times the default sweep in the page (not a test: run by hand for the
// closing note and the bench), with the frame times while it runs.
import { launchBrowser } from './helpers.mjs';
const b = await launchBrowser();
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
if (process.env.WORKERS) {
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: Number(process.env.WORKERS) });
}
p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.error('console', m.text()); });
p.on('pageerror', (e) => console.error('pageerror', e.message));
await p.goto(`${process.env.BASE_URL}?lang=${process.env.LANG_UI || 'en'}`);
await p.locator('label:has(input[value=language])').click();
await p.waitForFunction(() => /Debian/.test(document.getElementById('sweep-source').textContent), null, { timeout: 120000 });
await p.locator('#sweep-text').selectOption(process.env.TEXT || 'genesis-en');
await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const t0 = Date.now();
await p.evaluate(() => {
  window.frames_ = [];
  let last = performance.now();
  const f = (t) => { window.frames_.push(t - last); last = t; requestAnimationFrame(f); };
  requestAnimationFrame(f);
});
await p.locator('#run-sweep').click();
const runs = await p.evaluate(() => document.querySelectorAll('#sweep-runs li').length);
await p.waitForFunction((n) => document.querySelectorAll('#sweep-table tbody tr').length >= n, runs, { timeout: 900000, polling: 1000 });
const ms = Date.now() - t0;
const frames = await p.evaluate(() => window.frames_.slice(5).sort((a, b) => a - b));
const p95 = frames[Math.floor(frames.length * 0.95)];
console.log(JSON.stringify({ runs, seconds: ms / 1000, frames: frames.length, p95 }));
console.log(await p.evaluate(() => document.getElementById('exponent').innerText));
console.log(await p.evaluate(() => document.getElementById('sweep-table').innerText));
await p.screenshot({ path: `/tmp/sweep-${process.env.TEXT || 'genesis-en'}-${process.env.LANG_UI || 'en'}.png`, fullPage: true });
if (process.env.SHOT) await p.locator('#scaling').screenshot({ path: process.env.SHOT });
await b.close();
