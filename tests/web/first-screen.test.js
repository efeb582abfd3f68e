// The calculator's first screen, written into index.html at build time (issue 18,
// site/generator/prerender.mjs): the example case and the engine's result for it are on screen
// before any script runs; the page takes over without moving anything (no layout shift) and the
// first keystroke is computed live; a #case= link never shows the example.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SITE, loadSiteApi } from './paths.js';
import { openSession, shoot, pageWidth, yuan, fragmentOf, TIERS } from './session.js';
import { serveDir } from './static-server.js';

const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'site/generator/example-case.json'), 'utf8'));
const api = await loadSiteApi();
const settled = api.settle(example, { steps: false });
let session;
before(async () => { session = await openSession(); });
after(async () => { await session?.close(); });

// Every layout shift from the start of the page, as Chromium reports them.
// Each shift's value, and what moved (for the failure message: a rare shift is then named).
const watchShifts = () => {
  window.shifts = [];
  window.shifted = [];
  const name = (node) => (node ? `${node.nodeName}${node.id ? `#${node.id}` : ''}${node.className ? `.${String(node.className).split(' ')[0]}` : ''}` : '?');
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.shifts.push(entry.value);
      for (const source of entry.sources) window.shifted.push(`${name(source.node)} y ${source.previousRect.y} -> ${source.currentRect.y}`);
    }
  }).observe({ type: 'layout-shift', buffered: true });
};
const settledScreen = (page) => page.waitForFunction(() => document.body.dataset.ready === 'yes'
  && document.querySelector('#compare')?.dataset.done === 'yes'
  && document.querySelector('#result-body .explain:not([aria-busy])'));
const legendAmounts = (page) => page.$$eval('#result-body .legend .amount', (cells) => cells.map((c) => c.textContent));
// What a person reads in the form and the result (print-only parts are not on screen).
const screenText = (page) => page.evaluate(() => document.querySelector('main').innerText);

test('index.html holds the example case and the engine\'s result for it', () => {
  const html = fs.readFileSync(path.join(SITE, 'index.html'), 'utf8');
  assert.match(html, /<main class="layout" data-prerendered="yes">/);
  assert.ok(html.includes(`个人负担（含自费）<span class="money">${yuan(settled.totals.out_of_pocket)}`));
  for (const tier of TIERS) {
    assert.ok(html.includes(`<li data-tier="${tier}">`), tier);
  }
});

for (const width of [360, 1280]) {
  test(`at ${width} px the first screen without any script is the calculator with the example, and the page takes it over unmoved`, async () => {
    const plain = await session.browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width, height: 800 } });
    try {
      const page = await plain.newPage();
      await page.goto(session.url('index.html'));
      assert.deepEqual(await legendAmounts(page), TIERS.map((t) => yuan(settled.totals[t])));
      assert.equal(await page.locator('#city').inputValue(), example.city);
      assert.equal(await page.locator('[data-field="total"] input').inputValue(), example.visits[0].total);
      assert.ok(await pageWidth(page) <= width, 'no sideways scrolling');
      assert.match(await page.locator('#example-note').innerText(), /示例/, 'the example says it is one');
      await shoot(page, `first-screen-static-${width}.png`, width, 800);
      const before = await screenText(page);

      const live = session.watch(await (await session.newContext()).newPage());
      await live.setViewportSize({ width, height: 800 });
      await live.addInitScript(watchShifts);
      await live.goto(session.url('index.html'));
      await settledScreen(live);
      await live.waitForTimeout(300);
      assert.deepEqual(await live.evaluate(() => window.shifts), [], `no layout shift (moved: ${await live.evaluate(() => window.shifted.join('; '))})`);
      assert.equal(await live.evaluate(() => document.querySelector('main').dataset.prerendered), undefined, 'taken over');
      assert.equal(await screenText(live), before, 'the same screen as the one written at build time');
      await shoot(live, `first-screen-live-${width}.png`, width, 800);

      // The first keystroke is the engine's, live.
      const changed = structuredClone(example);
      changed.visits[0].total = `${example.visits[0].total}7`;
      const expectedAfter = api.settle(changed, { steps: false });
      await live.locator('[data-field="total"] input').first().click();
      await live.keyboard.press('End');
      await live.keyboard.press('7');
      await live.waitForFunction((text) => document.querySelector('#result-status').textContent.includes(text),
        yuan(expectedAfter.totals.out_of_pocket));
      // Changed, it is no longer the example: the note goes, and comes back with the example's own numbers.
      assert.equal(await live.locator('#example-note').isVisible(), false, 'an edited case is not the example');
      await live.keyboard.press('Backspace');
      await live.waitForFunction(() => !document.querySelector('#example-note').hidden);
      await live.context().close();
    } finally {
      await plain.close();
    }
    assert.deepEqual(session.problems, []);
  });
}

