// Layouts that never break (issue 15): at 360 px with the root font at 100%, 150% and 200%,
// every amount, tier name, badge and 试算 link lays out on one line, no page is wider than the
// viewport and the tables become stacked rows instead of scrolling sideways; on a phone the
// breakdown comes right under the result line; amounts typed as people type them (8万).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SCREENSHOTS, SITE, loadSiteApi } from './paths.js';
import { openSession, openCalculator, axeProblems, fragmentOf, painted, pdfPages } from './session.js';
import { normalizeMoney, yuan as plainYuan } from '../../web/format.js';

const api = await loadSiteApi();
const catalog = api.cities();

// Elements that show an amount, a tier name, a badge or a 试算 link.
const UNITS = ['.money', '.amount', '.pct', '.legend-name', '.tier-name', 'td.num', '.step-head h5',
  '.tag', '.badge', '.try-table .try-link', '.per-visit th[scope="col"]', '.marks-table th[scope="row"]', '.solution-totals .money'].join(', ');

// In the page: the units laid out on more than one line (Range.getClientRects: a rect that starts
// below another's bottom), the document's overflow, and tables that scroll sideways.
function layoutProblems(units) {
  const broken = [];
  for (const node of document.querySelectorAll(units)) {
    if (node.getClientRects().length === 0 || !node.textContent.trim()) continue;
    // The column names of a stacked table are there for screen readers only (1 px).
    if (node.closest('thead') && node.closest('thead').getBoundingClientRect().width <= 2) continue;
    // 各身份对比 keeps its columns and scrolls inside its own box, its first column in view.
    if (node.closest('#compare .table-scroll')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const twoLines = rects.some((a) => rects.some((b) => b.top >= a.bottom - 1));
    if (twoLines) broken.push(`${node.className || node.tagName}: ${node.textContent.trim()}`);
    const right = Math.max(...rects.map((r) => r.right));
    if (right > innerWidth + 1) broken.push(`past the edge (${Math.round(right)} px): ${node.textContent.trim()}`);
  }
  const scrolling = [...document.querySelectorAll('.table-scroll')]
    .filter((box) => box.getClientRects().length && !box.closest('#compare') && box.scrollWidth > box.clientWidth + 1)
    .map((box) => `scrolls sideways: ${box.getAttribute('aria-label')}`);
  return { broken, scrolling, width: document.documentElement.scrollWidth, viewport: innerWidth };
}

let s;
before(async () => { s = await openSession(); });
after(async () => { await s?.close(); });

const ROOT_SIZES = ['100%', '150%', '200%'];

async function setRoot(page, size) {
  await page.evaluate((value) => { document.documentElement.style.fontSize = value; }, size);
  await painted(page);
}

// Checks one page state at 360 px under each root size; saves a screenshot of each (whole page).
async function checkAt360(page, name, { axe = true, shots = [['top', 'body']] } = {}) {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const size of ROOT_SIZES) {
    await setRoot(page, size);
    const found = await page.evaluate(layoutProblems, UNITS);
    for (const [part, target] of shots) {
      const at = page.locator(target).first();
      if (!await at.count() || !await at.isVisible()) continue;
      await at.evaluate((node) => node.scrollIntoView({ block: 'start' }));
      await painted(page);
      await page.screenshot({ path: path.join(SCREENSHOTS, `layout-${name}-${part}-360-${parseInt(size, 10)}.png`) });
    }
    assert.deepEqual(found.broken, [], `${name} at ${size}`);
    assert.deepEqual(found.scrolling, [], `${name} at ${size}`);
    assert.ok(found.width <= found.viewport, `${name} at ${size}: the document is ${found.width} px wide`);
  }
  if (axe) assert.deepEqual(await axeProblems(page), [], name);
  await setRoot(page, '');
}

const visit = (date, total, extra = {}) => ({ date, kind: 'inpatient', hospital_level: 3, total: String(total), in_policy: String(Math.floor((total * 9) / 10)), ...extra });
const oneVisit = { city: 'yantai', scheme: 'resident', identities: ['minimum_living'], visits: [visit('2024-03-02', 386000)] };
const tenVisits = {
  city: 'yantai', scheme: 'resident', identities: ['extreme_poverty', 'minimum_living'],
  visits: Array.from({ length: 10 }, (_, i) => visit(`2024-${String(i + 1).padStart(2, '0')}-1${i % 9}`, 23457 * (i + 1) + 1000000 * (i % 3))),
};

