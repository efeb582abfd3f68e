// Issue 13 in the browser: a first number from the bill alone (枣庄, 济宁), every gap in one form
// (柳州), and 本地参数 sets: saved only on 保存到本机, surviving a reload, opened from a #params=
// link in a fresh browser, and refused whole when damaged or invalid. Expected amounts come from
// the native build/settle for the same case, never from the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, SITE } from './paths.js';
import { openSession, openCalculator, axeProblems, shoot, pageWidth, TIERS, yuan, shownTier } from './session.js';

const SETTLE = CLI;
const settle = (kase) => {
  try {
    return JSON.parse(execFileSync(SETTLE, ['--no-steps'], { input: JSON.stringify(kase) }).toString());
  } catch (error) {
    return JSON.parse(error.stdout.toString());
  }
};

let session;
let page;

before(async () => {
  session = await openSession({ acceptDownloads: true });
  ({ page } = session);
});

after(() => session?.close());

const fresh = async (p = page, rest = '') => {
  await openCalculator(p, session.url(rest));
};

async function expectTotals(p, kase) {
  const expected = settle(kase);
  assert.equal(expected.error, undefined, JSON.stringify(expected.error));
  for (const tier of TIERS) assert.equal(await shownTier(p, tier), yuan(expected.totals[tier]), tier);
  return expected;
}

