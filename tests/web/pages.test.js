// The city policy pages written at build time (issue 8 item 1): one per city with a card per
// rule, 试算 links whose cases settle to what the page says, an index, offline copies, and the
// calculator opened from a 试算 link showing the pre-filled result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SITE, loadSiteApi } from './paths.js';
import { openSession, openCalculator, axeProblems, shoot, pageWidth, yuan, shownTier, TIERS } from './session.js';

const api = await loadSiteApi();
const catalog = api.cities();
// The pages' HTML without the spans that keep amounts on one line (an amount reads as text).
const read = (name) => fs.readFileSync(path.join(SITE, name), 'utf8').replace(/<span class="money">([^<]*)<\/span>/g, '$1');
const linksIn = (html) => [...html.matchAll(/href="index\.html#case=([A-Za-z0-9_-]+)"/g)]
  .map((m) => JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')));

test('every page opens with the one shared head and links; only the calculator and training may run WebAssembly', () => {
  const pages = fs.readdirSync(SITE).filter((name) => name.endsWith('.html'));
  assert.ok(pages.length >= 3 + catalog.cities.length);
  for (const name of pages) {
    const html = read(name);
    assert.ok(!html.includes('<!--@head'), `${name}: marker left in`);
    assert.match(html, /^<!doctype html>\n<html lang="zh-CN">\n<head>\n  <meta charset="utf-8">\n/, name);
    const csp = [...html.matchAll(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(csp.length, 1, `${name}: one policy`);
    // The calculator also allows its one inline script, by its hash (head.mjs FIRST_SCREEN_SCRIPT).
    assert.match(csp[0], name === 'index.html' ? /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'; /
      : /^default-src 'self'; script-src 'self'(?: 'wasm-unsafe-eval')?; /, name);
    assert.equal(csp[0].includes('wasm-unsafe-eval'), ['index.html', 'training.html'].includes(name), name);
    for (const line of ['<link rel="manifest" href="manifest.webmanifest">', '<link rel="stylesheet" href="app.css">']) {
      assert.equal(html.split(line).length, 2, `${name}: ${line} once`);
    }
    const nav = /<nav class="site-nav" aria-label="本站页面">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
    assert.deepEqual([...nav.matchAll(/href="([\w.-]+)"/g)].map((m) => m[1]), ['index.html', 'cities.html', 'training.html'], name);
    const current = [...nav.matchAll(/href="([\w.-]+)" aria-current="page"/g)].map((m) => m[1]);
    assert.deepEqual(current, name.startsWith('city-') ? [] : [name], `${name}: marked as the page shown`);
  }
});

test('every city has a page, linked from the index, with a card per rule and the clause quoted', () => {
  const index = read('cities.html');
  for (const city of catalog.cities) {
    assert.match(index, new RegExp(`href="city-${city.id}\\.html"`), city.id);
    const page = read(`city-${city.id}.html`);
    for (const period of city.periods) {
      for (const rule of period.rules) {
        assert.ok(page.includes(`data-rule="${rule.id}"`), `${city.id}: card for ${rule.id}`);
        if (rule.quote) assert.ok(page.includes(rule.quote.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')), `${city.id}: quote of ${rule.id}`);
      }
    }
    if (city.periods.some((p) => p.preliminary)) assert.match(page, /初步标准/);
    assert.match(page, /<span class="badge prov-stated">原文规定<\/span>/);
  }
});

test('every 试算 link carries a case that settles as the page says (or asks only for a parameter)', () => {
  for (const city of catalog.cities) {
    const page = read(`city-${city.id}.html`);
    const cases = linksIn(page);
    assert.ok(cases.length >= city.categories.length + 1, `${city.id}: a link per category and 普通参保人员`);
    const categories = new Set(cases.map((k) => k.identities[0] || 'general'));
    for (const c of city.categories) assert.ok(categories.has(c.id), `${city.id}: 试算 for ${c.id}`);
    for (const kase of cases) {
      assert.equal(kase.city, city.id);
      const answer = api.trySettle(kase);
      if (answer.error) {
        assert.match(answer.error.path, /^parameters\./, `${city.id} ${JSON.stringify(kase)}: ${answer.error.message}`);
        continue;
      }
      const category = kase.identities[0] || 'general';
      const row = new RegExp(`<tr data-category="${category}">[\\s\\S]*?</tr>`).exec(page)?.[0] || '';
      if (row.includes(`data-scheme="${kase.scheme}"`)) assert.ok(row.includes(`个人负担（含自费）${yuan(answer.totals.out_of_pocket)}`), `${city.id} ${category}: outcome shown`);
    }
  }
});

test('the service worker keeps the site\'s pages for offline use', () => {
  const sw = read('sw.js');
  for (const name of ['cities.html', 'training.html', 'training.js', 'training-scenarios.json', 'site.css', 'offline.js', ...catalog.cities.map((c) => `city-${c.id}.html`)]) {
    assert.ok(sw.includes(`'./${name}'`), name);
  }
});

let s;
before(async () => { s = await openSession(); });
after(async () => { await s?.close(); });

test('from the index to a city page to the calculator, pre-filled with that category\'s case', async () => {
  const { page } = s;
  await page.goto(s.url('cities.html'));
  await page.getByRole('link', { name: '烟台市' }).click();
  await page.waitForURL(/city-yantai\.html$/);
  const row = page.locator('tr[data-category="minimum_living"]');
  const outcome = await row.locator('.outcome').innerText();
  await row.getByRole('link').click();
  await page.waitForSelector('body[data-ready="yes"]');
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  assert.equal(`个人负担（含自费）${await shownTier(page, 'out_of_pocket')}`, outcome);
  assert.equal(await page.locator('#identity-minimum_living').isChecked(), true);
  assert.equal(await page.getByLabel('城市').inputValue(), 'yantai');
  assert.equal(await page.locator('#visit-0-total').inputValue(), '100000');
  assert.equal(await page.getByTestId('identity').innerText(), '低保对象');
});

test('a card\'s 试算 link for Jining settles from the bill alone (rough estimates, no slip amounts needed)', async () => {
  const { page } = s;
  await page.goto(s.url('city-jining.html'));
  await page.locator('[data-rule="assistance.tilted"] a.try-link[data-category="extreme_poverty"]').click();
  await page.waitForSelector('body[data-ready="yes"]');
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  const kase = linksIn(read('city-jining.html')).find((k) => k.identities[0] === 'extreme_poverty');
  const expected = api.settle(kase);
  for (const tier of TIERS) {
    assert.equal(await shownTier(page, tier), yuan(expected.totals[tier]), tier);
  }
  assert.equal(kase.visits[0].basic_paid, undefined, 'basic insurance is estimated, not an example slip figure');
  assert.equal(await page.locator('#visit-0-basic_paid').inputValue(), '');
});

test('the pages are accessible (axe-core), fit a phone, and look right at 360 and 1280', async () => {
  const { page } = s;
  for (const name of ['cities.html', ...catalog.cities.map((c) => `city-${c.id}.html`)]) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(s.url(name));
    assert.deepEqual(await axeProblems(page), [], name);
    const base = name.replace(/\.html$/, '');
    await shoot(page, `${base}-1280x800.png`, 1280, 800);
    await shoot(page, `${base}-360x740.png`, 360, 740);
    assert.ok(await pageWidth(page) <= 360, `${name}: no sideways scrolling at 360 px`);
  }
  await page.goto(s.url('city-yantai.html'));
  await shoot(s.page, 'city-yantai-card-360x740.png', 360, 740, '[data-rule="critical.resident.tilted"]');
  await shoot(s.page, 'city-yantai-card-1280x800.png', 1280, 800, '[data-rule="critical.resident.tilted"]');
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('after the calculator has been opened once, the city pages open offline', async () => {
  const context = await s.newContext();
  const page = s.watch(await context.newPage());
  await openCalculator(page, s.url());
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await context.setOffline(true);
  try {
    await page.goto(s.url('city-zaozhuang.html'));
    assert.match(await page.locator('h1').innerText(), /枣庄市/);
    await page.goto(s.url('cities.html'));
    assert.match(await page.locator('h1').innerText(), /各市/);
  } finally {
    await context.close();
  }
});

test('no request left the origin and no page raised an error', () => {
  assert.deepEqual(s.away(), []);
  assert.deepEqual(s.problems, []);
});
