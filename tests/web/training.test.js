// Training (issue 8 item 4): the scenarios' expected answers are still what build/settle says,
// they cover every tier each city's rules can compute, and a trainee can answer one in the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, loadSiteApi } from './paths.js';
import { answersFromCli } from '../../site/generator/training-answers.mjs';
import { openSession, axeProblems, shoot, pageWidth, yuan, plain, shownTier, TIERS } from './session.js';

const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'site/training-scenarios.json'), 'utf8'));
const scenarios = doc.scenarios;
const api = await loadSiteApi();
const catalog = api.cities();

test('every expected answer is what build/settle computes today', () => {
  const answers = answersFromCli(scenarios);
  scenarios.forEach((s, i) => assert.deepEqual(s.expected, answers[i], `${s.id}: run node site/generator/training-answers.mjs after checking why it changed`));
});

test('scenario ids are unique and each asks about tiers the output has', () => {
  assert.equal(new Set(scenarios.map((s) => s.id)).size, scenarios.length);
  for (const s of scenarios) {
    assert.ok(s.question && s.title && s.ask.length > 0, s.id);
    for (const tier of s.ask) assert.ok(TIERS.includes(tier), `${s.id}: ${tier}`);
  }
});

// A tier a city's rules can compute without anything typed in: a rule of that tier (and pool)
// with every number on file, or, for 基本医保, an estimate's ratios.
function computableTiers(city) {
  const found = new Set();
  for (const period of city.periods) {
    for (const rule of period.rules) {
      const values = [rule.deductible, rule.cap, ...(rule.bands || []).flatMap((b) => [b.to, b.ratio])];
      if (values.every((p) => p && p.value !== null)) found.add(`${rule.tier}/${rule.pool || rule.tier}`);
    }
    if (period.parameters.some((p) => /^basic\.\w+\.level\d\.ratio$/.test(p.id) && p.value !== null)) found.add('basic/basic');
  }
  return found;
}

test('the scenarios cover every tier of every city that has computable tiers, with a non-zero answer', () => {
  const covered = new Set();
  for (const s of scenarios) {
    const result = api.settle(s.case);
    for (const tier of s.ask) {
      if (tier === 'out_of_pocket' || s.expected[tier] === 0) continue;
      for (const step of result.steps) if (step.tier === tier && step.paid > 0 && step.provenance !== 'given') covered.add(`${s.case.city}:${tier}/${step.pool}`);
    }
  }
  const missing = [];
  for (const city of catalog.cities) for (const key of computableTiers(city)) if (!covered.has(`${city.id}:${key}`)) missing.push(`${city.id}:${key}`);
  assert.deepEqual(missing, []);
  assert.ok(covered.has('yantai:critical/special_drug') && covered.has('jining:reassistance/assistance'));
});

let s;
before(async () => { s = await openSession(); });
after(async () => { await s?.close(); });

async function openTraining(page) {
  await page.goto(s.url('training.html'));
  await page.waitForSelector('body[data-ready="yes"]');
}

test('a trainee answers a scenario, is marked per tier, and sees the step-by-step solution', async () => {
  const { page } = s;
  await openTraining(page);
  const scenario = scenarios.find((x) => x.id === 'yantai-extreme-poverty-large-bill');
  await page.locator(`.scenario-link[data-id="${scenario.id}"]`).click();
  assert.equal(await page.locator('#scenario-title').innerText(), scenario.title);
  for (const tier of scenario.ask) await page.locator(`#answer-${tier}`).fill(plain(scenario.expected[tier]));
  await page.locator(`#answer-${scenario.ask[0]}`).fill(String(scenario.expected[scenario.ask[0]] / 100 + 0.5));  // half a yuan off: still right
  await page.locator(`#answer-out_of_pocket`).fill('10000');
  await page.getByRole('button', { name: '核对答案' }).click();
  await page.locator('#solution').waitFor();
  for (const tier of scenario.ask) {
    const row = page.locator(`.marks-table tr[data-tier="${tier}"]`);
    assert.equal(await row.locator('.expected').innerText(), plain(scenario.expected[tier]), tier);
    assert.match(await row.locator('.verdict').innerText(), tier === 'out_of_pocket' ? /✗/ : /✓/, tier);
  }
  assert.ok(await page.locator('#steps .step').count() >= 4, 'a step per tier');
  assert.match(await page.locator('#steps .step').nth(1).innerText(), /烟政办发〔2022〕25号/);
  assert.match(await page.locator('#progress').innerText(), /已答 1 题，全对 0 题/);
  assert.match(await page.locator(`.scenario-link[data-id="${scenario.id}"]`).innerText(), /对 3\/4/);
  assert.deepEqual(await axeProblems(page), []);
  await shoot(page, 'training-solution-1280x800.png', 1280, 800, '#solution');
  await shoot(page, 'training-solution-360x740.png', 360, 740, '#solution');
  assert.ok(await pageWidth(page) <= 360);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.locator('#open-in-calculator').click();
  await page.waitForSelector('body[data-ready="yes"]');
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  for (const tier of scenario.ask) assert.equal(await shownTier(page, tier), yuan(scenario.expected[tier]), `calculator ${tier}`);
});

test('all right, the next scenario, a city filter, and a blank answer asked for', async () => {
  const { page } = s;
  await openTraining(page);
  await page.locator('#city-filter').selectOption('jining');
  assert.equal(await page.locator('.scenario-link').count(), scenarios.filter((x) => x.case.city === 'jining').length);
  const first = scenarios.find((x) => x.case.city === 'jining');
  assert.equal(await page.locator('#scenario-title').innerText(), first.title);
  await page.getByRole('button', { name: '核对答案' }).click();
  assert.match(await page.locator('#answer-error').innerText(), /请填写金额/);
  for (const tier of first.ask) await page.locator(`#answer-${tier}`).fill(plain(first.expected[tier]));
  await page.getByRole('button', { name: '核对答案' }).click();
  assert.equal(await page.locator('.marks-table .verdict:has-text("✓")').count(), first.ask.length);
  assert.match(await page.locator('#progress').innerText(), /已答 1 题，全对 1 题/);
  await page.getByRole('button', { name: '下一题' }).click();
  assert.notEqual(await page.locator('#scenario-title').innerText(), first.title);
  assert.equal(await page.locator('#solution').isVisible(), false);
  await page.getByRole('button', { name: '不做了，看解法' }).click();
  assert.ok(await page.locator('#steps .step').count() > 0);
  await shoot(page, 'training-1280x800.png', 1280, 800);
  await page.setViewportSize({ width: 360, height: 740 });
  await openTraining(page);
  await shoot(page, 'training-360x740.png', 360, 740);
  assert.deepEqual(await axeProblems(page), []);
  await page.setViewportSize({ width: 1280, height: 800 });
  const stored = await page.evaluate(() => localStorage.length + sessionStorage.length + document.cookie.length);
  assert.equal(stored, 0, 'progress is not stored');
});

test('no request left the origin and no page raised an error', () => {
  assert.deepEqual(s.away(), []);
  assert.deepEqual(s.problems, []);
});
