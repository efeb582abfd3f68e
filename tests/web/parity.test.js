// The WebAssembly build answers every case with the same bytes as the native CLI, and the
// golden amounts hold in both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, CLI, SITE, caseFiles, loadSiteApi } from './paths.js';

assert.ok(fs.existsSync(CLI), `native CLI missing: ${CLI} (build it first)`);
assert.ok(fs.existsSync(path.join(SITE, 'settle.js')), `site missing: ${SITE} (run scripts/build-site.sh)`);

const api = await loadSiteApi();
const cases = caseFiles();

function native(text) {
  const run = spawnSync(CLI, [], { input: text, encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 2, `settle exited ${run.status}: ${run.stderr}`);
  return { status: run.status, out: run.stdout.replace(/\n$/, '') };
}

function checkExpect(result, expect) {
  if (!expect) return;
  if (expect.error) {
    assert.ok(result.error, 'expected an error');
    if ('path' in expect.error) assert.equal(result.error.path, expect.error.path);
    return;
  }
  assert.ok(!result.error, `unexpected error ${JSON.stringify(result.error)}`);
  if (expect.identity) assert.equal(result.identity, expect.identity);
  for (const [key, fen] of Object.entries(expect.totals || {})) assert.equal(result.totals[key], fen, `totals.${key}`);
  (expect.visits || []).forEach((visit, i) => {
    for (const [key, fen] of Object.entries(visit)) assert.equal(result.visits[i][key], fen, `visits[${i}].${key}`);
  });
}

test('there are cases to run', () => assert.ok(cases.length >= 6, `found ${cases.length} cases`));

test('cities() and version() say what the CLI says', () => {
  const cli = (flag) => spawnSync(CLI, [flag], { encoding: 'utf8' }).stdout.trim();
  assert.deepEqual(api.cities(), JSON.parse(cli('--cities')));
  assert.equal(api.version(), cli('--version'));
});

test('cities() is JSON naming every city of the cases', () => {
  const ids = new Set(api.cities().cities.map((c) => c.id));
  for (const { doc } of cases) if (typeof doc.case.city === 'string' && !doc.expect?.error) assert.ok(ids.has(doc.case.city), doc.case.city);
  assert.match(api.version(), /\d/);
});

for (const { file, doc } of cases) {
  test(`same bytes as the CLI: ${path.relative(path.dirname(ROOT), file)}`, () => {
    const text = JSON.stringify(doc.case);
    const fromWasm = api.settleRaw(text);
    const fromCli = native(text);
    assert.equal(fromWasm, fromCli.out);
    const result = JSON.parse(fromWasm);
    assert.equal(fromCli.status, result.error ? 2 : 0);
    checkExpect(result, doc.expect);
  });
}

test('bad input is an error value, never a throw', () => {
  for (const text of ['', 'not json', '[]', '{"city":"nowhere","visits":[]}', '{"city":"yantai","visits":[{"total":"-1"}]}']) {
    const fromWasm = api.settleRaw(text);
    assert.equal(fromWasm, native(text).out, text);
    assert.ok(JSON.parse(fromWasm).error, text);
  }
});

test('input is all of the input in WebAssembly too: nothing after the case, a NUL included', () => {
  const good = JSON.stringify(cases[0].doc.case);
  for (const text of [`${good}\u0000{"city":"zzz"}`, `${good}\u0000`, ' \n ', '{"visits": [{"total": 1e400}]}', '{"city": "yantai", "visits": [{"date": "2023-05-05", "total": 1e008, "basic_paid": 100.000}]}']) {
    const wasm = api.settleRaw(text);
    const cli = native(text);
    assert.equal(wasm, cli.out, JSON.stringify(text));
    if (text.includes('\u0000')) assert.match(wasm, /^\{"error":\{"path":"","message":"[^"]*NUL/);
  }
});
