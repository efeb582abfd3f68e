// Share, save and print (issue 8 item 5): a link that reopens the case, a file that round-trips
// (and that the native CLI settles to the same amounts), a one-page A4 print, and nothing kept in
// the browser's storage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, ROOT, SCREENSHOTS, SHARED_CASES } from './paths.js';
import { openSession, openCalculator, shoot, pdfPages, fragmentOf, yuan, TIERS, shownTier } from './session.js';

const p01 = JSON.parse(fs.readFileSync(path.join(SHARED_CASES, 'p01-yantai-resident-minimum-living.json'), 'utf8'));
let s;

before(async () => { s = await openSession({ acceptDownloads: true }); });
after(async () => { await s?.close(); });

const settleNative = (kase) => JSON.parse(spawnSync(CLI, [], { input: JSON.stringify(kase), encoding: 'utf8' }).stdout);

async function amountsOn(page) {
  const shown = {};
  for (const tier of TIERS) shown[tier] = await shownTier(page, tier);
  return shown;
}

test('a shared link reopens the same case in a fresh browser; later edits stay out of the address bar', async () => {
  const { page } = s;
  await openCalculator(page, s.url());
  assert.equal(await page.locator('#share-link').isDisabled(), true, 'nothing to share before an amount');
  await page.getByLabel('城市').selectOption('yantai');
  await page.locator('label[for="identity-minimum_living"]').click();
  await page.locator('#visit-0-date').fill('2023-04-02');
  await page.locator('#visit-0-total').pressSequentially('100000');
  await page.locator('#visit-0-in_policy').pressSequentially('90000');
  await page.locator('#visit-0-basic_paid').pressSequentially('50000');
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  assert.ok(!page.url().includes('#'), 'no fragment until a link is asked for');
  await page.locator('#share-link').click();
  await page.locator('#share-box').waitFor();
  const link = await page.locator('#share-url').inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#case=[A-Za-z0-9_-]+$/);
  assert.equal(page.url(), link, 'the address bar holds the link');
  const before = await amountsOn(page);
  assert.equal(before.assistance, yuan(p01.expect.totals.assistance));
  await shoot(page, 'share-1280x800.png', 1280, 800, '#result-title');
  await shoot(page, 'share-360x740.png', 360, 740, '#result-title');
  await page.setViewportSize({ width: 1280, height: 800 });

  const other = await s.newContext();
  const reader = s.watch(await other.newPage());
  await openCalculator(reader, link);
  await reader.locator('#result-body:not(.is-stale) .legend').waitFor();
  assert.deepEqual(await amountsOn(reader), before);
  assert.equal(await reader.getByLabel('城市').inputValue(), 'yantai');
  assert.equal(await reader.locator('#identity-minimum_living').isChecked(), true);
  assert.equal(await reader.locator('#visit-0-in_policy').inputValue(), '90000');
  assert.match(await reader.locator('#tools-status').innerText(), /已打开链接/);
  await other.close();

  const linkBefore = page.url();
  const historyBefore = await page.evaluate(() => history.length);
  await page.locator('#visit-0-basic_paid').fill('40000');
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  await page.waitForTimeout(800);  // longer than the pause after which the old page rewrote it
  assert.equal(page.url(), linkBefore, 'an edit does not touch the address bar');
  assert.equal(await page.evaluate(() => history.length), historyBefore);
  assert.equal(await page.locator('#share-box').isHidden(), true, 'the old link is no longer offered');
  assert.match(await page.locator('#tools-status').innerText(), /再按“复制分享链接”/);
  await page.locator('#share-link').click();
  await page.locator('#share-box').waitFor();
  const edited = JSON.parse(Buffer.from(new URL(page.url()).hash.slice('#case='.length), 'base64url').toString('utf8'));
  assert.equal(edited.visits[0].basic_paid, '40000', 'pressing again writes the edited case');
});

