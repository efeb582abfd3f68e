// Entry point: loads the WebAssembly engine, wires the form to the result, recomputes on every
// change. All arithmetic happens in the engine; typed data is kept in the page only (or in the
// address bar's #fragment when the person presses 复制分享链接, each time).
import { loadSettle } from './settle-api.js';
import { CaseForm, defaultDateFor } from './case-form.js';
import { ResultView } from './result-view.js';
import { CaseTools } from './case-tools.js';
import { catalogFile, linkEngine, linkFirst, linked, opensLink, QUICK } from './link-start.js';

// Performance API marks for the benchmark (bench/page-bench.mjs): each set once, on the way to
// the first computed result on screen.
const marked = new Set();
const mark = (name) => {
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark(`settle:${name}`);
};
mark('script');

// Lets the browser paint what is on screen before the next piece of work.
const afterPaint = () => new Promise((resolve) => {
  const next = () => setTimeout(resolve, 0);
  if (document.visibilityState === 'visible') requestAnimationFrame(next);
  else next();
});

// For a link, started by link-start.js, while the browser is still parsing and laying out the page.
// A plain visit has its screen in the HTML (prerendered): the engine's start and the takeover wait
// for that screen's first paint, which they would otherwise hold back.
const engine = linkEngine ?? afterPaint().then(() => loadSettle());
engine.catch(() => { /* start() reports it */ });
const parsed = document.readyState === 'loading'
  ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
  : Promise.resolve();

// This build's hash and the rules' date, written into index.html by the site build (the service
// worker's cache has the same name). Files loaded later name the build, so that the service
// worker gives this page its own build's files even after a new build has arrived. Read once the
// page is parsed: a link's page may run this module while the browser is still parsing the page
// (the head's script starts it early), and the footer that holds them comes last (read at once,
// it was missing in half of the link's loads with the processor slowed fourfold, and the page
// stopped at 正在打开链接中的案例…).
const placeholder = (text) => (!text || text.startsWith('@') ? '' : text);
const stamp = parsed.then(() => {
  const span = document.querySelector('#version');
  return { span, build: placeholder(span?.dataset.build), rules: placeholder(span?.dataset.rules) };
});
const later = async (file) => {
  const { build } = await stamp;
  return build ? `${file}?build=${build}` : file;
};

