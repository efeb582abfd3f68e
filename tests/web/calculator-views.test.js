// The calculator's extra views (issue 8 items 2 and 3): every category side by side for the same
// bills, and the chart of each tier as the year's bill grows, both made of the core's settlements.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SHARED_CASES, loadSiteApi } from './paths.js';
import { openSession, openCalculator, axeProblems, shoot, painted, pageWidth, fragmentOf, yuan, plain, TIERS } from './session.js';

const api = await loadSiteApi();
const catalog = api.cities();
const p05 = JSON.parse(fs.readFileSync(path.join(SHARED_CASES, 'p05-yantai-two-identities.json'), 'utf8'));
let s;

before(async () => { s = await openSession(); });
after(async () => { await s?.close(); });

test('side by side: a row per category, each the core\'s settlement of the same bills', async () => {
  const { page } = s;
  await openCalculator(page, s.url(fragmentOf(p05.case)));
  await page.locator('#compare[data-done="yes"]').waitFor();
  const city = catalog.cities.find((c) => c.id === p05.case.city);
  const rows = page.locator('.compare-table tbody tr');
  assert.equal(await rows.count(), city.categories.length + 1);
  for (const id of ['general', ...city.categories.map((c) => c.id)]) {
    const expected = api.settle({ ...p05.case, identities: id === 'general' ? [] : [id] });
    const cells = await page.locator(`.compare-table tr[data-category="${id}"] td`).allInnerTexts();
    TIERS.forEach((tier, i) => assert.equal(cells[i], plain(expected.totals[tier]), `${id} ${tier}`));
    assert.equal(cells[5], plain(expected.totals.critical + expected.totals.assistance + expected.totals.reassistance), `${id} sum`);
  }
  const applied = page.locator('.compare-table tr.is-applied');
  assert.equal(await applied.getAttribute('data-category'), p05.expect.identity);
  assert.match(await applied.innerText(), /本次采用/);
  const other = p05.case.identities.find((id) => id !== p05.expect.identity);
  assert.match(await page.locator(`.compare-table tr[data-category="${other}"] th`).innerText(), /未采用/);
  assert.ok(await page.evaluate(() => performance.getEntriesByName('settle:first-result').length === 1), 'the benchmark mark is still set');
  assert.deepEqual(await axeProblems(page), []);
  await shoot(page, 'compare-1280x800.png', 1280, 800, '#compare');
  await shoot(page, 'compare-360x740.png', 360, 740, '#compare');
  assert.ok(await pageWidth(page) <= 360, 'the table scrolls inside its box, not the page');
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('side by side: a category the rules on file cannot settle says why, the others still show', async () => {
  const { page } = s;
  const kase = { city: 'liuzhou', scheme: 'resident', identities: ['extreme_poverty'], parameters: { 'assistance.tier1.cap': '20000' },
    visits: [{ date: '2023-04-02', kind: 'inpatient', hospital_level: 2, total: 10000, basic_paid: 5000, critical_paid: 0 }] };
  await openCalculator(page, s.url(fragmentOf(kase)));
  await page.locator('#compare[data-done="yes"]').waitFor();
  assert.match(await page.locator('.compare-table tr[data-category="low_income_edge"]').innerText(), /算不出/);
  assert.equal((await page.locator('.compare-table tr[data-category="extreme_poverty"] td').allInnerTexts())[2], '3,500.00');
});

const yantai = { city: 'yantai', scheme: 'resident', identities: ['minimum_living'],
  visits: [{ date: '2023-04-02', kind: 'inpatient', hospital_level: 3, total: 100000, in_policy: 90000 }] };

async function openChart(page) {
  await page.locator('#chart-panel > summary').click();
  await page.locator('#chart-panel[data-done="yes"]').waitFor();
}

// The chart's point for a total, built the way the page says it builds it.
const chartCase = (identity, total, extra = {}) => ({ city: 'yantai', scheme: 'resident', identities: [identity],
  visits: [{ date: '2023-04-02', kind: 'inpatient', hospital_level: 3, total: String(total), in_policy: (total * 0.9).toFixed(2), ...extra }] });

async function readout(page) {
  const values = {};
  for (const tier of TIERS) values[tier] = (await page.locator(`#chart-readout [data-tier="${tier}"]`).innerText()).replace(/^\S+ /, '');
  return values;
}

test('chart: loaded only when opened; 201 settlements; the slider reads the core\'s amounts', async () => {
  const { page } = s;
  await openCalculator(page, s.url(fragmentOf(yantai)));
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/chart-view\.js(\?|$)/.test(e.name)));
  assert.equal(await loaded(), false, 'chart code not loaded with the calculator');
  await openChart(page);
  assert.equal(await loaded(), true);
  const lines = page.locator('#chart-panel svg polyline');
  assert.equal(await lines.count(), 5);
  for (const points of await lines.evaluateAll((ls) => ls.map((l) => l.getAttribute('points').split(' ').length))) assert.equal(points, 201);
  assert.match(await page.locator('.chart-notes').innerText(), /基本医保：按本市已收录的住院待遇估算（假设参数/);

  assert.equal(await page.locator('#chart-at').inputValue(), '40', 'starts at the form\'s total');
  for (const [index, total] of [[40, 100000], [120, 300000], [200, 500000]]) {
    await page.locator('#chart-at').fill(String(index));
    const expected = api.settle(chartCase('minimum_living', total));
    const shown = await readout(page);
    for (const tier of TIERS) assert.equal(shown[tier], plain(expected.totals[tier]), `${total} ${tier}`);
  }
  const rows = await page.locator('.chart-data tbody tr').count();
  assert.equal(rows, 11, 'data table every 5万');
});

