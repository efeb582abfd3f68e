// One build at a time (issue 16 point 3): a new build's files reach the offline copy even behind
// a server that sends max-age, open pages stay on the build they started with (the files they
// load later included) until they reload, the page says “新版本已就绪，刷新”, and the version it
// shows names the build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { SITE } from './paths.js';
import { launchChromium } from './browser.js';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.wasm': 'application/wasm',
  '.png': 'image/png' };

let dir;
let server;
let origin;
let browser;

// A copy of the site behind a server that lets the browser keep every file for an hour.
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-update-'));
  fs.cpSync(SITE, dir, { recursive: true });
  server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
    if (!file.startsWith(dir) || !fs.existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'max-age=3600' });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const buildOf = (sw) => /const BUILD = '([^']+)'/.exec(sw)[1];

test('the version names the rules\' date and this build', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForSelector('body[data-ready="yes"]');
  const build = buildOf(fs.readFileSync(path.join(SITE, 'sw.js'), 'utf8'));
  assert.match(build, /^[0-9a-f]{12}$/);
  assert.match(await page.locator('#version').innerText(), new RegExp(`版本 .+ · 规则 \\d{4}-\\d{2}-\\d{2} · 构建 ${build}$`));
  await context.close();
});

test('a new build waits for 刷新, past the HTTP cache, while open pages keep their own build', async () => {
  const context = await browser.newContext();
  const problems = [];
  const open = async () => {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready="yes"]');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    });
    return page;
  };
  const first = await open();
  const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const oldBuild = buildOf(sw);
  const oldChart = fs.readFileSync(path.join(dir, 'chart-view.js'), 'utf8');

  // The next build: two files changed (the browser's HTTP cache holds the old ones), a new hash.
  const newBuild = 'f00dfeedbeef';
  fs.appendFileSync(path.join(dir, 'format.js'), '\n// the second build\n');
  fs.appendFileSync(path.join(dir, 'chart-view.js'), '\n// the second build\n');
  fs.writeFileSync(path.join(dir, 'sw.js'), sw.replace(`const BUILD = '${oldBuild}'`, `const BUILD = '${newBuild}'`));
  const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  fs.writeFileSync(path.join(dir, 'index.html'), index.replace(`data-build="${oldBuild}"`, `data-build="${newBuild}"`));

  await first.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await first.locator('#update-notice').waitFor();
  assert.match(await first.locator('#update-notice').innerText(), /新版本已就绪，\s*刷新/);
  const inNewCache = await first.evaluate(async (name) => {
    const hit = await (await caches.open(name)).match('./format.js');
    return hit ? hit.text() : null;
  }, `settle-${newBuild}`);
  assert.ok(inNewCache?.includes('the second build'), 'the new cache has the new file, not the HTTP cache\'s old one');
  // Still the old build here, and in a page opened now, until 刷新.
  assert.ok(!(await first.evaluate(async () => (await fetch('./format.js')).text())).includes('the second build'));
  const second = await open();
  assert.match(await second.locator('#version').innerText(), new RegExp(`构建 ${oldBuild}$`));
  await second.locator('#update-notice').waitFor();

  await Promise.all([second.waitForEvent('load'), second.locator('#update-reload').click()]);
  await second.waitForSelector('body[data-ready="yes"]');
  assert.match(await second.locator('#version').innerText(), new RegExp(`构建 ${newBuild}$`));
  assert.equal(await second.locator('#update-notice').isHidden(), true);

  // The first page, not reloaded, still gets its own build's files for what it loads later.
  const later = await first.evaluate(async (build) => ({
    chart: await (await fetch(`./chart-view.js?build=${build}`)).text(),
    kept: await caches.has(`settle-${build}`),
  }), oldBuild);
  assert.equal(later.chart, oldChart);
  assert.equal(later.kept, true, 'the old build\'s cache stays while a page runs it');
  await first.locator('#update-notice').waitFor();
  await first.locator('#visit-0-total').fill('10000');
  await first.locator('#visit-0-basic_paid').fill('5000');
  await first.locator('details#chart-panel > summary').click();
  await first.locator('#chart-panel svg, #chart-panel canvas, #chart-panel .chart').first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