test('what is typed into the prerendered form before the page takes over is kept, computed, and typing goes on where it was', async () => {
  const context = await session.newContext();
  try {
    const page = session.watch(await context.newPage());
    // The script is held back until the person has typed, as on a slow phone.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/app.js', async (route) => { await held; await route.continue(); });
    await page.goto(session.url('index.html'), { waitUntil: 'domcontentloaded' });
    await page.locator('input[name="identity"][value="minimum_living"]').check();
    const total = page.locator('[data-field="total"] input').first();
    await total.click();
    await page.keyboard.press('End');
    await page.keyboard.type('5');
    assert.equal(await page.evaluate(() => document.querySelector('main').dataset.prerendered), 'yes', 'not yet taken over');
    release();
    await page.waitForSelector('body[data-ready="yes"]');
    await page.unroute('**/app.js');

    const changed = structuredClone(example);
    changed.visits[0].total = `${example.visits[0].total}5`;
    changed.identities = [...new Set([...(example.identities || []), 'minimum_living'])];
    const expected = api.settle(changed, { steps: false });
    assert.notEqual(expected.totals.out_of_pocket, settled.totals.out_of_pocket, 'the edits change the result');
    await page.waitForFunction((text) => document.querySelector('#result-status').textContent.includes(text),
      yuan(expected.totals.out_of_pocket));
    assert.equal(await total.inputValue(), changed.visits[0].total);
    assert.equal(await page.locator('input[name="identity"][value="minimum_living"]').isChecked(), true);
    assert.equal(await page.locator('#example-note').isVisible(), false, 'an edited case is not the example');
    // The caret is where it was: the next digit goes on the end.
    assert.equal(await page.evaluate(() => document.activeElement.closest('[data-field]')?.dataset.field), 'total');
    await page.keyboard.type('0');
    assert.equal(await total.inputValue(), `${changed.visits[0].total}0`);
  } finally {
    await context.close();
  }
  assert.deepEqual(session.problems, []);
});

test('a #case= link hides the example until its own case is on screen', async () => {
  const context = await session.newContext();
  try {
    const page = session.watch(await context.newPage());
    // The engine never arrives: what the page shows before it.
    await page.route('**/settle.wasm', () => {});
    const linked = structuredClone(example);
    linked.visits[0].total = '12345';
    linked.visits[0].in_policy = '12000';
    await page.goto(session.url(`index.html${fragmentOf(linked)}`));
    await page.waitForTimeout(300);
    const parts = ['#case-form', '#result-body', '#result-status'];
    const shown = async () => Promise.all(parts.map((s) => page.locator(s).isVisible()));
    assert.deepEqual(await shown(), [false, false, false]);
    assert.equal(await page.locator('.link-wait').innerText(), '正在打开链接中的案例…', 'says what it is doing');
    await page.unroute('**/settle.wasm');

    await page.goto('about:blank');
    await page.goto(session.url(`index.html${fragmentOf(linked)}`));
    await page.waitForSelector('body[data-ready="yes"]');
    const own = api.settle(linked, { steps: false });
    await page.waitForFunction((text) => document.querySelector('#result-status').textContent.includes(text), yuan(own.totals.out_of_pocket));
    assert.equal(await page.locator('[data-field="total"] input').inputValue(), '12345');
    assert.deepEqual(await shown(), [true, true, true]);
    assert.equal(await page.locator('.link-wait').isVisible(), false);
    assert.equal(await page.locator('#example-note').isVisible(), false, 'a link\'s case is not called an example');
  } finally {
    await context.close();
  }
  assert.deepEqual(session.problems, []);
});

