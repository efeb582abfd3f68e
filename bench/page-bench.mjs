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
//   (a digit, then Backspace, and so on), each timed from the input event to the moment the
//   amounts have been rewritten (a MutationObserver on #result, which runs right after the
//   recompute's own task), and to the moment the steps are back (settled in a later task).
// - static page: the first contentful paint of cities.html (no engine) in the same conditions,
//   the floor under the first result on this machine and server.
// - engine: the engine alone, cold, in a fresh page (load, first settle, second settle, cities).
// Prints tab-separated lines: `first_result <ms>...`, `first_result_marks <mark>=<median ms>...`,
// `first_result_static_page <ms>...`, `first_result_engine <phase>=<median ms>...` (the same for
// `first_result_4x`), `first_load_files <file>...`, `recompute <ms>...`, `recompute_explained <ms>...`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { launchChromium } from '../tests/web/browser.js';
import { ROOT, SITE } from '../tests/web/paths.js';
import { fragmentOf } from '../tests/web/session.js';
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

// A page in a context of its own (no cache, no service worker), and its CDP session.
async function freshPage(browser, throttle) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (throttle) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return { context, page, cdp };
}

// As Python's statistics.median (bench/report.py takes the other medians with it).
function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// A #case= link to the case of a file, as web/share.js writes it.
const link = (base, file) => `${base}${fragmentOf(JSON.parse(fs.readFileSync(file, 'utf8')))}`;

// Waits through CDP, in the page's own world, for the Performance API entry `name` of `type`
// and gives its time: Playwright's waitForFunction would inject its utility script and poll
// every frame, work the page would be measured with.
const until = (type, name) => `new Promise((resolve) => new PerformanceObserver((list, observer) => {
  const entry = list.getEntriesByName('${name}')[0];
  if (!entry) return;
  observer.disconnect();
  resolve(entry.startTime);
}).observe({ type: '${type}', buffered: true }))`;

// The page's marks on the way (web/app.js): script, engine, catalog, first-result, form.
const readLoad = `(() => {
  const at = performance.getEntriesByName('${MARK}')[0].startTime;
  const files = performance.getEntriesByType('resource').filter((e) => e.startTime <= at).map((e) => e.name);
  const marks = Object.fromEntries(performance.getEntriesByType('mark')
    .filter((m) => m.name.startsWith('settle:')).map((m) => [m.name.slice(7), m.startTime]));
  return { ms: at, marks, files: [location.href, ...files].map((url) => new URL(url).pathname) };
})()`;

async function firstResult(browser, base, throttle) {
  const { context, page, cdp } = await freshPage(browser, throttle);
  try {
    await page.goto(link(base, firstCase), { waitUntil: 'commit' });
    await cdp.send('Runtime.evaluate', { expression: until('mark', MARK), awaitPromise: true });
    await page.waitForTimeout(200);  // the marks set just after (the form)
    return (await cdp.send('Runtime.evaluate', { expression: readLoad, returnByValue: true })).result.value;
  } finally {
    await context.close();
  }
}

// The floor under the first result on this machine: when a static page of the same site, served
// the same way (cities.html: text and a stylesheet, no engine), first paints its text.
async function staticPaint(browser, base, throttle) {
  const { context, page, cdp } = await freshPage(browser, throttle);
  try {
    await page.goto(`${base}cities.html`, { waitUntil: 'commit' });
    return (await cdp.send('Runtime.evaluate', { expression: until('paint', 'first-contentful-paint'), awaitPromise: true, returnByValue: true })).result.value;
  } finally {
    await context.close();
  }
}