async function openCase(page, kase) {
  await openCalculator(page, s.url(`index.html${fragmentOf(kase)}`));
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  await page.locator('.explain:not([aria-busy="true"]) .step').first().waitFor();
}

// The cells of stacked tables whose name (its data-label, drawn before the value) and value touch:
// the value neither starts on a line under the name nor leaves a space after it.
function gluedCells() {
  const glued = [];
  for (const cell of document.querySelectorAll('table td[data-label]')) {
    const text = [...cell.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())
      || cell.querySelector('.money, span');
    if (!text || !cell.getClientRects().length) continue;
    const before = getComputedStyle(cell, '::before');
    if (before.content === 'none' || before.display === 'none') continue;  // a table, not stacked
    const range = document.createRange();
    range.selectNodeContents(text);
    const value = range.getClientRects()[0];
    const box = cell.getBoundingClientRect();
    const probe = document.createElement('span');
    probe.textContent = before.content.replace(/^"|"$/g, '').replace(/" "/g, '');
    probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${before.font}`;
    document.body.append(probe);
    const nameEnd = box.left + parseFloat(getComputedStyle(cell).paddingLeft) + probe.getBoundingClientRect().width;
    probe.remove();
    const below = value.top >= box.top + value.height / 2;
    if (!below && value.left - nameEnd < 4) glued.push(`${cell.dataset.label}${cell.textContent.trim()}`);
  }
  return glued;
}

test('the calculator with one visit and with ten: one line per amount at 360 px, 100–200% text', async () => {
  const { page } = s;
  for (const [name, kase] of [['one-visit', oneVisit], ['ten-visits', tenVisits]]) {
    assert.ok(!api.trySettle(kase).error, name);
    await openCase(page, kase);
    await page.setViewportSize({ width: 360, height: 740 });
    for (const size of ROOT_SIZES) {
      await setRoot(page, size);
      assert.deepEqual(await page.evaluate(gluedCells), [], `${name} at ${size}: a stacked cell's name and amount touch`);
    }
    await checkAt360(page, name, { shots: [['result', '#result-title'], ['visits', '#per-visit-title'], ['steps', '.step']] });
  }
});

test('on a phone the breakdown is the first block under the result line; 查看明细 lands on it', async () => {
  const { page } = s;
  await page.setViewportSize({ width: 360, height: 740 });
  await openCase(page, { ...tenVisits, city: 'liuzhou', identities: [], visits: tenVisits.visits.map((v) => ({ ...v, basic_paid: '1000', critical_paid: '0' })) });
  const order = await page.evaluate(() => {
    const status = document.querySelector('#result-status');
    const body = document.querySelector('#result-body');
    const blocks = [...body.children].filter((n) => n.getClientRects().length > 0);
    return {
      // Only hidden blocks (the gaps form when nothing is missing) may stand between them.
      statusThenBody: (() => {
        let next = status.nextElementSibling;
        while (next && next.hidden) next = next.nextElementSibling;
        return next === body;
      })(),
      first: blocks[0]?.id,
      second: blocks[1]?.className,
      gap: blocks[0].getBoundingClientRect().top - status.getBoundingClientRect().bottom,
    };
  });
  assert.equal(order.statusThenBody, true);
  assert.equal(order.first, 'summary');
  assert.equal(order.second, 'warnings');
  assert.ok(order.gap < 60, `the breakdown starts ${order.gap} px under the result line`);
  // The notes: one closed line, the most important first, opened with one tap.
  const toggle = page.locator('.warnings-toggle');
  assert.match(await toggle.innerText(), /^\d+ 条提示/);
  assert.equal(await page.locator('#warnings-list').isVisible(), false);
  await toggle.click();
  assert.equal(await page.locator('#warnings-list').isVisible(), true);
  const codes = await page.locator('#warnings-list li').evaluateAll((items) => items.map((li) => li.dataset.code));
  const ORDER = ['basic_estimated', 'assumed_parameter', 'no_assistance_rule', 'preliminary_rules'];
  const ranks = codes.map((c) => (ORDER.includes(c) ? ORDER.indexOf(c) : ORDER.length));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), `most important first: ${codes}`);
  assert.ok(codes.includes('preliminary_rules'), codes.join());
  assert.equal(await page.locator('#mini-summary').getAttribute('href'), '#summary');
});