// A link's form and result come on screen in one frame: its result, shown alone first, was pushed
// down by the form (at 360 px out of sight, a shift of 0.79) and the page's foot with it.
for (const width of [360, 1280]) {
  test(`at ${width} px a #case= link's form and result come on screen together, and nothing moves`, async () => {
    const context = await session.newContext();
    try {
      const page = session.watch(await context.newPage());
      await page.setViewportSize({ width, height: 800 });
      await page.addInitScript(watchShifts);
      await page.goto(session.url(`index.html${fragmentOf(example)}`));
      await settledScreen(page);
      await page.waitForTimeout(300);
      assert.deepEqual(await page.evaluate(() => window.shifts), [], `no layout shift (moved: ${await page.evaluate(() => window.shifted.join('; '))})`);
      assert.deepEqual(await legendAmounts(page), TIERS.map((t) => yuan(settled.totals[t])));
      assert.equal(await page.locator('[data-field="total"] input').inputValue(), String(example.visits[0].total));
      await shoot(page, `first-screen-link-${width}.png`, width, 800);
    } finally {
      await context.close();
    }
    assert.deepEqual(session.problems, []);
  });
}

test('a #case= link whose engine cannot load says so, and does not show the example', async () => {
  const context = await session.newContext();
  try {
    const page = await context.newPage();
    await page.route('**/settle.wasm', (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto(session.url(`index.html${fragmentOf(example)}`));
    const status = page.locator('#result-status');
    await status.filter({ hasText: '计算模块加载失败' }).waitFor();
    assert.equal(await status.isVisible(), true);
    assert.equal(await page.locator('#case-form').isVisible(), false, 'the example\'s form stays out');
    assert.equal(await page.locator('#result-body').isVisible(), false, 'the example\'s result stays out');
    assert.equal(await page.locator('.link-wait').isVisible(), false);
  } finally {
    await context.close();
  }
});

// web/link-start.js: a link's case is settled once the engine's own modules are in, not after
// every module of app.js: with the form's module held back, the settlement is done before it comes.
test('a #case= link settles its case before the rest of the page\'s modules have arrived', async () => {
  const context = await session.newContext();
  try {
    const page = session.watch(await context.newPage());
    let released = false;
    await page.route('**/case-form.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      released = true;
      await route.continue();
    });
    await page.goto(session.url(`index.html${fragmentOf(example)}`), { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('settle:link-settled').length > 0, null, { timeout: 4000 });
    assert.equal(released, false, 'settled only after the form\'s module came');
    assert.equal(await page.evaluate(() => performance.getEntriesByName('settle:script').length), 0, 'app.js ran before its modules were all in');
    await page.waitForSelector('body[data-ready="yes"]', { timeout: 10000 });
    assert.equal(await page.locator('[data-field="total"] input').inputValue(), String(example.visits[0].total));
  } finally {
    await context.close();
  }
  assert.deepEqual(session.problems, []);
});

// A link's page runs app.js as soon as its modules are in, which on a slow phone can be before
// the browser has the end of the page: with the footer (which holds the build's stamp) held back
// until app.js has run, the link's case still comes on screen and the version is written.
test('a #case= link whose app.js runs before the end of the page has arrived still opens its case', async () => {
  const server = await serveDir(SITE, { holdBack: { path: '/index.html', before: '<footer' } });
  const context = await session.newContext();
  try {
    const page = session.watch(await context.newPage());
    await page.goto(`${server.origin}/index.html${fragmentOf(example)}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('settle:script').length > 0, null, { timeout: 10000 });
    assert.deepEqual(await page.evaluate(() => [document.readyState, document.querySelector('#version')]), ['loading', null]);
    server.release();
    await page.waitForSelector('body[data-ready="yes"]', { timeout: 10000 });
    assert.equal(await page.locator('[data-field="total"] input').inputValue(), String(example.visits[0].total));
    assert.match(await page.locator('#version').textContent(), /^ 版本 .+ · 规则 \d{4}-\d{2}-\d{2} · 构建 [0-9a-f]{12}$/);
  } finally {
    await context.close();
    await server.close();
  }
  assert.deepEqual(session.problems, []);
});

// head.mjs FIRST_SCREEN_SCRIPT: a plain visit draws its prerendered screen before the page's
// scripts, the engine and the catalog are even asked for (they held that paint back when they
// came beside the stylesheet); a link asks for them at once, once the stylesheet is in (the
// script comes after it: the page is then parsed and laid out with its styles).
test('a plain visit asks for app.js and the engine only once its first frame is drawn; a link at once', async () => {
  const timings = async (fragment) => {
    const context = await session.newContext();
    try {
      const page = session.watch(await context.newPage());
      await page.addInitScript(() => requestAnimationFrame(() => { window.firstFrame = performance.now(); }));
      await page.goto(session.url(`index.html${fragment}`));
      await settledScreen(page);
      return await page.evaluate(() => {
        const entry = (name) => performance.getEntriesByType('resource').find((e) => e.name.endsWith(`/${name}`));
        return { frame: window.firstFrame, css: entry('app.css')?.responseEnd, cssAsked: entry('app.css')?.startTime,
          app: entry('app.js')?.startTime, wasm: entry('settle.wasm')?.startTime, catalog: entry('catalog.json')?.startTime };
      });
    } finally {
      await context.close();
    }
  };
  const plain = await timings('');
  assert.ok(Number.isFinite(plain.frame) && plain.frame >= plain.css, `a first frame (${plain.frame} ms) once app.css is in (${plain.css} ms)`);
  for (const name of ['app', 'wasm', 'catalog']) {
    assert.ok(plain[name] >= plain.frame, `${name}: asked at ${plain[name]} ms, first frame at ${plain.frame} ms`);
  }
  const linked = await timings(fragmentOf(example));
  assert.ok(linked.app < linked.frame, `a link asks for app.js (${linked.app} ms) before its first frame (${linked.frame} ms)`);
  assert.ok(linked.cssAsked <= linked.app, `the stylesheet is asked for (${linked.cssAsked} ms) before app.js (${linked.app} ms)`);
});

// head.mjs FIRST_SCREEN_SCRIPT begins compiling settle.wasm for a link before its modules are
// asked for (they come only once the page is parsed), and loadSettle takes that compiled module
// (wasm/settle-api.js): the file is fetched once, and first.
test('a #case= link fetches the engine once, before its modules, and settles with what it compiled', async () => {
  const context = await session.newContext();
  try {
    const page = session.watch(await context.newPage());
    await page.goto(session.url(`index.html${fragmentOf(example)}`));
    await settledScreen(page);
    const asked = await page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => ({ name: e.name.split('/').pop(), start: e.startTime })));
    const wasm = asked.filter((e) => e.name === 'settle.wasm');
    const linkStart = asked.find((e) => e.name === 'link-start.js');
    assert.equal(wasm.length, 1, `settle.wasm asked for ${wasm.length} times`);
    assert.ok(wasm[0].start <= linkStart.start, `settle.wasm asked at ${wasm[0].start} ms, link-start.js at ${linkStart.start} ms`);
    assert.deepEqual(await legendAmounts(page), TIERS.map((t) => yuan(settled.totals[t])));
  } finally {
    await context.close();
  }
  assert.deepEqual(session.problems, []);
});