test('chart: marks the deductibles, band edges and caps the core reports, in order', async () => {
  const { page } = s;
  const marks = await page.locator('.chart-marks li').allInnerTexts();
  assert.ok(marks.some((m) => /大病保险起付线 7,000\.00 元/.test(m)), marks.join('\n'));
  assert.ok(marks.some((m) => /医疗救助年度限额 30,000\.00 元用完/.test(m)), 'assistance cap');
  assert.ok(marks.some((m) => /大病保险进入下一段：100,000\.00 元以上的部分按 70%/.test(m)), 'band edge');
  assert.ok(marks.some((m) => /再救助起付线 5,000\.00 元/.test(m)), 'reassistance deductible');
  const at = marks.map((m) => Number(/约 ([\d.]+) 万元/.exec(m)[1]));
  assert.deepEqual(at, [...at].sort((a, b) => a - b));
  assert.equal(await page.locator('#chart-panel svg .mark-line').count(), marks.length);
  // The mark for the assistance cap sits where the core's assistance reaches 30,000.
  const capAt = at[marks.findIndex((m) => /医疗救助年度限额/.test(m))] * 10000;
  assert.ok(api.settle(chartCase('minimum_living', capAt - 5000)).totals.assistance < 3000000, 'not yet used up before the mark');
  assert.equal(api.settle(chartCase('minimum_living', capAt + 5000)).totals.assistance, 3000000, 'used up after the mark');
  assert.deepEqual(await axeProblems(page), []);
  await shoot(page, 'chart-1280x800.png', 1280, 800, '#chart-panel');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.locator('#chart-panel[data-done="yes"] svg').waitFor();
  await page.waitForFunction(() => Number(document.querySelector('#chart-panel svg').getAttribute('viewBox').split(' ')[2]) < 480);
  await shoot(page, 'chart-360x740.png', 360, 740, '#chart-panel');
  assert.ok(await pageWidth(page) <= 360);
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('chart: another category redraws; amounts typed from a slip are scaled, and said so', async () => {
  const { page } = s;
  await page.locator('#chart-category').selectOption('extreme_poverty');
  await page.locator('#chart-panel[data-done="yes"] #chart-at').waitFor();
  await page.locator('#chart-at').fill('40');
  assert.equal((await readout(page)).assistance, plain(api.settle(chartCase('extreme_poverty', 100000)).totals.assistance));

  await page.locator('#visit-0-basic_paid').fill('45000');
  await page.waitForFunction(() => /折算/.test(document.querySelector('.chart-notes')?.textContent || ''));
  await page.locator('#chart-panel[data-done="yes"]').waitFor();
  assert.match(await page.locator('.chart-notes').innerText(), /基本医保：按您填写的第 1 次就诊比例折算（已支付 ÷ 政策范围内 = 50\.0%）/);
  await page.locator('#chart-at').fill('80');
  const expected = api.settle(chartCase('extreme_poverty', 200000, { basic_paid: '90000.00' }));
  // The readout follows the slider's input event: wait for it (a loaded machine is slow to redraw).
  await page.waitForFunction((want) => document.querySelector('#chart-readout [data-tier="basic"]')?.innerText.endsWith(want),
    plain(expected.totals.basic));
  assert.equal((await readout(page)).basic, plain(expected.totals.basic));
  assert.equal((await readout(page)).assistance, plain(expected.totals.assistance));
});

test('chart: a category the rules cannot settle says why instead of drawing', async () => {
  const { page } = s;
  await openCalculator(page, s.url(fragmentOf({ city: 'liuzhou', scheme: 'resident', identities: [],
    visits: [{ date: '2023-04-02', kind: 'inpatient', hospital_level: 3, total: 100000, basic_paid: 45000, critical_paid: 2000 }] })));
  await openChart(page);
  await page.locator('#chart-category').selectOption('low_income_edge');
  await page.locator('#chart-panel[data-done="yes"] .form-error').waitFor();
  assert.match(await page.locator('#chart-panel .form-error').innerText(), /算不出/);
  assert.equal(await page.locator('#chart-panel svg').count(), 0);
});

test('typing: the amounts follow the keystroke, then the steps of the same case replace the old ones', async () => {
  const { page } = s;
  const visit = (total) => ({ date: '2023-04-02', kind: 'inpatient', hospital_level: 3, total, in_policy: String(total * 0.9) });
  const kase = { city: 'yantai', scheme: 'resident', identities: ['minimum_living'], visits: [visit(100000), visit(50000)] };
  await openCalculator(page, s.url(fragmentOf(kase)));
  await page.locator('.explain:not([aria-busy]) .step').first().waitFor();
  await page.locator('#visit-1-total').fill('60000');
  const edited = api.settle({ ...kase, visits: [visit(100000), { ...visit(50000), total: '60000' }] });
  await page.waitForFunction((text) => document.querySelector('.legend [data-tier="out_of_pocket"] .amount')?.textContent === text,
    yuan(edited.totals.out_of_pocket));
  const row = await page.locator('.per-visit tbody tr').nth(1).locator('td').allInnerTexts();
  assert.deepEqual(row, [edited.visits[1].total, edited.visits[1].in_policy, ...TIERS.map((t) => edited.visits[1][t]),
    edited.visits[1].in_policy_burden, edited.visits[1].self_paid].map(plain));
  await page.locator('.explain:not([aria-busy])').waitFor();
  const second = page.locator('.visit-steps').nth(1);
  // Read where a person reads it: each visit's steps are rendered once near the screen
  // (app.css content-visibility), and innerText is the rendered text.
  await second.scrollIntoViewIfNeeded();
  await painted(page);
  const shownPaid = await second.locator('.step-paid strong').allInnerTexts();
  assert.deepEqual(shownPaid, edited.steps.filter((step) => step.visit === 1).map((step) => plain(step.paid)));
  assert.equal(await page.locator('.visit-steps').count(), 2);
});

test('a link\'s result is on screen before the form is built, and the form then holds the same case', async () => {
  const { page } = s;
  await openCalculator(page, s.url(fragmentOf(yantai)));
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
  assert.ok(marks['settle:first-result'] < marks['settle:form'], JSON.stringify(marks));
  assert.equal(await page.locator('#visit-0-in_policy').inputValue(), '90000');
  assert.equal(await page.locator('#identity-minimum_living').isChecked(), true);
  assert.equal(await page.locator('#result-body .legend [data-tier="assistance"] .amount').innerText(),
    yuan(api.settle(yantai).totals.assistance));
});

test('no request left the origin and no page raised an error', () => {
  assert.deepEqual(s.away(), []);
  assert.deepEqual(s.problems, []);
});