// The lines the bottom bar's characters are drawn on (generated content and the text for screen
// readers only are not counted), and for each phrase asked, how many of those lines it spans.
function barLines(phrases) {
  const bar = document.querySelector('#mini-summary');
  const chars = [];
  const walker = document.createTreeWalker(bar, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; ++i) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      chars.push({ char: node.data[i], top: rect && rect.width > 1 ? Math.round(rect.top + rect.height / 2) : null });
    }
  }
  const drawn = chars.filter((c) => c.top !== null);
  const lineOf = (top) => new Set(drawn.map((c) => c.top).filter((t) => t < top - 4)).size;
  const count = (list) => new Set(list.map((c) => lineOf(c.top))).size;
  const text = drawn.map((c) => c.char).join('');
  return {
    text,
    lines: count(drawn),
    spans: phrases.map((phrase) => {
      const at = text.indexOf(phrase);
      return at < 0 ? `${phrase}: not on the bar` : count(drawn.slice(at, at + phrase.length));
    }),
  };
}

test('on a phone the bottom bar never breaks a phrase, and stays one line at 100% text, three at 200%', async () => {
  const { page } = s;
  await page.setViewportSize({ width: 360, height: 740 });
  const bar = page.locator('#mini-summary');
  const big = { ...oneVisit, visits: [visit('2024-03-02', 5000000)] };
  const million = plainYuan(api.trySettle(big).totals.out_of_pocket);
  assert.ok(million.length >= 12, million);  // a seven-digit amount
  // name, how to get there, the phrases kept whole, the bar's name for screen readers, its most
  // lines at 100/150/200% text
  for (const [name, open, phrases, spoken, maxLines] of [
    ['the example', () => openCalculator(page, s.url(), { example: true }), ['个人负担（含自费）', '29,983.10 元 ↓'], /元\s*，查看明细/, [1, 3, 3]],
    ['a seven-digit amount', () => openCase(page, big), ['个人负担（含自费）', `${million} 元 ↓`], /元\s*，查看明细/, [2, 3, 3]],
    ['a case that cannot be settled', async () => {
      await openCalculator(page, s.url(), { example: true });
      await page.locator('#visit-0-total').fill('abc');
      await bar.filter({ hasText: '还不能计算' }).waitFor();
    }, ['还不能计算：', '请看标红的提示 ↑'], /请看标红的提示\s*，在上面/, [1, 2, 2]]]) {
    await open();
    await page.evaluate(() => window.scrollTo(0, 0));  // the result out of sight: the bar is shown
    assert.equal(await page.getByRole('link', { name: spoken }).getAttribute('id'), 'mini-summary', name);
    for (const [i, size] of ROOT_SIZES.entries()) {
      await setRoot(page, size);
      const seen = await page.evaluate(barLines, phrases);
      assert.deepEqual(seen.spans, phrases.map(() => 1), `${name} at ${size}: a phrase broken across lines (${seen.text})`);
      assert.ok(seen.lines <= maxLines[i], `${name} at ${size}: the bar takes ${seen.lines} lines`);
    }
    await setRoot(page, '');
  }
});

