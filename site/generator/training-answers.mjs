// Fills in the expected answers of site/training-scenarios.json from the native CLI
// (build/settle --jsonl), so the answer a trainee is marked against is the core's own.
// Usage: node site/generator/training-answers.mjs [--check]   (--check: exit 1 if any differs)
// tests/web/training.test.js makes the same comparison on every test run.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const file = path.join(root, 'site/training-scenarios.json');
const cli = process.env.SETTLE_CLI || path.join(root, 'build/settle');

export function answersFromCli(scenarios) {
  const run = spawnSync(cli, ['--jsonl'], { input: scenarios.map((s) => JSON.stringify(s.case)).join('\n'), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${cli} --jsonl exited ${run.status}: ${run.stderr}`);
  return run.stdout.trim().split('\n').map((line, i) => {
    const result = JSON.parse(line);
    if (result.error) throw new Error(`${scenarios[i].id}: ${result.error.path}: ${result.error.message}`);
    return Object.fromEntries(scenarios[i].ask.map((tier) => [tier, result.totals[tier]]));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  const answers = answersFromCli(doc.scenarios);
  const changed = doc.scenarios.filter((s, i) => JSON.stringify(s.expected) !== JSON.stringify(answers[i])).map((s) => s.id);
  if (process.argv.includes('--check')) {
    if (changed.length) { console.error(`expected answers differ from build/settle: ${changed.join(', ')}`); process.exit(1); }
    console.log(`${doc.scenarios.length} scenarios match build/settle`);
  } else {
    doc.scenarios.forEach((s, i) => { s.expected = answers[i]; });
    fs.writeFileSync(file, `${JSON.stringify(doc, null, 1)}\n`);
    console.log(`${doc.scenarios.length} scenarios written; changed: ${changed.join(', ') || 'none'}`);
  }
}
