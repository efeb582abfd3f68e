// What every page of the site shares, written in one place: the head lines (charset, viewport,
// Content-Security-Policy, referrer, theme colour, manifest, icon, stylesheet) and the links
// between the pages. The generated pages take them from commonHead() and siteNav();
// web/index.html and site/training.html hold marker lines, `<!--@head-->` (`<!--@head wasm-->`
// for a page that runs the engine, `<!--@head wasm first-screen-->` for the calculator, whose
// prerendered first screen needs FIRST_SCREEN_SCRIPT) and `<!--@nav PAGE-->`, which expandMarkers() replaces in the
// assembled site.
import { createHash } from 'node:crypto';

// Everything web/app.js imports statically (tests/web/budget.test.js keeps this list equal to
// the import graph): fetched at once with the engine and the catalog rather than level by level.
export const FIRST_SCREEN_MODULES = ['link-start.js', 'settle-api.js', 'settle.js', 'case-form.js', 'parameter-panel.js',
  'result-view.js', 'format.js', 'share.js', 'case-tools.js'];

// The calculator's one inline script, run before the first paint. A #case= or #params= link must
// not show the example written into index.html at build time (site/generator/prerender.mjs), so
// it marks the page (app.css hides the example until app.js has built the link's own screen),
// imports web/link-start.js (the engine settles the link's case as soon as its own modules are in,
// not after all of app.js's: result painted 1120 -> 1012 ms fresh at 4x CPU, 297 -> 256 at 1x,
// medians of 8 interleaved loads, 2026-12-03) and starts app.js, its modules and the catalog.
// A plain visit starts them after the prerendered screen's first paint: fetched beside the
// stylesheet and run before the paint, they held that paint back (cities.html 176 ms, index.html
// 316 ms with them and 276 ms without, first contentful paint, medians of 6 fresh loads,
// 2026-12-03). A page that never paints (a tab opened in the background) starts them after 2 s
// all the same.
const preload = (href, as, type) => `a({rel:'preload',href:'${href}',as:'${as}',type:'${type}',crossOrigin:'anonymous'})`;
export const FIRST_SCREEN_SCRIPT = [
  '(function(d){var h=d.head,linked=/^#(case|params)=/.test(location.hash);',
  "if(linked)d.documentElement.dataset.linked='yes';",
  "function a(p){var e=d.createElement('link');for(var k in p)e[k]=p[k];h.appendChild(e)}",
  'var started=false;function start(){if(started)return;started=true;',
  `${JSON.stringify(FIRST_SCREEN_MODULES)}.forEach(function(m){a({rel:'modulepreload',href:m})});`,
  `if(!linked)${preload('settle.wasm', 'fetch', 'application/wasm')};${preload('catalog.json', 'fetch', 'application/json')};`,
  "var s=d.createElement('script');s.type='module';s.src='app.js';h.appendChild(s)}",
  "if(linked){var w=window.WebAssembly;if(w&&w.compileStreaming){window.settleWasm=w.compileStreaming(fetch('settle.wasm'));window.settleWasm.catch(function(){})}",
  "import('./link-start.js');start()}else{requestAnimationFrame(function(){setTimeout(start,0)});setTimeout(start,2000)}})(document)",
].join('');
const scriptHash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const csp = (wasm, firstScreen) => [
  "default-src 'self'", `script-src 'self'${wasm ? " 'wasm-unsafe-eval'" : ''}${firstScreen ? ` ${scriptHash(FIRST_SCREEN_SCRIPT)}` : ''}`, "style-src 'self'", "img-src 'self'",
  "font-src 'self'", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'", "object-src 'none'",
  "base-uri 'self'", "form-action 'none'",
].join('; ');

// The stylesheet comes before the first-screen script, which then runs once it is in: the page is
// parsed with its styles, so the layout Chromium forces when parsing ends (seen in its traces:
// Document::FinishedParsing) is the page's real one, not a throwaway without styles that the
// first paint then redid (index.html first contentful paint 316 -> 252 ms against cities.html's 196,
// medians of 16 fresh loads, 2026-12-03; a link's module requests start after the stylesheet's).
export function commonHead({ wasm = false, firstScreen = false } = {}) {
  return `<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
      content="${csp(wasm, firstScreen)}">
<link rel="stylesheet" href="app.css">${firstScreen ? `\n<script>${FIRST_SCREEN_SCRIPT}</script>` : ''}
<meta name="referrer" content="no-referrer">
<meta name="theme-color" content="#174ea6">
<link rel="manifest" href="manifest.webmanifest">
<link rel="icon" href="icon.svg" type="image/svg+xml">`;
}

const PAGES = [['index.html', '计算器'], ['cities.html', '各市政策'], ['training.html', '培训练习']];

// The links between the pages, `current` (a file name) marked as the page shown.
export function siteNav(current) {
  const links = PAGES.map(([href, label]) => `  <a href="${href}"${href === current ? ' aria-current="page"' : ''}>${label}</a>`);
  return ['<nav class="site-nav" aria-label="本站页面">', ...links, '</nav>'].join('\n');
}

export const indent = (text, spaces) => text.split('\n').map((line) => spaces + line).join('\n');

// The page's text with its one @head and one @nav line expanded; throws when either is missing
// or repeated.
export function expandMarkers(text, name) {
  const expand = (page, pattern, lines) => {
    const markers = [...page.matchAll(pattern)];
    if (markers.length !== 1) throw new Error(`${name}: expected one ${pattern} line, found ${markers.length}`);
    const [line, spaces, ...args] = markers[0];
    return page.replace(line, indent(lines(...args), spaces));
  };
  const withHead = expand(text, /^( *)<!--@head( wasm)?( first-screen)?-->$/gm,
    (wasm, firstScreen) => commonHead({ wasm: Boolean(wasm), firstScreen: Boolean(firstScreen) }));
  return expand(withHead, /^( *)<!--@nav ([\w.-]+)-->$/gm, (current) => siteNav(current));
}