async function start() {
  await parsed;
  const view = new ResultView(document.querySelector('#result'), document.querySelector('#mini-summary'));
  // The first screen written into index.html at build time (site/generator/prerender.mjs): the
  // form filled with the example case (data-example) and its result, on screen before this
  // script runs. The form and the result are built again below, the same, in the task that
  // takes over, so nothing moves. A #case= link shows only a line saying it is being opened
  // until its own form and result are built, then both at once, so nothing moves either
  // (head.mjs FIRST_SCREEN_SCRIPT, app.css).
  const main = document.querySelector('main');
  const formElement = document.querySelector('#case-form');
  const prerendered = main.dataset.prerendered === 'yes';
  const example = (() => {
    try {
      return opensLink ? null : JSON.parse(formElement.dataset.example || 'null');
    } catch {
      return null;
    }
  })();
  let api;
  try {
    api = await engine;
    mark('engine');
  } catch (error) {
    if (opensLink && prerendered) {
      view.discard();
      main.dataset.prerendered = 'failed';  // the result's line says so; the example stays out
    }
    view.failed('计算模块加载失败，请刷新页面重试。');
    throw error;
  }
  let adopted = false;
  // Typed or chosen on the prerendered form while this script was on its way: put back below.
  const typedEarly = prerendered && example ? editsBefore(formElement) : null;
  if (prerendered) {
    // CaseForm appends the cities and the first visit: the prerendered ones go.
    formElement.querySelector('#city').replaceChildren();
    formElement.querySelector('#visit-list').replaceChildren();
    if (example) adopted = view.adopt();
    else view.discard();
    delete document.querySelector('#mini-summary').dataset.prerendered;
  }
  // A link's case, settled as soon as the engine was in (link-start.js): the engine loads only
  // its city's rules.
  const first = linkFirst ? await linkFirst : null;
  const catalog = (await catalogFile) || api.cities();
  mark('catalog');
  const { span, build, rules } = await stamp;
  const version = [api.version(), rules && `规则 ${rules}`, build && `构建 ${build}`].filter(Boolean).join(' · ');
  if (span) span.textContent = ` 版本 ${version}`;
  view.version = version;

  // The steps come from a second settlement of the same case, in a task of their own, so a
  // keystroke waits only for the amounts (a 50-visit explanation is 137 KB of JSON, its totals 16).
  let explaining = 0;
  const explainLater = (kase, text) => {
    clearTimeout(explaining);
    explaining = setTimeout(() => {
      if (!view.showing(text, kase)) return;
      const full = api.trySettle(kase);
      if (!full.error) view.showSteps(full);
    }, 0);
  };

  // A link's result, and below the form built and filled with its case in the same task: the
  // two come on screen in one frame.
  const linkedCity = catalog.cities.find((c) => c.id === linked?.city);
  const linkShown = linkedCity && !first.answer.error ? first.text : null;
  if (linkShown) {
    view.show(first.answer, linkedCity, linked, linkShown);
    mark('first-result');
  }

  const exampleCity = catalog.cities.find((c) => c.id === example?.city);
  const form = new CaseForm(formElement, catalog, linkedCity?.id ?? exampleCity?.id ?? firstCityThatSettlesATotal(api, catalog));
  // The example says it is one while the form holds it (an edit, an import or a link ends it).
  const exampleNote = document.querySelector('#example-note');
  let exampleText = null;
  if (exampleCity) form.fill(example);
  delete main.dataset.prerendered;
  mark('form');
  const tools = new CaseTools(form);
  const compare = new LazyCompare(api);
  const chart = new ChartPanel(document.querySelector('#chart-panel'), api);
  const gaps = new LazyGaps(form);
  const sets = new LazySets({ api, catalog, form });
  form.parameters.beforeBuild(() => completeCatalog(catalog, api));

  const recompute = () => {
    form.clearErrors();
    gaps.clearError();
    const kase = form.read();
    if (!kase) exampleNote.hidden = true;
    tools.follow(kase);
    compare.cancel();
    sets.follow();
    if (!kase) {
      gaps.hide();
      return view.hint();
    }
    const { text, answer } = api.trySettleText(kase, QUICK);
    if (exampleCity && exampleText === null) exampleText = text;
    exampleNote.hidden = text !== exampleText;
    if (answer.error?.code === 'parameters_missing') {
      gaps.show(answer);
      return view.stale({ ...answer.error, message: `还差 ${answer.error.missing.length} 项本地标准，请在下面逐项填写` });
    }
    if (answer.error) {
      if (!gaps.showError(answer.error)) form.showError(answer.error);
      return view.stale(answer.error);
    }
    gaps.show(answer);
    if (!view.showing(text, kase)) {
      view.show(answer, form.city, kase, text);
      explainLater(kase, text);
    }
    mark('first-result');
    // The prerendered comparison is the example's: it stays until the case changes.
    if (adopted) adopted = false;
    else compare.show(view.body.querySelector('#compare'), kase, form.city, answer);
    chart.follow({ kase, city: form.city, settlement: answer });
  };

  let pending = false;
  form.onChange(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => { pending = false; recompute(); });
  });
  const opening = tools.openFragment();
  sets.openFragment();
  window.addEventListener('hashchange', () => tools.openFragment());
  if (!linkedCity) recompute();  // else filling the form with the link's case recomputes
  if (typedEarly) typedEarly.applyTo(formElement);  // after the example's own result, as an edit of it
  // The bottom bar is only for while the result is out of sight.
  new IntersectionObserver(([entry]) => document.body.classList.toggle('result-in-view', entry.isIntersecting))
    .observe(document.querySelector('#result'));
  document.body.dataset.ready = 'yes';
  if (linkShown) {
    await afterPaint();
    mark('first-result-painted');  // the frame with the link's form and result has been drawn
    explainLater(linked, linkShown);
  }
  await opening;  // the case of a #case= link is on screen
}