test('amounts as people type them: 8万, 8.5万元, １２万, 1.2万 are exact yuan, shown back as such', async () => {
  const { page } = s;
  await page.setViewportSize({ width: 360, height: 740 });
  await openCalculator(page, s.url());
  for (const [typed, yuan, shown] of [['8万', '80000', '80,000.00'], ['8.5万元', '85000', '85,000.00'], ['１２万', '120000', '120,000.00'],
    ['1.2万', '12000', '12,000.00'], ['0.00015万', '1.5', '1.50'], ['80,000 元', '80000', '80,000.00']]) {
    await page.locator('#visit-0-total').fill(typed);
    assert.equal(await page.locator('#visit-0-total + .money-echo').innerText(), `按 ${shown} 元 计算`, typed);
    // The core settled exactly that many yuan: the breakdown's total says so.
    await page.waitForFunction((text) => document.querySelector('#result-body:not(.is-stale) .summary p')?.textContent.includes(text), `医疗总费用 ${shown} 元`);
    assert.equal(normalizeMoney(typed), yuan, typed);
  }
  await page.locator('#visit-0-total').fill('80000');
  assert.equal(await page.locator('#visit-0-total + .money-echo').isVisible(), false, 'plain digits need no echo');
  await page.locator('#visit-0-total').fill('12345678901234');
  assert.match(await page.locator('#visit-0-total ~ .field-error').innerText(), /超过允许的最大值/);
  await page.locator('#visit-0-total').fill('八万');
  const message = await page.locator('#visit-0-total ~ .field-error').innerText();
  assert.match(message, /8万/);
  assert.doesNotMatch(message, /"/, 'no ASCII quotes in the examples');
  assert.doesNotMatch(await page.locator('#result-status').innerText(), /"/);
});

test('print for the family: optional 姓名 and 备注 on paper only; a 10-visit case on one A4 page, estimates first', async () => {
  const { page } = s;
  await page.setViewportSize({ width: 1280, height: 800 });
  await openCase(page, tenVisits);
  await page.locator('.print-extra > summary').click();
  await page.locator('#print-name').fill('张三');
  await page.locator('#print-note').fill('2024 年住院十次');
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.locator('#print-person').innerText(), /姓名：张三\s+备注：2024 年住院十次/);
  assert.equal(await page.locator('.per-visit tbody tr:visible').count(), 10, 'every visit printed');
  const printed = await page.locator('.warnings li:visible').evaluateAll((items) => items.map((li) => li.className));
  const firstOther = printed.findIndex((c) => !c.includes('is-key'));
  assert.ok(firstOther === -1 || printed.slice(firstOther).every((c) => !c.includes('is-key')), `estimates and assumptions first: ${printed}`);
  assert.ok(printed.length > 0 && printed[0].includes('is-key'));
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  fs.writeFileSync(path.join(SCREENSHOTS, 'print-10-visits.pdf'), pdf);
  assert.equal(pdfPages(pdf).pages, 1, 'one A4 page');
  await page.emulateMedia({ media: null });
  // Never in the link, the exported file or the browser's storage.
  await page.getByRole('button', { name: '复制分享链接' }).click();
  const link = await page.locator('#share-url').inputValue();
  const shared = Buffer.from(link.split('#case=')[1], 'base64url').toString('utf8');
  assert.doesNotMatch(shared, /张三|十次/);
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length + document.cookie.length), 0);
});

test('every city page and the index at 360 px, 100–200% text: tables stacked, nothing wraps inside', async () => {
  const { page } = s;
  for (const name of ['cities.html', ...catalog.cities.map((c) => `city-${c.id}.html`)]) {
    await page.goto(s.url(name));
    await checkAt360(page, name.replace('.html', ''), { axe: name !== 'cities.html', shots: [['top', 'body'], ['try', '.try-section'], ['basic', '#tier-basic-basic']] });
  }
});

test('the training page at 360 px, 100–200% text, with a wrong answer in the marks table', async () => {
  const { page } = s;
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(s.url('training.html'));
  await page.waitForSelector('body[data-ready="yes"]');
  for (const input of await page.locator('#answer-fields input').all()) await input.fill('1234567.89');
  await page.getByRole('button', { name: '核对答案' }).click();
  await page.locator('.marks-table tr.is-wrong').first().waitFor();
  await checkAt360(page, 'training', { shots: [['top', 'body'], ['facts', '#scenario-facts'], ['marks', '#marks']] });
});

test('the training handout and the answer key print to A4 PDFs', async () => {
  const { page } = s;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(s.url('training.html'));
  await page.waitForSelector('body[data-ready="yes"]');
  await page.evaluate(() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; });
  await page.locator('#city-filter').selectOption('yantai');
  const count = await page.locator('.scenario-link').count();
  for (const [button, file] of [['打印题目', 'training-questions.pdf'], ['打印答案和解法', 'training-answers.pdf']]) {
    await page.getByRole('button', { name: button }).click();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#handout .handout-question').count(), count, button);
    const text = await page.locator('#handout').innerText();
    assert.doesNotMatch(text, /[a-z_]+\.[a-z_]+\.[a-z_0-9]+/, 'no parameter id');
    if (button === '打印题目') assert.doesNotMatch(text, /标准答案|依据：/, 'the question set has no answers');
    else assert.match(text, /标准答案[\s\S]*依据：/, 'the key has answers and solutions');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(SCREENSHOTS, file), pdf);
    const { pages, width } = pdfPages(pdf);
    assert.ok(pages >= 1 && Math.abs(width - 595) < 2, `${file}: ${pages} pages, ${width} pt wide`);
    await page.emulateMedia({ media: 'screen' });
  }
  assert.equal(await page.evaluate(() => window.printed), 2);
});