test('a case opened from a link, then edited or replaced by an import, never rewrites the address bar', async () => {
  const { page } = s;
  const link = s.url(fragmentOf(p01.case));
  await openCalculator(page, link);
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  await page.locator('#visit-0-total').fill('120000');
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  await page.locator('#import-file').setInputFiles(path.join(ROOT, 'tests/cases/yantai/monitored-reassistance-above-10000.json'));
  await page.locator('#tools-status').filter({ hasText: '已导入' }).waitFor();
  await page.waitForTimeout(800);
  assert.equal(page.url(), link);
  assert.match(await page.locator('.privacy').innerText(), /只有按“复制分享链接”时/);
});

test('a link pasted into the same tab (only the fragment changes) opens its case', async () => {
  const { page } = s;
  await openCalculator(page, s.url(fragmentOf(p01.case)));
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  const other = { ...p01.case, identities: ['extreme_poverty'] };
  await page.evaluate((hash) => { location.hash = hash; }, fragmentOf(other));
  await page.waitForFunction(() => document.querySelector('#identity-extreme_poverty')?.checked);
  await page.locator('#result-body:not(.is-stale) [data-testid="identity"]').filter({ hasText: '特困' }).waitFor();
  assert.equal(await page.locator('#identity-minimum_living').isChecked(), false);
});

test('a damaged link says so and leaves the form usable', async () => {
  const { page } = s;
  await openCalculator(page, s.url('#case=eyJjaXR5Ijoi'));
  await page.locator('#tools-status.is-error').waitFor();
  assert.match(await page.locator('#tools-status').innerText(), /无法打开/);
  await openCalculator(page, s.url(fragmentOf({ city: 'nowhere', visits: [{ total: 1 }] })));
  await page.locator('#tools-status.is-error').waitFor();
  assert.match(await page.locator('#tools-status').innerText(), /没有收录城市/);
  await openCalculator(page, s.url(fragmentOf({ city: 'yantai', visits: [{ total: 1, colour: 'red' }] })));
  assert.match(await page.locator('#tools-status').innerText(), /visits\[0\]\.colour/);

  // A valid link with a character after it, or a space the mail program added: damaged, said so,
  // and the form still settles what is typed.
  for (const tail of ['.', '%20']) {
    const problems = s.problems.length;
    await openCalculator(page, s.url(`${fragmentOf(p01.case)}${tail}`));
    await page.locator('#tools-status.is-error').waitFor();
    assert.match(await page.locator('#tools-status').innerText(), /链接中的案例已损坏/, tail);
    assert.deepEqual(s.problems.slice(problems), [], `${tail}: no script error`);
    await page.locator('#visit-0-total').fill('10000');
    await page.locator('#visit-0-basic_paid').fill('5000');
    await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  }
});