// What a person typed or chose in the prerendered form before the takeover, which builds the form
// again: each control that differs from the HTML's own default (by its id, or a choice without
// one by its name and value), and where the caret was. applyTo(form) puts them into the new form
// as edits (so the result follows) and gives the focus back.
function editsBefore(form) {
  const keyOf = (control) => control.id || (control.name ? `${control.name}=${control.value}` : '');
  const choice = (control) => control.type === 'checkbox' || control.type === 'radio';
  const caret = (control) => {
    try {
      return [control.selectionStart, control.selectionEnd];
    } catch {
      return [null, null];  // a control without a caret (a select, a date)
    }
  };
  const edits = [];
  for (const control of form.elements) {
    const key = keyOf(control);
    if (!key || control.type === 'file' || control.tagName === 'BUTTON') continue;
    if (choice(control)) {
      if (control.checked !== control.defaultChecked) edits.push({ key, checked: control.checked });
    } else if (control.tagName === 'SELECT') {
      if (control.selectedOptions[0] && !control.selectedOptions[0].defaultSelected) edits.push({ key, value: control.value });
    } else if (control.value !== control.defaultValue) {
      edits.push({ key, value: control.value });
    }
  }
  const active = form.contains(document.activeElement) ? document.activeElement : null;
  const focus = active && keyOf(active) ? { key: keyOf(active), caret: caret(active) } : null;
  return {
    edits,
    applyTo(next) {
      const find = (key) => [...next.elements].find((control) => keyOf(control) === key);
      for (const edit of edits) {
        const control = find(edit.key);
        if (!control) continue;
        if ('checked' in edit) control.checked = edit.checked;
        else control.value = edit.value;
        const kind = choice(control) || control.tagName === 'SELECT' ? 'change' : 'input';
        control.dispatchEvent(new Event(kind, { bubbles: true }));
      }
      const target = focus && find(focus.key);
      if (!target) return;
      target.focus({ preventScroll: true });
      const [start, end] = focus.caret;
      if (start !== null) {
        try {
          target.setSelectionRange(start, end);
        } catch { /* no caret to put back */ }
      }
    },
  };
}

// 还差 N 项本地标准 (missing-form.js) is loaded the first time the engine asks for numbers.
class LazyGaps {
  constructor(form) {
    this.form = form;
    this.run = 0;
  }

  needed(answer) {
    return answer.error?.code === 'parameters_missing' || (answer.warnings || []).some((w) => w.code === 'category_incomplete');
  }

  // The form is about the city and period shown: another one starts it afresh.
  async show(answer) {
    const run = ++this.run;
    if (!this.module && !this.needed(answer)) return;
    this.module ||= await import('./missing-form.js');
    if (run !== this.run) return;
    this.view ||= this.module.missingFormFor(document.querySelector('#gaps'), this.form);
    this.view.show(this.module.gapGroups(answer), `${this.form.city.id}@${this.form.parameters.period?.from}`);
  }

  hide() { this.run += 1; this.view?.hide(); }

  showError(error) { return this.view ? this.view.showError(error) : false; }

  clearError() { this.view?.clearError(); }
}

// 本地参数 (parameter-sets.js) is loaded when the 政策参数 panel is opened or a #params= link
// is opened; until then no set can be in use.
class LazySets {
  constructor(options) {
    this.options = options;
    const panel = document.querySelector('#parameters');
    panel.addEventListener('toggle', () => { if (panel.open) this.load(); });
    window.addEventListener('hashchange', () => this.openFragment());
  }

  async load() {
    if (!this.loading) {
      this.loading = import('./parameter-sets.js').then(({ ParameterSets }) => {
        this.view = new ParameterSets({ ...this.options, section: document.querySelector('#param-sets'), banner: document.querySelector('#set-in-use') });
        return this.view;
      });
    }
    return this.loading;
  }

  async openFragment() {
    if (location.hash.startsWith('#params=')) (await this.load()).openFragment();
  }

  follow() { this.view?.follow(); }
}

// 各身份对比 is loaded after the first result is on screen and filled a row per task.
class LazyCompare {
  constructor(api) {
    this.api = api;
    this.run = 0;
  }

  cancel() {
    this.run += 1;
    this.view?.cancel();
  }

  async show(...args) {
    const run = ++this.run;
    if (!this.view) {
      const { CompareView } = await import(await later('./compare-view.js'));
      this.view = new CompareView(this.api);
    }
    if (run === this.run) this.view.show(...args);
  }
}

