// node site/generator/prerender.mjs SITE_DIR
// Writes the calculator's first screen into SITE_DIR/index.html at build time (issue 18): the form
// filled with the example case (example-case.json beside this file) and the engine's result for
// it, so a plain visit paints a complete screen before any script has run. The screen is made by
// the page itself: the assembled site is served on 127.0.0.1 and opened in Debian's chromium
// (playwright-core), web/app.js settles the example with the WebAssembly engine as it would for a
// person, and the live <main> and bottom bar are written back as HTML, with what was typed,
// chosen and opened kept as attributes. On a real visit app.js builds the same screen again in
// one task and takes it over without moving anything (tests/web/first-screen.test.js).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// The tests' own loopback server and Debian's chromium (never a downloaded build).
import { launchChromium } from '../../tests/web/browser.js';
import { serveDir } from '../../tests/web/static-server.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SITE_DIR = path.resolve(process.argv[2] || '');
const INDEX = path.join(SITE_DIR, 'index.html');
if (!process.argv[2] || !fs.existsSync(INDEX)) {
  console.error('usage: node site/generator/prerender.mjs SITE_DIR (with index.html)');
  process.exit(64);
}
const example = JSON.parse(fs.readFileSync(path.join(HERE, 'example-case.json'), 'utf8'));

const attr = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const FORM_TAG = /<form id="case-form"([^>]*)>/;
let html = fs.readFileSync(INDEX, 'utf8');
if (!FORM_TAG.test(html) || html.includes('data-example=')) throw new Error('index.html: expected one <form id="case-form"> not yet prerendered');
// app.js fills the form with this case on a visit without a #case= link.
html = html.replace(FORM_TAG, (tag, rest) => `<form id="case-form"${rest} data-example="${attr(JSON.stringify(example))}">`);
fs.writeFileSync(INDEX, html);

// No service worker while the screen is made: its file list is written after this step.
const server = await serveDir(SITE_DIR, { hidden: ['/sw.js'] });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${server.origin}/index.html`);
  // The result, its steps and the comparison are all on screen.
  await page.waitForFunction(() => document.body.dataset.ready === 'yes'
    && document.querySelector('#compare')?.dataset.done === 'yes'
    && document.querySelector('#result-body .explain:not([aria-busy])')
    && !document.querySelector('#result-body').hidden, null, { timeout: 60000 });
  if (problems.length) throw new Error(`the page failed: ${problems.join('; ')}`);
  const screen = await page.evaluate(() => {
    const main = document.querySelector('main');
    // What the person would see typed, chosen and opened, as the HTML's own defaults.
    for (const input of main.querySelectorAll('input')) {
      if (input.type === 'checkbox' || input.type === 'radio') input.toggleAttribute('checked', input.checked);
      else if (input.type !== 'file') input.setAttribute('value', input.value);
    }
    for (const option of main.querySelectorAll('option')) option.toggleAttribute('selected', option.selected);
    for (const area of main.querySelectorAll('textarea')) area.textContent = area.value;
    for (const details of main.querySelectorAll('details')) details.toggleAttribute('open', details.open);
    // Only on paper, and the day of the build: app.js writes today's when it takes over.
    for (const date of main.querySelectorAll('.print-date')) date.textContent = '';
    // The page's CSP allows no style attribute: the bar's shares (set through the CSSOM when
    // live) become rules of app.css that hold while the screen is the prerendered one.
    const rules = [];
    for (const styled of main.querySelectorAll('[style]')) {
      const tier = [...styled.classList].find((c) => c.startsWith('tier-'));
      if (!styled.classList.contains('bar-part') || !tier || styled.style.length !== 1 || !styled.style.flexGrow) {
        throw new Error(`a style the prerendered page cannot keep: ${styled.outerHTML.slice(0, 200)}`);
      }
      rules.push(`main[data-prerendered] #summary .bar-part.${tier} { flex-grow: ${styled.style.flexGrow}; }`);
      styled.removeAttribute('style');
    }
    main.dataset.prerendered = 'yes';
    const mini = document.querySelector('#mini-summary');
    mini.dataset.prerendered = 'yes';
    return { main: main.outerHTML, mini: mini.outerHTML, rules };
  });
  const MAIN = /<main class="layout">[\s\S]*<\/main>/;
  const MINI = /<a id="mini-summary"[^>]*><\/a>/;
  if (!MAIN.test(html) || !MINI.test(html)) throw new Error('index.html: expected <main class="layout"> and an empty <a id="mini-summary">');
  html = html.replace(MAIN, () => screen.main).replace(MINI, () => screen.mini);
  fs.writeFileSync(INDEX, html);
  fs.appendFileSync(path.join(SITE_DIR, 'app.css'), `\n/* The example's bar in index.html (site/generator/prerender.mjs). */\n${screen.rules.join('\n')}\n`);
  console.log(`prerender: index.html with the example case's result (${example.city}, ${(screen.main.length / 1024).toFixed(0)} KB of markup)`);
} finally {
  await browser.close();
  await server.close();
}