test('training: no parameter id in any question; invalid answers mark their own fields; projector mode', async () => {
  const { page } = s;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(s.url('training.html'));
  await page.waitForSelector('body[data-ready="yes"]');
  const withParameters = JSON.parse(fs.readFileSync(path.join(SITE, 'training-scenarios.json'), 'utf8')).scenarios.find((x) => x.case.parameters);
  await page.locator(`.scenario-link[data-id="${withParameters.id}"]`).click();
  const facts = await page.locator('#scenario-facts').innerText();
  assert.match(facts, /本题假设的参数：医疗救助/);
  assert.doesNotMatch(facts, /[a-z_]+\.[a-z_0-9]+\.[a-z_]+/, facts);
  const [first, second] = withParameters.ask;
  await page.locator(`#answer-${first}`).fill('八百');
  await page.locator(`#answer-${second}`).fill('1.2万');
  await page.getByRole('button', { name: '核对答案' }).click();
  assert.equal(await page.locator(`#answer-${first}`).getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator(`#answer-${second}`).getAttribute('aria-invalid'), null, '1.2万 is an amount');
  assert.match(await page.locator(`#answer-${first}-error`).innerText(), /不是金额/);
  assert.ok(await page.locator(`.field[data-tier="${first}"]`).evaluate((n) => n.classList.contains('has-error')));
  const blank = withParameters.ask.slice(2);
  for (const tier of blank) assert.match(await page.locator(`#answer-${tier}-error`).innerText(), /请填写金额/);

  await page.getByRole('button', { name: '投影模式' }).click();
  assert.equal(await page.locator('#scenario-list').isVisible(), false, 'one question only');
  assert.equal(await page.locator('#projector-title').innerText(), withParameters.title);
  const size = await page.locator('#projector-question').evaluate((n) => parseFloat(getComputedStyle(n).fontSize));
  assert.ok(size >= 28, `large type: ${size} px`);
  assert.equal(await page.locator('#projector-answer').isVisible(), false);
  await page.getByRole('button', { name: '显示答案' }).click();
  assert.match(await page.locator('#projector-answer').innerText(), new RegExp(plainYuan(withParameters.expected[first])));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'training-projector-1280.png') });
  assert.deepEqual(await axeProblems(page), []);
  await page.getByRole('button', { name: '下一题' }).click();
  assert.notEqual(await page.locator('#projector-title').innerText(), withParameters.title);
  assert.equal(await page.locator('#projector-answer').isVisible(), false);
  await page.getByRole('button', { name: '退出投影' }).click();
  assert.equal(await page.locator('#scenario-list').isVisible(), true);
});

test('an app people keep: PNG icons of 192 and 512 px and a maskable one; 安装到桌面 only when offered', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(SITE, 'manifest.webmanifest'), 'utf8'));
  const png = (name) => {
    const bytes = fs.readFileSync(path.join(SITE, name));
    assert.equal(bytes.toString('latin1', 1, 4), 'PNG', name);
    return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
  };
  for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) assert.equal(png(icon.src), icon.sizes, icon.src);
  assert.deepEqual(manifest.icons.filter((i) => i.type === 'image/png').map((i) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`),
    ['192x192', '512x512', '512x512 maskable']);
  const { page } = s;
  await openCalculator(page, s.url());
  assert.equal(await page.locator('#install-app').isVisible(), false, 'hidden until the browser offers');
  await page.evaluate(() => {
    const offer = new Event('beforeinstallprompt', { cancelable: true });
    offer.prompt = async () => { window.prompted = true; };
    window.dispatchEvent(offer);
  });
  await page.getByRole('button', { name: '安装到桌面' }).click();
  assert.equal(await page.evaluate(() => window.prompted), true);
  assert.equal(await page.locator('#install-app').isVisible(), false);
});

test('no request left the origin and no page raised an error', () => {
  assert.deepEqual(s.away(), []);
  assert.deepEqual(s.problems, []);
});