// The chart's code is loaded, and its 201 settlements run, only while its panel is open; a
// change to the form redraws it after a pause in typing.
class ChartPanel {
  constructor(panel, api) {
    this.panel = panel;
    this.api = api;
    this.input = null;
    this.timer = 0;
    panel.addEventListener('toggle', () => this.draw());
  }

  // The same case again (a field left without a change, which fires `change`) keeps the chart as
  // it is, slider included.
  follow(input) {
    const key = JSON.stringify(input.kase);
    if (key === this.drawnKey && this.panel.open) return;
    this.input = input;
    this.panel.hidden = false;
    clearTimeout(this.timer);
    if (this.panel.open) this.timer = setTimeout(() => this.draw(), 300);
  }

  async draw() {
    if (!this.panel.open || !this.input) return;
    this.drawnKey = JSON.stringify(this.input.kase);
    if (!this.view) {
      const { ChartView } = await import(await later('./chart-view.js'));
      this.view = new ChartView(this.panel, this.api);
    }
    this.view.show(this.input);
  }
}

// Starts on the city whose rules on file need the fewest amounts typed: from the total alone if
// any can, else with the amount basic insurance paid (the others also ask for 大病保险's).
// catalog.json leaves out each parameter's note and source (site/generator/pages.mjs), which only
// the open parameter panel shows: the engine's cities() gives them when it is first opened.
let catalogComplete = false;
function completeCatalog(catalog, api) {
  if (catalogComplete) return;
  catalogComplete = true;
  const full = api.cities();
  for (const city of catalog.cities) {
    const fullCity = full.cities?.find((c) => c.id === city.id);
    city.periods.forEach((period, i) => {
      const byId = new Map((fullCity?.periods[i]?.parameters || []).map((p) => [p.id, p]));
      for (const parameter of period.parameters) {
        const given = byId.get(parameter.id);
        if (!given) continue;
        if (given.note !== undefined) parameter.note = given.note;
        if (given.source !== undefined) parameter.source = given.source;
      }
    });
  }
}

function firstCityThatSettlesATotal(api, catalog) {
  const probes = [{ total: '10000', hospital_level: 3 }, { total: '10000', basic_paid: '5000' }];
  for (const amounts of probes) {
    const works = (city) => !api.trySettle({ city: city.id, visits: [{ date: defaultDateFor(city), ...amounts }] }).error;
    const city = catalog.cities.find(works);
    if (city) return city.id;
  }
  return catalog.cities[0]?.id;
}

// The service worker fetches every file of the site to keep it offline: only once the page has
// started, so that its downloads do not compete with the page's own. A new build waits until the
// person presses 刷新 in the notice (this page, and any other open one, stays on its own build
// until then).
function keepOffline() {
  if (!('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  const notice = document.querySelector('#update-notice');
  let waiting = null;
  let asked = false;
  const offer = (worker) => {
    waiting = worker;
    notice.hidden = false;
  };
  document.querySelector('#update-reload').addEventListener('click', () => {
    asked = true;
    if (waiting && waiting.state === 'installed') waiting.postMessage('take-over');
    else location.reload();
  });
  // The new build has taken over (here or in another tab): this page reloads when asked to.
  const hadController = Boolean(sw.controller);
  sw.addEventListener('controllerchange', () => {
    if (!hadController) return;  // the first install: nothing changed under this page
    if (asked) location.reload();
    else offer(null);
  });
  sw.addEventListener('message', (event) => {
    if (event.data === 'build?') stamp.then(({ build }) => event.ports[0]?.postMessage(build));
  });
  sw.startMessages();
  sw.register('./sw.js').then((registration) => {
    if (registration.waiting && sw.controller) offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && sw.controller) offer(worker);
      });
    });
  }).catch(() => { /* the page works without it */ });
}

// 安装到桌面: shown only where the browser offers to install the page (beforeinstallprompt);
// the browser's own dialog then asks.
function offerInstall() {
  let offer = null;
  const button = () => document.querySelector('#install-app');
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    offer = event;
    if (button()) button().hidden = false;
  });
  window.addEventListener('appinstalled', () => { offer = null; if (button()) button().hidden = true; });
  parsed.then(() => button()?.addEventListener('click', async () => {
    if (!offer) return;
    const asked = offer;
    offer = null;
    button().hidden = true;
    await asked.prompt();
  }));
}

offerInstall();
start().finally(() => setTimeout(keepOffline, 0));
