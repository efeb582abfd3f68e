// site/generator/css.mjs: the published stylesheets lose their comments and empty lines, nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { stripCssComments } from '../../site/generator/css.mjs';
import { ROOT, SITE } from './paths.js';

test('comments and empty lines go; quoted text, even with /* in it, stays', () => {
  const css = '/* a note */\na { content: "/* kept */"; }\n\n/* two\n   lines */\nb::before { content: \'x\\\'/*\'; color: red; } /* after */\n';
  assert.equal(stripCssComments(css), 'a { content: "/* kept */"; }\nb::before { content: \'x\\\'/*\'; color: red; } \n');
});

test('the site\'s app.css is web/app.css without its comments, then the prerendered screen\'s rules', () => {
  const flat = (text) => text.replace(/\s+/g, ' ').trim();
  const source = fs.readFileSync(path.join(ROOT, 'web/app.css'), 'utf8');
  const built = fs.readFileSync(path.join(SITE, 'app.css'), 'utf8');
  const own = built.slice(0, built.indexOf("/* The example's bar"));  // appended by prerender.mjs
  assert.ok(source.includes('/*') && !own.includes('/*'));
  assert.equal(flat(own), flat(stripCssComments(source)));
});
