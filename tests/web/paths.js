// Where the tests find the built site, the native CLI and the case files.
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SITE = process.env.SETTLE_SITE || path.join(ROOT, 'build/site');
export const CLI = process.env.SETTLE_CLI || path.join(ROOT, 'build/settle');
// The shared golden cases and policy documents (SETTLE_SHARED_DIR, as in CMake; default ../shared):
// a missing folder stops the tests rather than letting them pass on fewer cases.
export const SHARED = path.resolve(ROOT, process.env.SETTLE_SHARED_DIR || '../shared');
export const SHARED_CASES = path.join(SHARED, 'cases');
export const POLICY = path.join(SHARED, 'policy');
for (const dir of [SHARED_CASES, POLICY]) {
  if (!fs.existsSync(dir)) throw new Error(`missing ${dir}: set SETTLE_SHARED_DIR to the folder with cases/ and policy/`);
}
export const SCREENSHOTS = path.join(ROOT, 'build/screenshots');

// Every case file: ../shared/cases/*.json and tests/cases/**/*.json holding a top-level "case".
export function caseFiles() {
  const found = [];
  for (const dir of [SHARED_CASES, path.join(ROOT, 'tests/cases')]) {
    for (const name of fs.readdirSync(dir, { recursive: true })) {
      if (!String(name).endsWith('.json')) continue;
      const file = path.join(dir, String(name));
      const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (doc && typeof doc === 'object' && 'case' in doc) found.push({ file, doc });
    }
  }
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

export async function loadSiteApi() {
  const { loadSettle } = await import(path.join(SITE, 'settle-api.js'));
  return loadSettle({ wasmBinary: fs.readFileSync(path.join(SITE, 'settle.wasm')) });
}