test('a link or file beyond the contract\'s limits is refused before the form is built', async () => {
  const { page } = s;
  const visit = { date: '2023-04-02', hospital_level: 3, total: 1000 };
  const many = { city: 'yantai', visits: Array.from({ length: 20000 }, () => ({ total: 1 })) };  // under 1 MiB
  const started = Date.now();
  await openCalculator(page, s.url(fragmentOf(many)));
  await page.locator('#tools-status.is-error').waitFor();
  assert.match(await page.locator('#tools-status').innerText(), /20000 次就诊，一个案例最多 1000 次/);
  assert.equal(await page.locator('#visit-list > .visit').count(), 1, 'no form built for it');
  assert.ok(Date.now() - started < 20000, `refused in ${Date.now() - started} ms`);
  await openCalculator(page, s.url(fragmentOf({ city: 'yantai', visits: Array.from({ length: 1001 }, () => visit) })));
  await page.locator('#tools-status.is-error').waitFor();
  assert.match(await page.locator('#tools-status').innerText(), /1001 次就诊/);

  const padded = { city: 'yantai', scheme: 'resident', visits: [{ ...visit, kind: `inpatient${' '.repeat(1 << 20)}` }] };
  await openCalculator(page, s.url());
  await page.evaluate((hash) => { location.hash = hash; }, fragmentOf(padded));  // a 1.4 MB address loads slowly
  await page.locator('#tools-status.is-error').waitFor();
  assert.match(await page.locator('#tools-status').innerText(), /链接中的案例超过 1 MiB 的上限/);
  await page.locator('#import-file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(padded)) });
  await page.locator('#tools-status').filter({ hasText: '文件超过 1 MiB 的上限' }).waitFor();
  assert.equal(await page.locator('#visit-list > .visit').count(), 1);
});

test('a link or file goes to the core as it is: what the core refuses is shown at its field, not changed', async () => {
  const { page } = s;
  const base = { city: 'yantai', identities: ['minimum_living'], visits: [{ date: '2023-05-05', total: 100000 }] };
  const refusedAt = async (field, message) => {
    const slot = page.locator(`#visit-0-${field}-error`);
    await slot.waitFor();
    assert.match(await slot.innerText(), message, field);
    assert.equal(await page.locator('#result-body:not(.is-stale) .legend').count(), 0, `${field}: no settlement shown`);
  };
  const cliPath = (text) => JSON.parse(spawnSync(CLI, [], { input: text, encoding: 'utf8' }).stdout).error?.path;

  const level4 = { ...base, visits: [{ ...base.visits[0], hospital_level: 4 }] };
  assert.equal(cliPath(JSON.stringify(level4)), 'visits[0].hospital_level');
  await openCalculator(page, s.url(fragmentOf(level4)));
  await refusedAt('hospital_level', /医院等级应为 1、2 或 3/);
  await page.locator('#visit-0-hospital_level').selectOption('2');  // edited: the form's value from now on
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();

  const importText = async (name, text) => {
    await openCalculator(page, s.url());
    await page.locator('#import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.locator('#tools-status').filter({ hasText: '已导入' }).waitFor();
  };
  const notBoolean = JSON.stringify({ ...base, visits: [{ ...base.visits[0], hospital_level: 3, designated: 'false' }] });
  assert.equal(cliPath(notBoolean), 'visits[0].designated');
  await importText('designated.json', notBoolean);
  await refusedAt('designated', /true 或 false/);

  const tooFine = '{"city": "yantai", "visits": [{"date": "2023-05-05", "hospital_level": 3, "total": 100000, "in_policy": 90000.0000000000001}]}';
  assert.equal(cliPath(tooFine), 'visits[0].in_policy');
  await importText('in-policy.json', tooFine);
  await refusedAt('in_policy', /两位小数/);
  assert.equal(await page.locator('#visit-0-in_policy').inputValue(), '90000.0000000000001', 'shown as written');

  const levelText = '{"city": "yantai", "visits": [{"date": "2023-05-05", "hospital_level": 3.0, "total": 1000}]}';
  assert.equal(cliPath(levelText), 'visits[0].hospital_level');
  await importText('level.json', levelText);
  await refusedAt('hospital_level', /医院等级/);

  const category = { ...base, identities: ['nobody'], visits: [{ ...base.visits[0], hospital_level: 3 }] };
  await openCalculator(page, s.url(fragmentOf(category)));
  await page.locator('[data-path="identities"].has-error').waitFor();
  assert.match(await page.locator('[data-path="identities"] .field-error').first().innerText(), /nobody/);
});

test('export writes the case as a JSON file the CLI settles the same; import reads it back', async () => {
  const { page } = s;
  await openCalculator(page, s.url(fragmentOf(p01.case)));
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  const shown = await amountsOn(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-case').click()]);
  assert.equal(download.suggestedFilename(), 'settle-case-yantai-2023-04-02.json');
  const file = path.join(SCREENSHOTS, '..', 'exported-case.json');
  await download.saveAs(file);
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(exported.city, 'yantai');
  const native = settleNative(exported);
  for (const tier of TIERS) assert.equal(yuan(native.totals[tier]), shown[tier], `CLI ${tier}`);

  await openCalculator(page, s.url());
  const caseFile = path.join(ROOT, 'tests/cases/yantai/monitored-reassistance-above-10000.json');
  const expect = JSON.parse(fs.readFileSync(caseFile, 'utf8')).expect;
  await page.locator('#import-file').setInputFiles(caseFile);
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  assert.match(await page.locator('#tools-status').innerText(), /已导入/);
  for (const [tier, fen] of Object.entries(expect.totals)) assert.equal(await shownTier(page, tier), yuan(fen), tier);

  await page.locator('#import-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{not json') });
  await page.locator('#tools-status.is-error').waitFor();
  assert.match(await page.locator('#tools-status').innerText(), /不是有效的 JSON/);
  for (const [tier, fen] of Object.entries(expect.totals)) assert.equal(await shownTier(page, tier), yuan(fen), `kept ${tier}`);
});

// The PDF, and (where poppler's pdftoppm is installed) a PNG of it to look at.
async function printToPdf(page, name) {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const file = path.join(SCREENSHOTS, name);
  fs.writeFileSync(file, pdf);
  spawnSync('pdftoppm', ['-r', '80', '-png', '-singlefile', file, file.replace(/\.pdf$/, '-pdf')]);
  return pdfPages(pdf);
}

test('the print view is one A4 page with the breakdown, the sources and the rules\' date', async () => {
  const { page } = s;
  await openCalculator(page, s.url(fragmentOf(p01.case)));
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  await page.emulateMedia({ media: 'print' });
  try {
    assert.equal(await page.locator('#case-form').isVisible(), false, 'no form on paper');
    assert.equal(await page.locator('.explain').isVisible(), false, 'no step list on paper');
    assert.ok(await page.locator('.per-visit table').isVisible());
    const sources = await page.locator('.sources').innerText();
    assert.match(sources, /烟政办发〔2022〕25号 三（四）1/);
    assert.match(sources, /原文规定/);
    assert.match(await page.locator('.print-header').innerText(), /2023-01-01 起施行/);
    // The day of the estimate, in the browser's own time zone.
    const localDay = await page.evaluate(() => {
      const now = new Date();
      return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    });
    assert.match(await page.locator('.print-date').innerText(), new RegExp(`^试算日期 ${localDay}　`));
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'print-p01.png'), fullPage: true });
  } finally {
    await page.emulateMedia({ media: null });
    await page.setViewportSize({ width: 1280, height: 800 });
  }
  const sheet = await printToPdf(page, 'print-p01.pdf');
  assert.equal(sheet.pages, 1, 'one page');
  assert.ok(Math.abs(sheet.width - 595.9) < 2 && Math.abs(sheet.height - 842.9) < 2, `A4, got ${sheet.width}x${sheet.height}`);

  // A long year still fits: rows beyond what a page holds are left off with a note.
  const visits = Array.from({ length: 20 }, (_, i) => ({ date: `2023-${String(1 + (i % 12)).padStart(2, '0')}-1${i % 10}`, kind: 'inpatient', hospital_level: 1 + (i % 3), total: 20000 + 1000 * i }));
  await openCalculator(page, s.url(fragmentOf({ city: 'yantai', scheme: 'resident', identities: ['low_income_edge', 'monitored'], visits })));
  await page.locator('#result-body:not(.is-stale) .legend').waitFor();
  const long = await printToPdf(page, 'print-20-visits.pdf');
  assert.equal(long.pages, 1, '20 visits on one page');
});

test('nothing was written to the browser\'s storage and no request left the origin', async () => {
  const stored = await s.page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookies: document.cookie,
    databases: indexedDB.databases ? (await indexedDB.databases()).length : 0,
    cached: (await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)))).flat()
      .filter((url) => !/\/(|[\w.-]+\.(html|js|css|wasm|svg|png|json|webmanifest))$/.test(new URL(url).pathname)),
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookies: '', databases: 0, cached: [] });
  assert.deepEqual(s.away(), []);
  assert.deepEqual(s.problems, []);
});
