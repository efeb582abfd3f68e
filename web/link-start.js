// A #case= link's first settlement, begun as soon as the engine's own modules are in: the head's
// first-screen script imports this module at once for a link (site/generator/head.mjs), so the
// engine loads and settles the link's case while the browser still fetches, parses and lays out
// the rest of the page, instead of after every module of app.js has arrived. app.js takes both
// promises from here (a module runs once, whoever imports it first). A plain visit starts nothing
// here: its engine waits for the prerendered screen's first paint (app.js).
import { loadSettle } from './settle-api.js';
import * as share from './share.js';

// A #case= or #params= link (even a damaged one) opens on its own case or set, never on the
// example (the head's FIRST_SCREEN_SCRIPT reads the hash the same way).
export const opensLink = /^#(case|params)=/.test(location.hash);

// The case of a #case= link, or null when there is none or it cannot be read (the form says why
// once it is built).
export const linked = (() => {
  try {
    return share.caseFromFragment(location.hash);
  } catch {
    return null;
  }
})();

// Each keystroke settles without the explanation: its steps follow (app.js explainLater).
export const QUICK = { steps: false };

// The engine, for a link (null on a plain visit), and the link's case settled by it without steps:
// { text, answer } (null when the link holds no case). app.js reports an engine that fails.
// settle.wasm's compilation was begun by the head's script (window.settleWasm), while the page was
// still being parsed and laid out.
export const linkEngine = opensLink ? loadSettle({ compiled: window.settleWasm }) : null;
export const linkFirst = linkEngine && linked ? linkEngine.then((api) => {
  const first = api.trySettleText(linked, QUICK);
  performance.mark('settle:link-settled');  // for the benchmark and tests/web/first-screen.test.js
  return first;
}) : null;
linkEngine?.catch(() => {});
linkFirst?.catch(() => {});

// The catalog of cities, periods and parameters, written by the site build from the engine's
// cities() (site/generator/pages.mjs): the engine then loads only the rules of the city it
// settles. null if it cannot be had, and the engine is asked instead. Asked for here, for a link
// while the rest of the page is still on its way.
export const catalogFile = fetch('catalog.json').then((response) => (response.ok ? response.json() : null)).catch(() => null);
