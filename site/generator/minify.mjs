// Build step of the `site` target (wasm/assemble_site.cmake): minifies the assembled site's
// JavaScript in place with terser (comments, whitespace and long local names go; web/ keeps the
// readable sources). The service worker is left alone: the build fills in its file list after
// this step. Usage: node site/generator/minify.mjs SITE_DIR
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';

const site = path.resolve(process.argv[2] || 'build/site');
const KEEP = new Set(['sw.js']);
let before = 0;
let after = 0;
for (const name of fs.readdirSync(site).filter((n) => n.endsWith('.js') && !KEEP.has(n)).sort()) {
  const file = path.join(site, name);
  const source = fs.readFileSync(file, 'utf8');
  const result = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  fs.writeFileSync(file, result.code);
  before += source.length;
  after += result.code.length;
}
console.log(`minify: ${(before / 1024).toFixed(0)} KB of JavaScript -> ${(after / 1024).toFixed(0)} KB`);
