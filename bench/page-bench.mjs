// node bench/page-bench.mjs [--loads N] [--keystrokes N] FIRST.json CASE50.json
// The page in headless Chromium (Debian's /usr/bin/chromium through playwright-core), served
// from build/site/ (SETTLE_SITE overrides) by scripts/static_server.py on 127.0.0.1.
//
// - first result: navigation to a #case= link holding FIRST (the page shows no result before a
//   case has amounts) until the Performance API mark `settle:first-result`, which web/app.js
//   sets when its first computed result is on screen; every load in a fresh browser context (no
//   HTTP cache, no service worker: a first visit), one load discarded first, then N loads; again
//   with 4x CPU throttling (CDP Emulation.setCPUThrottlingRate).
// - first-load files: what the page itself fetched up to that mark (Resource Timing), so the
//   page weight can be told apart from what the service worker caches afterwards.
// - recompute: CASE50 opened from a #case= link; then keystrokes in its last visit's total
//   (a digit, then Backspace, and so on), each timed from the keydown event to the moment the
//   result has been rewritten (a MutationObserver on #result, which runs right after the
//   recompute's own task).
// Prints tab-separated lines: `first_result <ms>...`, `first_result_4x <ms>...`,
// `first_load_files <file>...`, `recompute <ms>...`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SITE = process.env.SETTLE_SITE || path.join(ROOT, 'build/site');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const MARK = 'settle:first-result';

let loads = 10;
let keystrokes = 40;
const cases = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--loads') loads = Number(args[++i]);
  else if (args[i] === '--keystrokes') keystrokes = Number(args[++i]);
  else cases.push(args[i]);
}
if (cases.length !== 2) {
  console.error('usage: node bench/page-bench.mjs [--loads N] [--keystrokes N] FIRST.json CASE50.json');
  process.exit(64);
}
const [firstCase, case50] = cases;

// The static server on a free port; resolves with the base URL once it says where it listens.
function serve() {
  const server = spawn('python3', [path.join(ROOT, 'scripts/static_server.py'), SITE, '0', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    readline.createInterface({ input: server.stdout }).once('line', (line) => {
      const port = /:(\d+)\/?\s*$/.exec(line)?.[1];
      if (!port) return reject(new Error(`static server said: ${line}`));
      resolve({ server, base: `http://127.0.0.1:${port}/` });
    });
  });
}

async function freshPage(browser, throttle) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (throttle) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  return { context, page };
}

// A #case= link, as web/share.js writes it: the case JSON in base64url.
function link(base, file) {
  const json = JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')));
  return `${base}#case=${Buffer.from(json, 'utf8').toString('base64url')}`;
}

async function firstResult(browser, base, throttle) {
  const { context, page } = await freshPage(browser, throttle);
  try {
    await page.goto(link(base, firstCase), { waitUntil: 'commit' });
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, { timeout: 60000 });
    return await page.evaluate((mark) => {
      const at = performance.getEntriesByName(mark)[0].startTime;
      const files = performance.getEntriesByType('resource').filter((e) => e.startTime <= at).map((e) => e.name);
      return { ms: at, files: [location.href, ...files].map((url) => new URL(url).pathname) };
    }, MARK);
  } finally {
    await context.close();
  }
}


async function recompute(browser, base) {
  const kase = JSON.parse(fs.readFileSync(case50, 'utf8'));
  const visits = kase.visits.length;
  const { context, page } = await freshPage(browser, 0);
  try {
    await page.goto(link(base, case50));
    const total = '[data-field="total"] input';
    await page.waitForFunction(({ selector, count, mark }) =>
      document.querySelectorAll(selector).length === count && performance.getEntriesByName(mark).length > 0,
    { selector: total, count: visits, mark: MARK }, { timeout: 60000 });
    await page.waitForTimeout(500);
    await page.evaluate(() => {
      window.benchTimes = [];
      let down = null;
      document.addEventListener('keydown', (event) => { down = event.timeStamp; }, true);
      new MutationObserver(() => {
        if (down === null) return;
        window.benchTimes.push(performance.now() - down);
        down = null;
      }).observe(document.querySelector('#result'), { childList: true, subtree: true, characterData: true, attributes: true });
    });
    const field = page.locator(total).last();
    await field.click();
    await page.keyboard.press('End');
    for (let i = 0; i < keystrokes; ++i) {
      await page.keyboard.press(i % 2 === 0 ? '7' : 'Backspace');
      await page.waitForFunction((n) => window.benchTimes.length >= n, i + 1, { timeout: 10000 });
      await page.waitForTimeout(30);
    }
    return await page.evaluate(() => window.benchTimes);
  } finally {
    await context.close();
  }
}

const { server, base } = await serve();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const fmt = (values) => values.map((v) => v.toFixed(1)).join('\t');
  for (const [label, throttle] of [['first_result', 0], ['first_result_4x', 4]]) {
    const times = [];
    let files = [];
    await firstResult(browser, base, throttle);  // discarded: the browser's own first start
    for (let i = 0; i < loads; ++i) {
      const load = await firstResult(browser, base, throttle);
      times.push(load.ms);
      files = load.files;
    }
    console.log(`${label}\t${fmt(times)}`);
    if (!throttle) console.log(`first_load_files\t${[...new Set(files)].join('\t')}`);
  }
  console.log(`recompute\t${fmt(await recompute(browser, base))}`);
} finally {
  await browser.close();
  server.kill();
}
