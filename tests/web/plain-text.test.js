// Issue 14 point 8: everything a person can read is plain Chinese. Every generated and hand-written
// page of the site (text, and the attributes read aloud or shown), every training question, and
// the WebAssembly settlement of every case file (steps, warnings, errors) is scanned for parameter
// ids, file paths, English and developer notes. tests/core/internal_text.h does the same natively.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SITE, caseFiles, loadSiteApi } from './paths.js';


const PATTERNS = [
  /[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_[\]]*/,  // a parameter id, a file name
  /[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+/,                   // a path
  /[A-Za-z]{2,}[ \t]+[A-Za-z]{2,}/,                       // English words
  /凭记忆|未核对|TODO|FIXME|XXX|PARAMETERS|CONTRACT|\blead\b/,  // a developer's note
];

// The first internal fragment of `text`, or ''. `strict`: no Latin word at all (steps, warnings);
// pages and input errors may name a format (JSON) or a field.
export function internalText(text, strict = false) {
  const clean = String(text);
  for (const pattern of strict ? [...PATTERNS, /[A-Za-z]{2,}/] : PATTERNS) {
    const match = pattern.exec(clean);
    if (match) return match[0];
  }
  return '';
}

const decode = (text) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&#39;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');

// What a page shows or reads aloud: its text outside scripts and styles, and the attributes a
// person meets (labels, titles, alternative text, placeholders, the description).
function readable(html) {
  const attributes = [...html.matchAll(/\s(?:aria-label|title|alt|placeholder)="([^"]*)"/g)].map((m) => m[1]);
  const description = [...html.matchAll(/<meta name="description" content="([^"]*)"/g)].map((m) => m[1]);
  const text = html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]+>/g, '\n');
  return [...text.split('\n'), ...attributes, ...description].map((t) => decode(t).trim()).filter(Boolean);
}

test('the scanner finds what it must refuse', () => {
  for (const bad of ['参数 assistance.minimum_living.deductible', '见 shared/policy/PARAMETERS.md', 'Basic insurance 估算',
    '凭记忆的数字', 'basic.resident.level3.deductible']) assert.notEqual(internalText(bad), '', bad);
  assert.notEqual(internalText('比例 none', true), '');
  assert.equal(internalText('大病保险（低保对象，居民医保）的年度限额 30,000.00 元'), '');
});

test('every page of the site is plain Chinese', () => {
  const pages = fs.readdirSync(SITE).filter((name) => name.endsWith('.html'));
  assert.ok(pages.length >= 5);
  for (const name of pages) {
    for (const line of readable(fs.readFileSync(path.join(SITE, name), 'utf8'))) {
      assert.equal(internalText(line), '', `${name}: ${line}`);
    }
  }
});

test('every training question, title and hint is plain Chinese', () => {
  const { scenarios } = JSON.parse(fs.readFileSync(path.join(ROOT, 'site/training-scenarios.json'), 'utf8'));
  assert.ok(scenarios.length > 0);
  for (const s of scenarios) {
    for (const field of ['title', 'question', 'hint', 'explanation']) {
      if (s[field] !== undefined) assert.equal(internalText(s[field], true), '', `${s.id}.${field}: ${s[field]}`);
    }
  }
});

test('every case file settles (WebAssembly) to plain Chinese steps, warnings and errors', async () => {
  const api = await loadSiteApi();
  const files = caseFiles();
  assert.ok(files.length > 50);
  for (const { file, doc } of files) {
    const result = JSON.parse(api.settleRaw(JSON.stringify(doc.case)));
    const where = path.relative(ROOT, file);
    if (result.error) {
      assert.equal(internalText(result.error.message), '', `${where}: ${result.error.message}`);
      continue;
    }
    for (const step of result.steps || []) assert.equal(internalText(step.text, true), '', `${where}: ${step.text}`);
    for (const w of result.warnings) assert.equal(internalText(w.message, true), '', `${where}: ${w.message}`);
  }
});
