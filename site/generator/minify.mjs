// Build step of the `site` target (wasm/assemble_site.cmake): minifies the assembled site's
// JavaScript in place with terser (comments, whitespace and long local names go; web/ keeps the
// readable sources) and takes the comments out of its stylesheets. The service worker is left
// alone: the build fills in its file list after this step. Usage: node site/generator/minify.mjs SITE_DIR
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';
import { stripCssComments } from './css.mjs';

const site = path.resolve(process.argv[2] || 'build/site');
const KEEP = new Set(['sw.js']);

// Rewrites each file of the site whose name ends with `extension` (but those in KEEP) with
// shrink(text), and says how much it took off.
async function shrinkAll(extension, kind, shrink) {
  let before = 0;
  let after = 0;
  for (const name of fs.readdirSync(site).filter((n) => n.endsWith(extension) && !KEEP.has(n)).sort()) {
    const file = path.join(site, name);
    const source = fs.readFileSync(file, 'utf8');
    const smaller = await shrink(source);
    fs.writeFileSync(file, smaller);
    before += source.length;
    after += smaller.length;
  }
  console.log(`minify: ${(before / 1024).toFixed(0)} KB of ${kind} -> ${(after / 1024).toFixed(0)} KB`);
}

await shrinkAll('.js', 'JavaScript', async (source) =>
  (await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } })).code);
await shrinkAll('.css', 'CSS', stripCssComments);
