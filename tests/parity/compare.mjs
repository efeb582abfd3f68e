// node tests/parity/compare.mjs CASES.jsonl NATIVE.jsonl SITE_DIR
// Settles every line of CASES.jsonl with the WebAssembly module (SITE_DIR/settle.js + settle.wasm)
// and compares its answer, byte for byte, with the same line of NATIVE.jsonl (`settle --jsonl`).
// Prints "N passed, M failed" and exits 1 when any line differs.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [casesFile, nativeFile, site] = process.argv.slice(2);
if (!casesFile || !nativeFile || !site) {
  console.error('usage: node tests/parity/compare.mjs CASES.jsonl NATIVE.jsonl SITE_DIR');
  process.exit(64);
}

// Lines of a file as Buffers (bytes, not decoded text), read in chunks: the native answers with
// their steps run to hundreds of megabytes.
async function* lines(file) {
  let rest = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    let data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
      yield data.subarray(start, end);
      start = end + 1;
    }
    rest = Buffer.from(data.subarray(start));
  }
  if (rest.length) yield rest;
}

const { loadSettle } = await import(pathToFileURL(path.join(site, 'settle-api.js')).href);
const api = await loadSettle({ wasmBinary: fs.readFileSync(path.join(site, 'settle.wasm')) });

const started = process.hrtime.bigint();
const native = lines(nativeFile);
let passed = 0;
let failed = 0;
let line = 0;
for await (const caseBytes of lines(casesFile)) {
  line += 1;
  const fromWasm = Buffer.from(api.settleBytes(caseBytes));  // the case's own bytes in, a copy of the module's out
  const next = await native.next();
  if (!next.done && fromWasm.equals(next.value)) {
    passed += 1;
    continue;
  }
  failed += 1;
  if (failed <= 5) {
    const nativeText = next.done ? '(no line)' : next.value.toString('utf8');
    let at = 0;
    while (at < fromWasm.length && !next.done && fromWasm[at] === next.value[at]) at += 1;
    console.error(`line ${line} differs at byte ${at}:\n  case:   ${caseBytes.toString('utf8').slice(0, 300)}` +
      `\n  wasm:   …${fromWasm.toString('utf8').slice(Math.max(0, at - 60), at + 120)}` +
      `\n  native: …${nativeText.slice(Math.max(0, at - 60), at + 120)}`);
  }
}
if (!(await native.next()).done) {
  failed += 1;
  console.error('the native output has more lines than there are cases');
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.error(`wasm: ${line} cases settled in ${seconds.toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
