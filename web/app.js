// Entry point: loads the WebAssembly engine, wires the form to the result, recomputes on every
// change. All arithmetic happens in the engine; typed data is kept in the page only (or in the
// address bar's #fragment once the person asks for a link).
import { loadSettle } from './settle-api.js';
import { CaseForm, defaultDateFor } from './case-form.js';
import { ResultView } from './result-view.js';

// Loaded when first needed, to keep the calculator's first load small (tests/web/budget.test.js).
const loadShare = () => import('./share.js');

const view = new ResultView(document.querySelector('#result'), document.querySelector('#mini-summary'));

async function start() {
  let api;
  try {
    api = await loadSettle();
  } catch (error) {
    view.failed('计算模块加载失败，请刷新页面重试。');
    throw error;
  }
  const catalog = api.cities();
  document.querySelector('#version').textContent = ` 版本 ${api.version()}`;
  view.version = api.version();
  const form = new CaseForm(document.querySelector('#case-form'), catalog, firstCityThatSettlesATotal(api, catalog));
  const tools = new CaseTools(form);
  const compare = new LazyCompare(api);
  const chart = new ChartPanel(document.querySelector('#chart-panel'), api);

  const recompute = () => {
    form.clearErrors();
    const kase = form.read();
    tools.follow(kase);
    compare.cancel();
    if (!kase) return view.hint();
    const answer = api.trySettle(kase);
    if (answer.error) {
      form.showError(answer.error);
      return view.stale(answer.error);
    }
    view.show(answer, form.city, kase);
    // For the benchmark: navigation to the first computed result on screen.
    if (performance.getEntriesByName('settle:first-result').length === 0) performance.mark('settle:first-result');
    compare.show(view.body.querySelector('#compare'), kase, form.city, answer);
    chart.follow({ kase, city: form.city, settlement: answer });
  };

  let pending = false;
  form.onChange(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => { pending = false; recompute(); });
  });
  tools.openFragment();
  window.addEventListener('hashchange', () => tools.openFragment());
  recompute();
  // The bottom bar is only for while the result is out of sight.
  new IntersectionObserver(([entry]) => document.body.classList.toggle('result-in-view', entry.isIntersecting))
    .observe(document.querySelector('#result'));
  document.body.dataset.ready = 'yes';
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
      const { CompareView } = await import('./compare-view.js');
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

  follow(input) {
    this.input = input;
    this.panel.hidden = false;
    clearTimeout(this.timer);
    if (this.panel.open) this.timer = setTimeout(() => this.draw(), 300);
  }

  async draw() {
    if (!this.panel.open || !this.input) return;
    if (!this.view) {
      const { ChartView } = await import('./chart-view.js');
      this.view = new ChartView(this.panel, this.api);
    }
    this.view.show(this.input);
  }
}

// 分享链接 / 导出 / 导入 / 打印. Once a link has been made (or the page was opened from one), the
// fragment follows the form, so the address bar always reopens what is on screen.
class CaseTools {
  constructor(form) {
    this.form = form;
    this.kase = null;
    this.linked = false;
    this.status = document.querySelector('#tools-status');
    this.linkBox = document.querySelector('#share-box');
    this.linkField = document.querySelector('#share-url');
    this.buttons = ['#share-link', '#export-case', '#print-result'].map((s) => document.querySelector(s));
    const file = document.querySelector('#import-file');
    document.querySelector('#share-link').addEventListener('click', () => this.share());
    document.querySelector('#export-case').addEventListener('click', async () => {
      (await loadShare()).downloadCase(this.kase);
      this.say('已导出案例文件（只保存在您的设备上）。');
    });
    document.querySelector('#import-case').addEventListener('click', () => file.click());
    file.addEventListener('change', async () => {
      const [chosen] = file.files;
      file.value = '';
      if (chosen) this.open(async ({ caseFromFile }) => caseFromFile(await chosen.text()), `已导入“${chosen.name}”。`);
    });
    document.querySelector('#print-result').addEventListener('click', () => window.print());
  }

  say(text, isError = false) {
    this.status.textContent = text;
    this.status.classList.toggle('is-error', isError);
  }

  // share.js (this.codec) is loaded before `linked` is ever set (share, openFragment).
  follow(kase) {
    this.kase = kase;
    for (const button of this.buttons) button.disabled = !kase;
    if (kase && this.linked) {
      const fragment = this.codec.fragmentFor(kase);
      if (location.hash !== fragment) history.replaceState(null, '', fragment);
      this.linkField.value = location.href;
    }
  }

  async share() {
    this.codec = await loadShare();
    this.linked = true;
    this.follow(this.kase);
    this.linkBox.hidden = false;
    this.linkField.select();
    try {
      await navigator.clipboard.writeText(location.href);
      this.say('链接已复制。打开这个链接就能看到同样的案例和结果。');
    } catch {
      this.say('链接在地址栏和下面的框里，请手动复制。');
    }
  }

  async openFragment() {
    if (!location.hash.startsWith('#case=')) return;
    const hash = location.hash;
    await this.open(({ caseFromFragment }) => caseFromFragment(hash), '已打开链接中的案例。');
    this.linked = true;
  }

  // readCase gets share.js's exports and returns the case (or throws its CaseFileError).
  async open(readCase, done) {
    this.codec = await loadShare();
    try {
      const problems = this.form.fill(await readCase(this.codec));
      this.say(problems.length ? `${done}但有以下问题：${problems.join('')}` : done, problems.length > 0);
    } catch (error) {
      if (!(error instanceof this.codec.CaseFileError)) throw error;
      this.say(`无法打开：${error.message}`, true);
    }
  }
}

// Starts on the city whose rules on file need the fewest amounts typed: from the total alone if
// any can, else with the amount basic insurance paid (the others also ask for 大病保险's).
function firstCityThatSettlesATotal(api, catalog) {
  const probes = [{ total: '10000', hospital_level: 3 }, { total: '10000', basic_paid: '5000' }];
  for (const amounts of probes) {
    const works = (city) => !api.trySettle({ city: city.id, visits: [{ date: defaultDateFor(city), ...amounts }] }).error;
    const city = catalog.cities.find(works);
    if (city) return city.id;
  }
  return catalog.cities[0]?.id;
}

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch(() => { /* the page works without it */ });
}
start();
