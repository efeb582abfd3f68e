// node bench/page-bench.mjs [--loads N] [--keystrokes N] FIRST.json CASE50.json
// The page in headless Chromium (Debian's /usr/bin/chromium through playwright-core), served
// from build/site/ (SETTLE_SITE overrides) by scripts/static_server.py on 127.0.0.1.
//
// Each figure is taken in the same run as the static page it is compared with (issue 18: this
// machine's speed drifts by a quarter between runs), at 1x and with 4x CPU throttling (CDP
// Emulation.setCPUThrottlingRate), N loads each after one discarded:
// - static: the first contentful paint of cities.html (text and stylesheets, no engine);
// - plain: index.html, the complete first screen painted: its first contentful paint (the form
//   and the example's result are in the HTML, the stylesheet blocks rendering until it is in);
// - link: a #case= link holding FIRST until the mark `settle:first-result-painted`, which
//   web/app.js sets once the frame with the link's form and result (built together) has been drawn;
// each `fresh` (a new browser context: no HTTP cache, no service worker) and `repeat` (one
// context that has visited once: the service worker's cache and the browser's compiled code).
// - first-load files: what the fresh link load fetched up to its result (Resource Timing), so the
//   page weight can be told apart from what the service worker caches afterwards.
// - recompute: CASE50 opened from a #case= link; then keystrokes in its last visit's total
//   (a digit, then Backspace, and so on), each timed from the input event to the moment the
//   amounts have been rewritten (a MutationObserver on #result, which runs right after the
//   recompute's own task), and to the moment the steps are back (settled in a later task).
// - engine: the engine alone, cold, in a fresh page (load, first settle, second settle, cities).
// Prints tab-separated lines: `page KIND VISIT THROTTLE <ms>...`, `marks KIND VISIT THROTTLE
// <mark>=<median ms>...`, `engine THROTTLE <phase>=<median ms>...`, `first_load_files <file>...`,
// `recompute <ms>...`, `recompute_explained <ms>...`.
import fs from 'node:fs';
import { launchChromium } from '../tests/web/browser.js';
import { fragmentOf } from '../tests/web/session.js';
import { median, serve, until } from './browser-loads.mjs';
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

// A page in a context of its own (no cache, no service worker), and its CDP session.
async function freshPage(browser, throttle) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (throttle) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return { context, page, cdp };
}

// A #case= link to the case of a file, as web/share.js writes it.
const link = (base, file) => `${base}${fragmentOf(JSON.parse(fs.readFileSync(file, 'utf8')))}`;

// The page's marks on the way (web/app.js), and the files it fetched up to `mark`.
const readLoad = (mark) => `(() => {
  const at = performance.getEntriesByName('${mark}')[0].startTime;
  const files = performance.getEntriesByType('resource').filter((e) => e.startTime <= at).map((e) => e.name);
  const marks = Object.fromEntries(performance.getEntriesByType('mark')
    .filter((m) => m.name.startsWith('settle:')).map((m) => [m.name.slice(7), m.startTime]));
  return { marks, files: [location.href, ...files].map((url) => new URL(url).pathname) };
})()`;

// A page's figure in one load: `static` (cities.html: its first contentful paint), `plain`
// (index.html: the first contentful paint, which is the complete prerendered screen, and the
// marks of the takeover), `link` (a
// #case= link holding FIRST: the mark `settle:first-result-painted`, the frame with the link's
// form and result drawn, together). In `context` (a fresh one per load, or the repeat visitor's).
async function loadOnce(context, base, kind, throttle) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const evaluate = async (expression) => (await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })).result.value;
  try {
    if (kind === 'static') {
      await page.goto(`${base}cities.html`, { waitUntil: 'commit' });
      return { ms: await evaluate(until('paint', 'first-contentful-paint')) };
    }
    if (kind === 'plain') {
      await page.goto(`${base}index.html`, { waitUntil: 'commit' });
      const ms = await evaluate(until('paint', 'first-contentful-paint'));
      await evaluate(until('mark', 'settle:form'));
      await page.waitForTimeout(100);
      return { ms, ...(await evaluate(readLoad('settle:form'))) };
    }
    await page.goto(link(base, firstCase), { waitUntil: 'commit' });
    let ms = await evaluate(until('mark', 'settle:first-result-painted'));
    // Under 4x throttling the observer has missed the mark on this machine: read it directly.
    if (!Number.isFinite(ms)) ms = await evaluate("performance.getEntriesByName('settle:first-result-painted')[0]?.startTime ?? NaN");
    await page.waitForTimeout(200);  // the marks set just after (the form)
    return { ms, ...(await evaluate(readLoad(MARK))) };
  } finally {
    await page.close();
  }
}

// A visitor who has been here before: one visit, after which the service worker has every file
// and the browser its compiled code (what staff have, many times a day).
async function repeatVisitor(browser, base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link(base, firstCase));
  await page.evaluate(() => navigator.serviceWorker.ready);  // installed: every file in its cache
  await page.waitForTimeout(1500);  // the cache filled, the code cached
  await page.close();
  for (const kind of ['static', 'plain', 'link']) await loadOnce(context, base, kind, 1);  // each seen once through the worker
  return context;
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
  let files = [];
  for (const throttle of [1, 4]) {
    const times = {};
    const phases = {};
    const fresh = async (kind) => {
      const context = await browser.newContext();
      try {
        return await loadOnce(context, base, kind, throttle);
      } finally {
        await context.close();
      }
    };
    for (const kind of ['static', 'plain', 'link']) await fresh(kind);  // discarded: the browser's own first start
    const returning = await repeatVisitor(browser, base);
    try {
      for (let i = 0; i < loads; ++i) {
        for (const visit of ['fresh', 'repeat']) {
          for (const kind of ['static', 'plain', 'link']) {
            const load = visit === 'fresh' ? await fresh(kind) : await loadOnce(returning, base, kind, throttle);
            if (!Number.isFinite(load.ms)) { console.error(`page-bench: ${kind} ${visit} ${throttle}x: no figure in 15 s`); continue; }
            (times[`${kind}\t${visit}`] ||= []).push(load.ms);
            for (const [name, at] of Object.entries(load.marks || {})) ((phases[`${kind}\t${visit}`] ||= {})[name] ||= []).push(at);
            if (kind === 'link' && visit === 'fresh' && throttle === 1) files = load.files;
          }
        }
      }
    } finally {
      await returning.close();
    }
    for (const [key, values] of Object.entries(times)) console.log(`page\t${key}\t${throttle}\t${fmt(values)}`);
    for (const [key, marks] of Object.entries(phases)) {
      const order = Object.keys(marks).sort((a, b) => median(marks[a]) - median(marks[b]));
      console.log(`marks\t${key}\t${throttle}\t${order.map((name) => `${name}=${median(marks[name]).toFixed(0)}`).join('\t')}`);
    }
    const cold = {};
    for (let i = 0; i < loads; ++i) {
      for (const [name, ms] of Object.entries(await engineCold(browser, base, throttle))) (cold[name] ||= []).push(ms);
    }
    console.log(`engine\t${throttle}\t${Object.entries(cold).map(([name, values]) => `${name}=${median(values).toFixed(1)}`).join('\t')}`);
  }
  console.log(`first_load_files\t${[...new Set(files)].join('\t')}`);
  const typing = await recompute(browser, base);
  console.log(`recompute\t${fmt(typing.amounts)}`);
  console.log(`recompute_explained\t${fmt(typing.explained)}`);
} finally {
  await browser.close();
  server.kill();
}
