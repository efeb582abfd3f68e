// Entry point: loads the WebAssembly engine, wires the form to the result, recomputes on every
// change. All arithmetic happens in the engine; typed data is kept in the page only.
import { loadSettle } from './settle-api.js';
import { CaseForm, defaultDateFor } from './case-form.js';
import { ResultView } from './result-view.js';

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
  const form = new CaseForm(document.querySelector('#case-form'), catalog, firstCityThatSettlesATotal(api, catalog));

  const recompute = () => {
    form.clearErrors();
    const kase = form.read();
    if (!kase) return view.hint();
    const answer = api.trySettle(kase);
    if (answer.error) {
      form.showError(answer.error);
      return view.stale(answer.error);
    }
    view.show(answer, form.city);
    // For the benchmark: navigation to the first computed result on screen.
    if (performance.getEntriesByName('settle:first-result').length === 0) performance.mark('settle:first-result');
  };

  let pending = false;
  form.onChange(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => { pending = false; recompute(); });
  });
  recompute();
  // The bottom bar is only for while the result is out of sight.
  new IntersectionObserver(([entry]) => document.body.classList.toggle('result-in-view', entry.isIntersecting))
    .observe(document.querySelector('#result'));
  document.body.dataset.ready = 'yes';
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