for (const city of ['zaozhuang', 'jining']) {
  test(`${city}: a 低保 resident gets a first number from city, category and amount`, async () => {
    await fresh();
    await page.getByLabel('城市').selectOption(city);
    await page.locator('label[for="identity-minimum_living"]').click();
    await page.locator('#visit-0-total').pressSequentially('80000');
    await page.locator('#result-body:not(.is-stale) .legend').waitFor();
    const date = await page.locator('#visit-0-date').inputValue();
    const expected = await expectTotals(page, { city, scheme: 'resident', identities: ['minimum_living'],
      visits: [{ date, kind: 'inpatient', hospital_level: 3, total: '80000' }] });
    assert.ok(expected.totals.basic > 0 && expected.totals.assistance > 0, 'basic estimated and assistance paid');
    assert.equal(await page.locator('#gaps').isVisible(), false, 'nothing to fill in');
    assert.equal(await page.locator('.field-error:visible').count(), 0);
    assert.match(await page.locator('.per-visit').innerText(), /含估算/);
    await shoot(page, `first-number-${city}-360.png`, 360, 740, '#result-title');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
}

const LIUZHOU = { city: 'liuzhou', scheme: 'resident', identities: ['low_income_edge', 'minimum_living'] };
const VISIT = { date: '2023-04-02', kind: 'inpatient', hospital_level: 3, total: '80000', in_policy: '70000' };
const TYPED = {
  'assistance.tier2.cap': ['20000', '20000'],
  'assistance.edge.deductible': ['1000', '1000'],
  'assistance.edge.ratio': ['60', '60%'],
  'assistance.edge.cap': ['30000', '30000'],
};

async function typeLiuzhou(p) {
  await p.getByLabel('城市').selectOption('liuzhou');
  for (const id of LIUZHOU.identities) await p.locator(`label[for="identity-${id}"]`).click();
  await p.locator('#visit-0-date').fill(VISIT.date);
  await p.locator('#visit-0-total').fill('');  // a reload brings back the example's amounts
  await p.locator('#visit-0-total').pressSequentially(VISIT.total);
  await p.locator('#visit-0-in_policy').fill('');
  await p.locator('#visit-0-in_policy').pressSequentially(VISIT.in_policy);
}

const gap = (p, id) => p.locator(`[data-gap-item="${id}"] input`);

test('柳州: every gap in one form, with the engine\'s labels; typing them all computes', async () => {
  await fresh();
  await typeLiuzhou(page);
  const error = settle({ ...LIUZHOU, visits: [VISIT] }).error;
  assert.equal(error.code, 'parameters_missing');
  const box = page.locator('#gaps');
  await box.waitFor({ state: 'visible' });
  assert.equal(await box.locator('h3').innerText(), `还差 ${error.missing.length} 项本地标准`);
  assert.equal(await box.locator('input').count(), error.missing.length, 'one input per missing item');
  for (const item of error.missing) {
    assert.equal(await page.locator(`[data-gap-item="${item.id}"] label`).innerText(), item.label);
  }
  const text = await page.locator('#result').innerText();
  for (const id of Object.keys(TYPED)) assert.ok(!text.includes(id), `no parameter id on screen (${id})`);
  assert.equal(await page.locator('#case-form .field-error:visible').count(), 0, 'no error scattered in the form');
  assert.equal(await page.locator('#result-body').isVisible(), false, 'no settlement yet');
  await shoot(page, 'gaps-liuzhou-360.png', 360, 740, '#result-title');
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.ok(await pageWidth(page) <= 1280);

  const ids = Object.keys(TYPED);
  for (const [n, id] of ids.entries()) {
    await gap(page, id).pressSequentially(TYPED[id][0]);
    if (n < ids.length - 1) assert.equal(await box.locator('h3').innerText(), `还差 ${ids.length - n - 1} 项本地标准`);
    if (n === 0) {
      // 低保 can now be computed: the case settles under it, and the form lists what 低保边缘 lacks.
      await page.locator('#result-body:not(.is-stale) .legend').waitFor();
      assert.match(await box.locator('.gap-note').first().innerText(), /低保边缘家庭成员还差 3 项本地标准/);
      assert.equal(await page.locator('.warnings [data-code="category_incomplete"]').count(), 1);
      await expectTotals(page, { ...LIUZHOU, parameters: { [id]: TYPED[id][1] }, visits: [VISIT] });
      await shoot(page, 'gaps-liuzhou-category-360.png', 360, 740, '#result-title');
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  }
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  const parameters = Object.fromEntries(ids.map((id) => [id, TYPED[id][1]]));
  await expectTotals(page, { ...LIUZHOU, parameters, visits: [VISIT] });
  assert.match(await box.locator('h3').innerText(), /已填齐/, 'the typed values stay on the form');
  // The 参数 panel shows them as 用户填写, with their label and the value the rules lack.
  await page.locator('[data-gap-item="assistance.edge.cap"] button').click();
  const row = page.locator('[data-param-field="assistance.edge.cap"]');
  await row.waitFor({ state: 'visible' });
  assert.equal(await row.locator('input[data-param]').inputValue(), '30000');
  assert.match(await row.locator('.param-now').innerText(), /用户填写 30000.*已收录：未收录/);
  assert.match(await page.locator('[data-param-field="basic.resident.inpatient_chronic_outpatient.cap"] .param-now').textContent(),
    /未收录（粗估按未达到计算）/);
  assert.match(await page.locator('[data-param-field="critical.resident.tilted.ratio"] .param-now').textContent(), /假设参数 65%/);
  await shoot(page, 'gaps-liuzhou-param-row-360.png', 360, 740, '[data-param-field="assistance.edge.cap"]');
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.deepEqual(await axeProblems(page), []);
});

test('the 参数 panel lists every parameter of the period with its label, never an id', async () => {
  const catalog = JSON.parse(execFileSync(SETTLE, ['--cities']).toString());
  const period = catalog.cities.find((c) => c.id === 'liuzhou').periods[0];
  await page.locator('#parameters > summary').evaluate((s) => { s.parentElement.open = true; });
  assert.equal(await page.locator('[data-param-field]').count(), period.parameters.length);
  const panel = await page.locator('#parameters').evaluate((node) => node.textContent);
  for (const p of period.parameters) {
    assert.ok(panel.includes(p.label), p.label);
    assert.ok(!panel.includes(p.id), `no id ${p.id}`);
    // Each note and source, which catalog.json leaves out and the engine's cities() completes.
    if (p.note) assert.ok(panel.includes(p.note), `the note of ${p.label}`);
    if (p.source?.document) assert.ok(panel.includes(p.source.document), `the source of ${p.label}`);
  }
  const pageCatalog = JSON.parse(fs.readFileSync(path.join(SITE, 'catalog.json'), 'utf8'));
  const pagePeriod = pageCatalog.cities.find((c) => c.id === 'liuzhou').periods[0];
  assert.deepEqual(pagePeriod.parameters.map((p) => p.id), period.parameters.map((p) => p.id));
  assert.ok(pagePeriod.parameters.every((p) => p.note === undefined && p.source === undefined), 'catalog.json: no notes or sources');
  assert.ok(!/不设上限|不封顶|不设/.test(await page.locator('[data-param-field="assistance.tier1.cap"] .param-now').innerText()), 'a missing cap is 未收录');
});

const storage = (p) => p.evaluate(() => Object.keys(localStorage).length + Object.keys(sessionStorage).length);

test('an unsaved set is gone after a reload; a saved one survives it and applies again', async () => {
  // The values typed above are not stored anywhere.
  assert.equal(await storage(page), 0, 'nothing in storage before 保存到本机');
  await page.reload();
  await page.waitForSelector('body[data-ready="yes"]');
  await typeLiuzhou(page);
  await page.locator('#gaps').waitFor({ state: 'visible' });
  assert.equal(await gap(page, 'assistance.edge.cap').inputValue(), '', 'the unsaved values did not survive');

  for (const id of Object.keys(TYPED)) await gap(page, id).pressSequentially(TYPED[id][0]);
  await page.locator('#parameters > summary').click();
  await page.locator('#param-sets[data-ready="yes"]').waitFor();
  assert.equal(await page.locator('#set-list li').count(), 0, 'no set kept');
  await page.locator('[data-param-source="assistance.tier2.cap"]').fill('柳医保发〔2023〕9号');
  await page.getByLabel('名称', { exact: true }).first().fill('柳州救助标准');
  await page.locator('#save-set').click();
  assert.match(await page.locator('#sets-status').innerText(), /已把“柳州救助标准”（4 项）保存/);
  assert.match(await page.locator('#set-in-use').innerText(), /正在使用本地参数：柳州救助标准/);
  assert.equal(await storage(page), 1);
  await shoot(page, 'sets-saved-360.png', 360, 740, '#param-sets');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.reload();
  await page.waitForSelector('body[data-ready="yes"]');
  await typeLiuzhou(page);
  await page.locator('#gaps').waitFor({ state: 'visible' });
  await page.locator('#parameters > summary').click();
  await page.locator('#set-list li').first().waitFor();
  assert.equal(await page.locator('#set-list li').count(), 1, 'the saved set survived the reload');
  await page.getByRole('button', { name: '使用“柳州救助标准”' }).click();
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  assert.equal(await page.locator('#gaps').isVisible(), false, 'nothing left to fill in');
  assert.match(await page.locator('#set-in-use').innerText(), /正在使用本地参数：柳州救助标准/);
  const parameters = Object.fromEntries(Object.keys(TYPED).map((id) => [id, TYPED[id][1]]));
  parameters['assistance.tier2.cap'] = { value: '20000', source: '柳医保发〔2023〕9号' };
  await expectTotals(page, { ...LIUZHOU, parameters, visits: [VISIT] });
  // Its values are 用户填写 with the typed source, in the panel and in the steps.
  assert.match(await page.locator('[data-param-field="assistance.tier2.cap"] .param-now').innerText(), /用户填写 20000（来源：柳医保发〔2023〕9号）/);
  await page.locator('.set-values > summary').click();
  assert.match(await page.locator('.set-values').innerText(), /用户填写 医疗救助年度最高支付限额（二类人员）：20000 元（来源：柳医保发〔2023〕9号）/);
  await page.locator('.step .badge.prov-given').first().waitFor();
  assert.ok(await page.locator('.step dd', { hasText: '未收录（粗估按未达到计算）' }).count() >= 1, 'a cap not on file reads 未收录');
  await shoot(page, 'sets-in-use-360.png', 360, 740, '#result-title');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Renamed, then the link.
  const item = page.locator('#set-list li').first();
  await item.locator('input').fill('柳州 2023 救助');
  await page.getByRole('button', { name: '重命名“柳州救助标准”' }).click();
  assert.match(await page.locator('#set-in-use').innerText(), /柳州 2023 救助/);
  assert.match(await page.evaluate(() => localStorage.getItem('settle-local-parameters')), /柳州 2023 救助/);
});

test('the set\'s #params= link opens in a fresh browser context and applies, storing nothing', async () => {
  await page.getByRole('button', { name: '复制链接“柳州 2023 救助”' }).click();
  const link = await page.locator('.set-link').inputValue();
  assert.match(link, /#params=[A-Za-z0-9_-]+$/);
  assert.ok(link.startsWith(session.url()), 'a link to this page');
  const context = await session.newContext();
  const other = session.watch(await context.newPage());
  await other.goto(link);
  await other.waitForSelector('body[data-ready="yes"]');
  await other.locator('#set-in-use:visible').waitFor();
  assert.match(await other.locator('#set-in-use').innerText(), /正在使用本地参数：柳州 2023 救助（尚未保存到本机）/);
  assert.equal(await other.getByLabel('城市').inputValue(), 'liuzhou');
  for (const id of LIUZHOU.identities) await other.locator(`label[for="identity-${id}"]`).click();
  await other.locator('#visit-0-date').fill(VISIT.date);
  await other.locator('#visit-0-total').pressSequentially(VISIT.total);
  await other.locator('#visit-0-in_policy').pressSequentially(VISIT.in_policy);
  await other.locator('#result-body:not(.is-stale) .legend').waitFor();
  assert.equal(await other.locator('#gaps').isVisible(), false);
  const parameters = Object.fromEntries(Object.keys(TYPED).map((id) => [id, TYPED[id][1]]));
  parameters['assistance.tier2.cap'] = { value: '20000', source: '柳医保发〔2023〕9号' };
  await expectTotals(other, { ...LIUZHOU, parameters, visits: [VISIT] });
  assert.equal(await storage(other), 0, 'opening a link stores nothing');
  await shoot(other, 'sets-link-360.png', 360, 740, 0);
  await context.close();
});

test('an exported set file imports in a fresh browser and gives the same settlement', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出“柳州 2023 救助”' }).click()]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sets-')), download.suggestedFilename());
  await download.saveAs(file);
  assert.match(path.basename(file), /^local-parameters-liuzhou-[\d-]+\.json$/);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(doc.format, 'settle-local-parameters');
  assert.deepEqual([doc.name, doc.city, doc.period], ['柳州 2023 救助', 'liuzhou', '2022-01-01']);
  assert.equal(doc.values['assistance.tier2.cap'].source, '柳医保发〔2023〕9号');
  assert.equal(doc.values['assistance.edge.ratio'].value, '60%');
  for (const entry of Object.values(doc.values)) assert.match(entry.entered, /^\d{4}-\d{2}-\d{2}$/);
  const context = await session.newContext();
  const other = session.watch(await context.newPage());
  await fresh(other);
  await other.locator('#parameters > summary').click();
  await other.locator('#param-sets[data-ready="yes"]').waitFor();
  await other.locator('#import-set-file').setInputFiles(file);
  await other.locator('#set-in-use:visible').waitFor();
  assert.match(await other.locator('#sets-status').innerText(), /已导入“柳州 2023 救助”：4 项本地标准已填入。尚未保存到本机/);
  await typeLiuzhou(other);
  await other.locator('#result-body:not(.is-stale) .legend').waitFor();
  const parameters = Object.fromEntries(Object.keys(TYPED).map((id) => [id, TYPED[id][1]]));
  parameters['assistance.tier2.cap'] = { value: '20000', source: '柳医保发〔2023〕9号' };
  await expectTotals(other, { ...LIUZHOU, parameters, visits: [VISIT] });
  assert.equal(await storage(other), 0, 'importing stores nothing');
  await context.close();
});

