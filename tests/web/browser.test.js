// The page in a real browser, used as a person would: type golden case p01 into the form, read
// the amounts shown, make a mistake, go offline, and check accessibility and where requests go.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SHARED_CASES } from './paths.js';
import { openSession, openCalculator, axeProblems, shoot, TIERS, yuan } from './session.js';

const golden = fs.readdirSync(SHARED_CASES).filter((name) => name.endsWith('.json')).sort()
  .map((name) => ({ name, ...JSON.parse(fs.readFileSync(path.join(SHARED_CASES, name), 'utf8')) }));
const p01 = golden.find((c) => c.name.startsWith('p01'));

let session;
let server;
let context;
let page;
let requests;
let problems;

before(async () => {
  session = await openSession();
  ({ server, context, page, requests, problems } = session);
  await openCalculator(page, session.url());
});

after(() => session?.close());

// Types a case into the form field by field, through the labels a person reads, over what the
// form holds (the example case of a plain visit, issue 18): each amount is cleared first.
async function typeCase(kase) {
  await page.getByLabel('城市').selectOption(kase.city);
  // The radio itself: with the example's amounts still in, a city without its own standards opens
  // the gaps form at once, whose labels name the scheme too (“…（居民医保；…）”).
  await page.getByRole('radio', { name: kase.scheme === 'employee' ? '职工医保' : '居民医保', exact: true }).check();
  for (const id of kase.identities) await page.locator(`label[for="identity-${id}"]`).click();
  for (const [i, visit] of kase.visits.entries()) {
    if (i > 0) await page.getByRole('button', { name: '添加一次就诊' }).click();
    const field = (name) => page.locator(`#visit-${i}-${name}`);
    await field('date').fill(visit.date);
    await field('kind').selectOption(visit.kind);
    await field('hospital_level').selectOption(String(visit.hospital_level));
    for (const name of ['total', 'in_policy', 'basic_paid', 'critical_paid']) {
      await field(name).fill('');
      if (visit[name] === undefined) continue;
      await field(name).click();
      await field(name).pressSequentially(String(visit[name]));
    }
  }
}

const shown = (tier) => page.locator(`.legend [data-tier="${tier}"] .amount`).innerText();

