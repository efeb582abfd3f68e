// One browser session for a test file: the built site on a loopback server, Debian's chromium,
// a log of every request (to check none leaves the origin) and of every script or CSP error.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { SITE, SCREENSHOTS } from './paths.js';
import { serveDir } from './static-server.js';
import { launchChromium } from './browser.js';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function openSession({ acceptDownloads = false } = {}) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await serveDir(SITE);
  const browser = await launchChromium();
  const requests = [];
  const problems = [];
  const newContext = async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 }, acceptDownloads });
    context.on('request', (request) => requests.push(request.url()));
    return context;
  };
  const watch = (page) => {
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
    return page;
  };
  const context = await newContext();
  const page = watch(await context.newPage());
  return {
    server, browser, context, page, requests, problems, newContext, watch,
    url: (rest = '') => `${server.origin}/${rest}`,
    // Requests that went anywhere but the test server (there must be none).
    away: () => requests.filter((url) => !url.startsWith(`${server.origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')),
    async close() { await browser.close(); await server.close(); },
  };
}

// A fresh load (from a blank page, since going from /#case=a to /#case=b would only change the
// fragment, which the page handles without reloading).
// A plain visit opens on the example case (issue 18): its amounts are cleared, as a person
// starting a case of their own would, unless { example: true }.
export async function openCalculator(page, url, { example = false } = {}) {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForSelector('body[data-ready="yes"]');
  if (!example && !new URL(url).hash) await clearExample(page);
}

// Empties the amounts of the example's visit; the page then asks for a total.
export async function clearExample(page) {
  for (const name of ['total', 'in_policy', 'basic_paid', 'critical_paid']) {
    const field = page.locator(`#visit-0-${name}`);
    if (await field.inputValue()) await field.fill('');
  }
  await page.waitForFunction(() => /填写医疗总费用/.test(document.querySelector('#result-status').textContent));
}

// axe-core's serious and critical findings on the page as it is now.
export async function axeProblems(page) {
  if (!await page.evaluate(() => Boolean(window.axe))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

// Two frames after a change (a scroll, a root font size), so that a screenshot shows the page
// drawn where it now is: taken at once after a long scroll at 360 px, one showed a blank screen
// with the result's title at its foot (the browser had not yet drawn the new part).
// (A page whose scripts are off never runs the frames' callbacks: it is given a second.)
export const painted = (page) => Promise.race([
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))),
  page.waitForTimeout(1000),
]);

// A screenshot at a viewport width, from the top (target 0) or with an element at the top.
export async function shoot(page, name, width, height, target = 0, { fullPage = false } = {}) {
  await page.setViewportSize({ width, height });
  if (target === 0) await page.evaluate(() => window.scrollTo(0, 0));
  else await page.locator(target).first().evaluate((node) => node.scrollIntoView({ block: 'start' }));
  await painted(page);
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage });
}

// No sideways scrolling at this width.
export const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth);

export const yuan = (fen) => `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')} 元`;
// An amount as the tables show it, without the unit.
export const plain = (fen) => yuan(fen).replace(/ 元$/, '');
export const TIERS = ['basic', 'critical', 'assistance', 'reassistance', 'out_of_pocket'];
export const shownTier = (page, tier) => page.locator(`#result-body:not(.is-stale) .legend [data-tier="${tier}"] .amount`).innerText();

export const fragmentOf = (kase) => `#case=${Buffer.from(JSON.stringify(kase)).toString('base64url')}`;

// Pages in a PDF and the size of the first, read from the file itself: the page tree's /Count
// and the first /MediaBox (chromium's Skia writes both as plain text).
export function pdfPages(buffer) {
  const text = buffer.toString('latin1');
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)]
    .map((m) => Number(m[1] ?? m[2]));
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  return { pages: counts.length ? Math.max(...counts) : 0, width: box ? Number(box[3]) - Number(box[1]) : 0, height: box ? Number(box[4]) - Number(box[2]) : 0 };
}
