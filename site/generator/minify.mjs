// Build step of the `site` target (wasm/assemble_site.cmake): minifies the assembled site's
// JavaScript in place with terser (comments, whitespace and long local names go; web/ keeps the
// readable sources) and takes the comments out of its stylesheets. The service worker is left alone: the build fills in its file list after
// this step. Usage: node site/generator/minify.mjs SITE_DIR
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';
import { stripCssComments } from './css.mjs';

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

let cssBefore = 0;
let cssAfter = 0;
for (const name of fs.readdirSync(site).filter((n) => n.endsWith('.css')).sort()) {
  const file = path.join(site, name);
  const source = fs.readFileSync(file, 'utf8');
  const stripped = stripCssComments(source);
  fs.writeFileSync(file, stripped);
  cssBefore += source.length;
  cssAfter += stripped.length;
}
console.log(`minify: ${(cssBefore / 1024).toFixed(0)} KB of CSS -> ${(cssAfter / 1024).toFixed(0)} KB`);
