// 名词解释 (issue 15 item 4): one glossary file; on the calculator and on every city page one tap
// opens the same plain explanation; every clause it names is in the document on file, and every
// quote is that document's own words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { POLICY, ROOT } from './paths.js';
import { openSession, openCalculator, axeProblems, shoot } from './session.js';
import { GLOSSARY } from '../../web/glossary.js';

const DOCUMENTS = {
  '烟政办发〔2022〕25号': 'yantai-2022-yanzhengbanfa-25.txt',
  '柳州市健全重特大疾病医疗保险和救助制度任务清单': 'liuzhou-task-list.txt',
};
const flat = (text) => text.replace(/\s+/g, '');

test('each term the issue names is explained, and every quoted clause is the document\'s own words', () => {
  for (const term of ['起付线', '政策范围内费用', '政策范围内个人负担', '自费', '就高不重复', '大病保险与职工大额医疗费用补助', '医疗救助与再救助']) {
    assert.ok(GLOSSARY.some((g) => g.term === term && g.text.length > 20), term);
  }
  for (const g of GLOSSARY.filter((x) => x.source)) {
    const file = DOCUMENTS[g.source.document];
    assert.ok(file, `${g.term}: a document on file`);
    const text = flat(fs.readFileSync(path.join(POLICY, file), 'utf8'));
    assert.ok(text.includes(flat(g.source.quote)), `${g.term}: the quote is in ${file}`);
    // The clause's last part (（五）, （一）...) heads the paragraph the quote is in.
    const part = /（[一二三四五六七八九十]+）$/.exec(g.source.clause)?.[0];
    assert.ok(part, `${g.term}: clause ${g.source.clause}`);
    const under = [];
    for (let at = text.indexOf(flat(g.source.quote)); at >= 0; at = text.indexOf(flat(g.source.quote), at + 1)) {
      const heads = [...text.slice(0, at).matchAll(/（[一二三四五六七八九十]+）/g)].map((m) => m[0]);
      under.push(heads[heads.length - 1]);
    }
    assert.ok(under.includes(part), `${g.term}: the quote is under ${part} (found under ${under.join('、')})`);
  }
});

let s;
before(async () => { s = await openSession(); });
after(async () => { await s?.close(); });

async function explanationFor(page, id) {
  await page.locator(`.glossary button[popovertarget="term-${id}"]`).click();
  const pop = page.locator(`#term-${id}`);
  await pop.waitFor({ state: 'visible' });
  const text = await pop.innerText();
  await pop.getByRole('button', { name: '关闭' }).click();
  await pop.waitFor({ state: 'hidden' });
  return text;
}

test('one tap on a term opens the same explanation on the calculator and on every city page', async () => {
  const { page } = s;
  await page.setViewportSize({ width: 360, height: 740 });
  await openCalculator(page, s.url());
  const onCalculator = {};
  for (const g of GLOSSARY) onCalculator[g.id] = await explanationFor(page, g.id);
  for (const g of GLOSSARY) {
    assert.match(onCalculator[g.id], new RegExp(g.text.slice(0, 12).replace(/[()（）]/g, '.')));
    if (g.source) assert.match(onCalculator[g.id], new RegExp(`${g.source.document.replace(/[〔〕]/g, '.')} ${g.source.clause.replace(/[（）]/g, '.')}`));
  }
  // The ？ beside 就高不重复 opens the same one.
  await page.locator('#identities-hint .term-help').click();
  await page.locator('#term-jiugao').waitFor({ state: 'visible' });
  await shoot(page, 'glossary-calculator-360.png', 360, 740);
  assert.deepEqual(await axeProblems(page), []);
  await page.keyboard.press('Escape');
  for (const name of fs.readdirSync(path.join(ROOT, 'build/site')).filter((n) => /^city-\w+\.html$/.test(n))) {
    await page.goto(s.url(name));
    for (const g of GLOSSARY) assert.equal(await explanationFor(page, g.id), onCalculator[g.id], `${name}: ${g.term}`);
  }
  await page.locator('.glossary button[popovertarget="term-geren"]').click();
  await shoot(page, 'glossary-city-360.png', 360, 740);
});

test('no request left the origin and no page raised an error', () => {
  assert.deepEqual(s.away(), []);
  assert.deepEqual(s.problems, []);
});