// The engine alone in a fresh page of the same origin (a blank 404 page: no app, no CSP): loading
// it, its first settle of FIRST without steps (V8 compiles each WebAssembly function the first
// time it is called), the same settle again, then cities(). Times in ms.
async function engineCold(browser, base, throttle) {
  const { context, page } = await freshPage(browser, throttle);
  try {
    await page.goto(`${base}bench-blank-page`);
    return await page.evaluate(async ({ api, text }) => {
      const start = performance.now();
      const engine = await (await import(api)).loadSettle();
      const loaded = performance.now();
      engine.settleRaw(text, { steps: false });
      const first = performance.now();
      engine.settleRaw(text, { steps: false });
      const second = performance.now();
      engine.cities();
      return { load: loaded - start, first_settle: first - loaded, second_settle: second - first, cities: performance.now() - second };
    }, { api: `${base}settle-api.js`, text: fs.readFileSync(firstCase, 'utf8') });
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
      window.benchExplained = [];
      let typed = null;
      let explaining = null;
      // From the input event: Playwright sends a key's down and its character as two CDP
      // messages, 2-4 ms apart even on an empty page, time that is not the page's.
      document.addEventListener('input', (event) => { typed = event.timeStamp; explaining = event.timeStamp; }, true);
      new MutationObserver(() => {
        if (typed === null) return;
        window.benchTimes.push(performance.now() - typed);
        typed = null;
      }).observe(document.querySelector('#result'), { childList: true, subtree: true, characterData: true, attributes: true });
      // The steps, settled in a task of their own after the amounts (web/app.js explainLater).
      new MutationObserver((records) => {
        if (explaining === null) return;
        const added = records.flatMap((r) => [...r.addedNodes]);
        if (!added.some((n) => n.classList?.contains('explain') && !n.hasAttribute('aria-busy'))) return;
        window.benchExplained.push(performance.now() - explaining);
        explaining = null;
      }).observe(document.querySelector('#result-body'), { childList: true });
    });
    const field = page.locator(total).last();
    await field.click();
    await page.keyboard.press('End');
    for (let i = 0; i < keystrokes; ++i) {
      await page.keyboard.press(i % 2 === 0 ? '7' : 'Backspace');
      await page.waitForFunction((n) => window.benchTimes.length >= n && window.benchExplained.length >= n, i + 1, { timeout: 10000 });
      await page.waitForTimeout(30);
    }
    return await page.evaluate(() => ({ amounts: window.benchTimes, explained: window.benchExplained }));
  } finally {
    await context.close();
  }
}

const { server, base } = await serve();
const browser = await launchChromium();
try {
  const fmt = (values) => values.map((v) => v.toFixed(1)).join('\t');
  for (const [label, throttle] of [['first_result', 0], ['first_result_4x', 4]]) {
    const times = [];
    const floor = [];
    const phases = {};
    let files = [];
    await firstResult(browser, base, throttle);  // discarded: the browser's own first start
    for (let i = 0; i < loads; ++i) {
      floor.push(await staticPaint(browser, base, throttle));
      const load = await firstResult(browser, base, throttle);
      times.push(load.ms);
      for (const [name, at] of Object.entries(load.marks)) (phases[name] ||= []).push(at);
      files = load.files;
    }
    console.log(`${label}\t${fmt(times)}`);
    console.log(`${label}_static_page\t${fmt(floor)}`);
    const order = Object.keys(phases).sort((a, b) => median(phases[a]) - median(phases[b]));
    console.log(`${label}_marks\t${order.map((name) => `${name}=${median(phases[name]).toFixed(0)}`).join('\t')}`);
    const cold = {};
    for (let i = 0; i < loads; ++i) {
      for (const [name, ms] of Object.entries(await engineCold(browser, base, throttle))) (cold[name] ||= []).push(ms);
    }
    console.log(`${label}_engine\t${Object.entries(cold).map(([name, values]) => `${name}=${median(values).toFixed(1)}`).join('\t')}`);
    if (!throttle) console.log(`first_load_files\t${[...new Set(files)].join('\t')}`);
  }
  const typing = await recompute(browser, base);
  console.log(`recompute\t${fmt(typing.amounts)}`);
  console.log(`recompute_explained\t${fmt(typing.explained)}`);
} finally {
  await browser.close();
  server.kill();
}