test('a damaged or invalid set is refused with a clear message and changes nothing', async () => {
  const before = await Promise.all(TIERS.map((t) => shownTier(page, t)));
  const values = async () => page.locator('input[data-param]').evaluateAll((inputs) => inputs.map((i) => i.value).join('|'));
  const typed = await values();
  // A file whose value the engine refuses: named by its label, and nothing of it applied.
  const good = JSON.parse(await page.evaluate(() => localStorage.getItem('settle-local-parameters')))[0];
  const bad = { ...good, name: '错的', values: { ...good.values, 'assistance.edge.cap': { value: '5000', source: '', entered: '2026-01-01' }, 'assistance.edge.ratio': { value: '150%', source: '', entered: '2026-01-01' } } };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sets-'));
  const files = { bad: JSON.stringify(bad), notjson: '{"format": "settle-local', other: JSON.stringify({ city: 'liuzhou', visits: [] }) };
  const messages = {};
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, text);
    await page.locator('#import-set-file').setInputFiles(file);
    await page.locator('#sets-status.is-error').waitFor();
    messages[name] = await page.locator('#sets-status').innerText();
    assert.match(messages[name], /无法使用.*原来填写的内容没有改动/, name);
    assert.equal(await values(), typed, `${name}: no value changed`);
    assert.deepEqual(await Promise.all(TIERS.map((t) => shownTier(page, t))), before, `${name}: the result is unchanged`);
    if (name === 'bad') {
      await shoot(page, 'sets-refused-360.png', 360, 740, '#param-sets');
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    await page.locator('#sets-status').evaluate((s) => { s.textContent = ''; s.classList.remove('is-error'); });
  }
  assert.match(messages.bad, /医疗救助支付比例（低保边缘家庭成员）/, 'names the refused value by its label');
  assert.ok(!/assistance\.|parameters\./.test(messages.bad), 'no id');
  assert.match(messages.notjson, /不是有效的 JSON/);
  assert.match(messages.other, /不是本计算器的本地参数文件/);
  // Removed from this browser: the storage is empty again, the values typed stay.
  await page.getByRole('button', { name: '删除“柳州 2023 救助”' }).click();
  assert.equal(await storage(page), 0);
  assert.equal(await page.locator('#set-list li').count(), 0);
  assert.equal(await values(), typed);
  assert.match(await page.locator('#set-in-use').innerText(), /尚未保存到本机/);

  // A damaged link, in a fresh context: the message is at the top of the result, nothing applied.
  const context = await session.newContext();
  const other = session.watch(await context.newPage());
  await fresh(other, '#params=eyJmb3JtYXQiOiJzZXR0bGUtbG9jYWwt');
  await other.locator('#set-in-use.is-error').waitFor();
  assert.match(await other.locator('#set-in-use').innerText(), /已损坏/);
  assert.equal(await other.locator('input[data-param]').evaluateAll((inputs) => inputs.filter((i) => i.value).length), 0);
  await context.close();
});

test('no request left the page\'s origin, and no script error', () => {
  assert.deepEqual(session.away(), []);
  assert.deepEqual(session.problems, []);
});
