// Where the tests find the built site, the native CLI and the case files.
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SITE = process.env.SETTLE_SITE || path.join(ROOT, 'build/site');
export const CLI = process.env.SETTLE_CLI || path.join(ROOT, 'build/settle');
export const SHARED_CASES = path.resolve(ROOT, '../shared/cases');
export const SCREENSHOTS = path.join(ROOT, 'build/screenshots');

// Every case file: ../shared/cases/*.json and tests/cases/**/*.json holding a top-level "case".
export function caseFiles() {
  const found = [];
  for (const dir of [SHARED_CASES, path.join(ROOT, 'tests/cases')]) {
    if (!fs.existsSync(dir)) continue;
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
