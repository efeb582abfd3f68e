// node bench/wasm-bench.mjs [--seconds S] CASE.json...
// Times the WebAssembly module's settle(caseJson) in Node through wasm/settle-api.js's settleRaw,
// the call the page makes (case text in, decoded JSON text out), one call per sample, and prints one tab-separated line per
// case, like build/bench/settle_bench:
//   name  visits  samples  median_us  p99_us  output_bytes
// The module comes from build/site/ (SETTLE_SITE overrides), loaded as the page loads it.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadSiteApi } from '../tests/web/paths.js';

let seconds = 1;
const files = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--seconds') seconds = Number(args[++i]);
  else files.push(args[i]);
}
if (files.length === 0) {
  console.error('usage: node bench/wasm-bench.mjs [--seconds S] CASE.json...');
  process.exit(64);
}

const api = await loadSiteApi();

function percentile(sorted, fraction) {
  return sorted[Math.round(fraction * (sorted.length - 1))];
}

let sink = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const first = api.settleRaw(text);
  if (first.startsWith('{"error"')) {
    console.error(`${file}: not a settlement: ${first}`);
    process.exit(1);
  }
  // Warm up (the JIT tiers up the glue), then sample for `seconds`, at least 1000 calls.
  for (let i = 0; i < 200; ++i) sink += api.settleRaw(text).length;
  const samples = [];
  const deadline = performance.now() + seconds * 1000;
  while (samples.length < 1000 || performance.now() < deadline) {
    const start = performance.now();
    const output = api.settleRaw(text);
    samples.push((performance.now() - start) * 1000);
    sink += output.length;
  }
  samples.sort((a, b) => a - b);
  const name = path.basename(file, '.json');
  const visits = (text.match(/"date"/g) || []).length;
  const bytes = Buffer.byteLength(first, 'utf8');
  console.log([name, visits, samples.length, percentile(samples, 0.5).toFixed(1), percentile(samples, 0.99).toFixed(1), bytes]
    .join('\t'));
}
if (sink === 0) process.exit(1);
