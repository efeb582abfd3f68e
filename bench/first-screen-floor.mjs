// node bench/first-screen-floor.mjs [--loads N] [--throttle T]
// How fast the calculator's first screen could paint at best, against the static page (issue 18):
// index.html with its scripts taken out, so what is left is the cost of the page's own content.
// Variants of build/site/index.html (SETTLE_SITE overrides), each served from a copy of the site:
// - built:   as published (the prerendered example; its first-screen script);
// - content: the same HTML without any script (what a #case= link must paint as well, and more);
// - screen:  without scripts and without what lies below the first screen at 1280×720 (the
//            comparison, the per-visit table, the steps, the visits and the parameters panel);
// - header:  without scripts and without <main> (the header, nav and footer only).
// Each load takes the first contentful paint, fresh (a new browser context) and repeat (a context
// whose service worker has every file: installed from app.html, the published index.html), loads
// interleaved; the static page is cities.html of every copy, its loads pooled. Prints one line per
// variant and visit: `floor VARIANT VISIT THROTTLE ratio=R ms=M static_ms=S loads=N`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../tests/web/browser.js';
import { SITE } from '../tests/web/paths.js';
import { median, serve, until } from './browser-loads.mjs';

let loads = 8;
let throttle = 1;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--loads') loads = Number(args[++i]);
  else if (args[i] === '--throttle') throttle = Number(args[++i]);
  else {
    console.error('usage: node bench/first-screen-floor.mjs [--loads N] [--throttle T]');
    process.exit(64);
  }
}

const BELOW_THE_SCREEN = ['#compare', 'section.per-visit', 'section.sources', 'section.explain', 'section.visits', 'details#parameters'];
const VARIANTS = {
  built: null,
  content: [],
  screen: BELOW_THE_SCREEN,
  header: ['main'],
};

// The published index.html with every script and the parts `drop` taken out, as HTML.
async function cutDown(browser, url, drop) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await page.evaluate((selectors) => {
      for (const selector of [...selectors, 'script']) document.querySelectorAll(selector).forEach((node) => node.remove());
      return `<!doctype html>\n${document.documentElement.outerHTML}`;
    }, drop);
  } finally {
    await context.close();
  }
}

// One load's first contentful paint in `context`.
async function paintOnce(context, url) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  try {
    if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(url, { waitUntil: 'commit' });
    const { result } = await cdp.send('Runtime.evaluate', { expression: until('paint', 'first-contentful-paint'), awaitPromise: true, returnByValue: true });
    await page.waitForTimeout(300);  // the page's own work after its paint, before the next load
    return result.value;
  } finally {
    await page.close();
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'first-screen-floor-'));
const browser = await launchChromium();
const servers = [];
try {
  const published = await serve(SITE);
  servers.push(published.server);
  const sites = {};
  for (const [name, drop] of Object.entries(VARIANTS)) {
    const dir = path.join(work, name);
    fs.cpSync(SITE, dir, { recursive: true });
    fs.copyFileSync(path.join(SITE, 'index.html'), path.join(dir, 'app.html'));
    if (drop) fs.writeFileSync(path.join(dir, 'index.html'), await cutDown(browser, `${published.base}index.html`, drop));
    const { server, base } = await serve(dir);
    servers.push(server);
    const returning = await browser.newContext();
    const page = await returning.newPage();
    await page.goto(`${base}app.html`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForTimeout(1500);  // every file in the worker's cache
    await page.close();
    for (const file of ['cities.html', 'index.html']) await paintOnce(returning, base + file);  // seen once through the worker
    sites[name] = { base, returning };
  }
  const times = {};
  const record = (key, ms) => { if (Number.isFinite(ms)) (times[key] ||= []).push(ms); };
  for (let i = 0; i < loads; ++i) {
    for (const [name, { base, returning }] of Object.entries(sites)) {
      for (const [kind, file] of [['static', 'cities.html'], [name, 'index.html']]) {
        const fresh = await browser.newContext();
        record(`${kind}\tfresh`, await paintOnce(fresh, base + file));
        await fresh.close();
        record(`${kind}\trepeat`, await paintOnce(returning, base + file));
      }
    }
  }
  for (const visit of ['fresh', 'repeat']) {
    const reference = median(times[`static\t${visit}`]);
    for (const name of Object.keys(VARIANTS)) {
      const values = times[`${name}\t${visit}`] || [];
      const ms = median(values);
      console.log(`floor\t${name}\t${visit}\t${throttle}x\tratio=${(ms / reference).toFixed(2)}\tms=${ms.toFixed(0)}\tstatic_ms=${reference.toFixed(0)}\tloads=${values.length}`);
    }
  }
} finally {
  await browser.close();
  for (const server of servers) server.kill();
  fs.rmSync(work, { recursive: true, force: true });
}