test('p01 typed into the form shows the golden amounts', async () => {
  assert.match(await page.locator('#result-status').innerText(), /填写医疗总费用/);
  await typeCase(p01.case);
  for (const tier of TIERS) assert.equal(await shown(tier), yuan(p01.expect.totals[tier]), tier);
  assert.equal(await shown('assistance'), '14,840.00 元');
  assert.equal(await page.getByTestId('identity').innerText(), '低保对象');
  const steps = page.locator('.step');
  assert.ok(await steps.count() >= 3, 'a step per tier');
  assert.ok(await page.locator('.step .badge').count() >= 3, 'provenance badges');
  assert.match(await page.locator('.step .source').first().innerText(), /依据/);
  await shoot(page, 'p01-1280x800.png', 1280, 800, 0);
  await shoot(page, 'p01-1280x800-result.png', 1280, 800, '#summary-title');
  await shoot(page, 'p01-360x740.png', 360, 740, 0);
  await shoot(page, 'p01-360x740-visit.png', 360, 740, '#visit-0-total');
  await shoot(page, 'p01-360x740-result.png', 360, 740, '#result-title');
  await shoot(page, 'p01-360x740-steps.png', 360, 740, '#explain-title');
  await page.setViewportSize({ width: 360, height: 740 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no sideways scrolling at 360 px (page is ${width} px wide)`);
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('a bad value shows the error at its field and keeps the last result, marked stale', async () => {
  const inPolicy = page.locator('#visit-0-in_policy');
  await inPolicy.fill('120000');
  const error = page.locator('[data-field="in_policy"] .field-error');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.innerText(), /[\u4e00-\u9fff]/, 'the message is in Chinese');
  assert.equal(await inPolicy.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('.field-error:visible').count(), 1, 'only that field shows an error');
  assert.ok(await page.locator('#result-body.is-stale').isVisible(), 'last result kept, marked stale');
  assert.equal(await shown('assistance'), '14,840.00 元');
  await shoot(page, 'error-1280x800.png', 1280, 800, '#visit-0-in_policy');
  await shoot(page, 'error-360x740.png', 360, 740, '#visit-0-in_policy');
  await page.setViewportSize({ width: 1280, height: 800 });

  await inPolicy.fill('90000');
  await page.locator('#result-body:not(.is-stale)').waitFor();
  assert.equal(await error.isVisible(), false);
});

test('a date cleared is asked for in words, at its field and in the result line', async () => {
  const date = page.locator('#visit-0-date');
  const before = await date.inputValue();
  await date.fill('');
  const error = page.locator('[data-field="date"] .field-error');
  await error.waitFor({ state: 'visible' });
  assert.equal(await error.innerText(), '请填写就诊日期');
  assert.match(await page.locator('#result').innerText(), /还不能计算：请填写就诊日期/);
  assert.doesNotMatch(await page.locator('#result').innerText(), /还不能计算：[^\n]*[A-Za-z]/,
    'no field name of the case file in the sentence');
  await date.fill(before);
  await page.locator('#result-body:not(.is-stale)').waitFor();
  assert.equal(await error.isVisible(), false);
});

test('no serious or critical accessibility violation (axe-core)', async () => {
  assert.deepEqual(await axeProblems(page), [], 'with a result');
  await page.locator('#visit-0-total').fill('abc');
  await page.locator('[data-field="total"] .field-error').waitFor({ state: 'visible' });
  assert.deepEqual(await axeProblems(page), [], 'with an error shown');
  await page.locator('#visit-0-total').fill('100000');
});

test('after one visit the page works with the network off', async () => {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  await context.setOffline(true);
  try {
    await page.reload();
    await page.waitForSelector('body[data-ready="yes"]');
    await page.locator('#visit-0-total').fill('');
    await page.locator('#visit-0-total').pressSequentially('100000');
    await page.locator('#visit-0-basic_paid').pressSequentially('50000');
    await page.locator('.legend [data-tier="basic"]').waitFor();
    assert.equal(await shown('basic'), '50,000.00 元');
  } finally {
    await context.setOffline(false);
  }
});

test('every golden case typed into the form shows its amounts, in total and per visit', async () => {
  for (const { name, case: kase, expect } of golden) {
    await page.reload();
    await page.waitForSelector('body[data-ready="yes"]');
    await typeCase(kase);
    for (const tier of TIERS) assert.equal(await shown(tier), yuan(expect.totals[tier]), `${name} ${tier}`);
    if (expect.identity) {
      const label = (await page.locator(`label[for="identity-${expect.identity}"]`).innerText()).trim();
      assert.equal(await page.getByTestId('identity').innerText(), label, `${name} identity`);
    }
    for (const [i, visit] of (expect.visits || []).entries()) {
      const cells = await page.locator('.per-visit tbody tr').nth(i).locator('td').allInnerTexts();
      TIERS.forEach((tier, k) => assert.equal(`${cells[k + 2]} 元`, yuan(visit[tier]), `${name} visit ${i} ${tier}`));
    }
    await shoot(page, `golden-${name.replace(/\.json$/, '')}.png`, 1280, 800, '#result-title');
  }
});

test('a parameter not on file is asked for in the gaps form at the top of the result, and filling it settles', async () => {
  await page.reload();
  await page.waitForSelector('body[data-ready="yes"]');
  await typeCase({ city: 'liuzhou', scheme: 'resident', identities: ['extreme_poverty'],
    visits: [{ date: '2023-04-02', kind: 'inpatient', hospital_level: 2, total: 10000, basic_paid: 5000, critical_paid: 0 }] });
  const gap = page.locator('[data-gap-item="assistance.tier1.cap"]');
  await gap.waitFor({ state: 'visible' });
  assert.equal(await page.locator('#gaps h3').innerText(), '还差 1 项本地标准');
  assert.match(await gap.locator('label').innerText(), /^[\u4e00-\u9fff（）]+$/, 'its label, in Chinese');
  await gap.locator('input').pressSequentially('20000');
  await page.locator('#result-body:not(.is-stale) .legend [data-tier="assistance"]').waitFor();
  assert.equal(await shown('assistance'), '3,500.00 元');
  await gap.locator('button').click();
  const row = page.locator('[data-param-field="assistance.tier1.cap"]');
  assert.equal(await row.locator('input[data-param]').inputValue(), '20000', 'the value is the 参数 panel\'s');
  await page.locator('.param-more > summary').click();
  assert.deepEqual(await axeProblems(page), [], 'with every parameter shown');
  await shoot(page, 'parameter-360x740.png', 360, 740, '[data-param-field="assistance.tier1.cap"]');
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('choosing 因病致贫 shows the month-of-application field, and only then', async () => {
  const month = page.locator('#applied');
  assert.equal(await month.isVisible(), false);
  await page.locator('label[for="identity-illness_poverty"]').click();
  await month.waitFor({ state: 'visible' });
  await month.fill('2023-03');
  await page.locator('#result-body').waitFor();
  await page.locator('label[for="identity-illness_poverty"]').click();
  await month.waitFor({ state: 'hidden' });
});

test('a visit can be duplicated and removed, and the result follows', async () => {
  const rows = page.locator('.per-visit tbody tr');
  const before = await rows.count();
  await page.getByRole('button', { name: /复制这次就诊（第 1 次）/ }).click();
  await page.locator('#visit-1-total').waitFor();
  assert.equal(await rows.count(), before + 1);
  assert.equal(await page.locator('#visit-1-total').inputValue(), await page.locator('#visit-0-total').inputValue());
  await page.getByRole('button', { name: `删除第 ${before + 1} 次就诊` }).click();
  assert.equal(await rows.count(), before);
  assert.equal(await page.locator('#visit-list > li').count(), before);
});

test('every request stayed on the page\'s own origin', () => {
  assert.ok(requests.length > 0);
  const away = requests.filter((url) => !url.startsWith(`${server.origin}/`));
  assert.deepEqual(away, []);
});

test('the page raised no script error and broke no CSP rule', () => {
  assert.deepEqual(problems, []);
});
