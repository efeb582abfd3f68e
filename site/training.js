// Training: the trainee works out each tier for a scenario, checks against the expected answer
// (computed by build/settle and kept in training-scenarios.json, which a test keeps in step with
// the core), then sees the core's own step-by-step settlement. Progress lives in this page only.
import { loadSettle } from './settle-api.js';
import { provenanceLegend, stepCard } from './result-view.js';
import { covers, el, fenOf, yuan, yuanDigits, normalizeMoney, TIERS } from './format.js';
import { fragmentFor } from './share.js';

const TOLERANCE_FEN = 100;   // 1 元: hand arithmetic that rounds a band differently still passes
const TIER_NAME = Object.fromEntries(TIERS.map((t) => [t.key, t.name]));

const $ = (selector) => document.querySelector(selector);

class Training {
  constructor(api, catalog, scenarios) {
    this.api = api;
    this.cities = Object.fromEntries(catalog.cities.map((c) => [c.id, c]));
    this.scenarios = scenarios;
    this.progress = new Map();  // id -> { correct: number, asked: number, revealed: boolean }
    this.current = null;
    const filter = $('#city-filter');
    const present = [...new Set(scenarios.map((s) => s.case.city))];
    filter.append(...present.map((id) => el('option', { value: id }, this.cities[id]?.name || id)));
    filter.addEventListener('change', () => { this.list(); this.open(this.visible()[0]); });
    $('#answer-form').addEventListener('submit', (event) => { event.preventDefault(); this.check(); });
    $('#show-solution').addEventListener('click', () => this.reveal(null));
    $('#next-scenario').addEventListener('click', () => this.next());
    $('#print-questions').addEventListener('click', () => this.print(false));
    $('#print-answers').addEventListener('click', () => this.print(true));
    $('#projector-on').addEventListener('click', () => this.project(true));
    $('#projector-off').addEventListener('click', () => this.project(false));
    $('#projector-reveal').addEventListener('click', () => this.projectReveal());
    $('#projector-next').addEventListener('click', () => this.projectMove(1));
    $('#projector-prev').addEventListener('click', () => this.projectMove(-1));
    // The list is open beside the question on a wide screen; on a phone it is one tap away.
    $('#scenario-nav').open = matchMedia('(min-width: 40rem)').matches;
    this.list();
    this.open(this.visible()[0]);
  }

  visible() {
    const city = $('#city-filter').value;
    return this.scenarios.filter((s) => !city || s.case.city === city);
  }

  list() {
    $('#scenario-list').replaceChildren(...this.visible().map((s, i) => {
      const done = this.progress.get(s.id);
      const state = !done ? '' : done.correct === done.asked ? '（全对）' : done.revealed && done.asked === 0 ? '（看了解法）' : `（对 ${done.correct}/${done.asked}）`;
      const button = el('button', { type: 'button', class: 'scenario-link', 'data-id': s.id,
        'aria-current': this.current?.id === s.id ? 'true' : null }, `${i + 1}. ${s.title}`, el('span', { class: 'state' }, state));
      button.addEventListener('click', () => this.open(s, true));
      return el('li', { class: done ? (done.correct === done.asked && done.asked > 0 ? 'is-right' : 'is-done') : '' }, button);
    }));
    this.showProgress();
  }

  showProgress() {
    const answered = [...this.progress.values()].filter((p) => p.asked > 0);
    const right = answered.filter((p) => p.correct === p.asked).length;
    $('#progress').textContent = `共 ${this.scenarios.length} 题；本次已答 ${answered.length} 题，全对 ${right} 题。`;
    const at = this.visible().findIndex((s) => s.id === this.current?.id);
    $('#scenario-nav > summary').textContent = `题目列表（${this.visible().length} 题${at >= 0 ? `，当前第 ${at + 1} 题` : ''}）`;
  }

  open(scenario, focus = false) {
    if (!scenario) return;
    this.current = scenario;
    const city = this.cities[scenario.case.city];
    $('#scenario').hidden = false;
    $('#scenario-title').textContent = scenario.title;
    $('#scenario-question').textContent = scenario.question;
    $('#scenario-hint').textContent = '';
    $('#scenario-facts').replaceChildren(facts(scenario.case, city));
    $('#answer-fields').replaceChildren(...scenario.ask.map((tier) => {
      const id = `answer-${tier}`;
      return el('div', { class: 'field', 'data-tier': tier },
        el('label', { for: id }, `${TIER_NAME[tier]}${tier === 'out_of_pocket' ? '' : '支付'}`),
        el('input', { type: 'text', id, inputmode: 'decimal', autocomplete: 'off', placeholder: '元', 'aria-describedby': `${id}-error` }),
        el('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
    }));
    if (scenario.hint) {
      const hintButton = el('button', { type: 'button', class: 'button secondary small' }, '提示');
      hintButton.addEventListener('click', () => { $('#scenario-hint').textContent = `提示：${scenario.hint}`; });
      $('#scenario-hint').append(hintButton);
    }
    $('#answer-error').hidden = true;
    $('#solution').hidden = true;
    $('#check-answer').disabled = false;
    this.list();
    if (focus) $('#scenario-title').scrollIntoView({ block: 'start' });
  }

  check() {
    const scenario = this.current;
    const answers = {};
    const missing = [];
    for (const tier of scenario.ask) {
      const input = $(`#answer-${tier}`);
      // Compared and shown as the core's amounts are: integer fen.
      const typed = fenOf(input.value);
      const fen = typed === null ? null : Number(typed);
      const field = input.closest('.field');
      const error = field.querySelector('.field-error');
      field.classList.remove('is-right', 'is-wrong');
      field.classList.toggle('has-error', fen === null);
      error.hidden = fen !== null;
      if (fen === null) {
        missing.push(TIER_NAME[tier]);
        input.setAttribute('aria-invalid', 'true');
        error.textContent = input.value.trim() === '' ? '请填写金额' : `“${input.value.trim()}”不是金额：请写数字，最多两位小数，例如 12345.67 或 1.2万`;
      } else {
        input.removeAttribute('aria-invalid');
        answers[tier] = fen;
      }
    }
    if (missing.length) {
      $('#answer-error').textContent = `请填写金额（数字，最多两位小数）：${missing.join('、')}。`;
      $(`#answer-${scenario.ask.find((tier) => answers[tier] === undefined)}`).focus();
      $('#answer-error').hidden = false;
      return;
    }
    $('#answer-error').hidden = true;
    this.reveal(answers);
  }

  // answers null: the trainee gave up and only wants the solution.
  reveal(answers) {
    const scenario = this.current;
    const rows = scenario.ask.map((tier) => {
      const expected = scenario.expected[tier];
      const given = answers ? answers[tier] : null;
      const right = given !== null && Math.abs(given - expected) <= TOLERANCE_FEN;
      const verdict = given === null ? '—' : right ? (given === expected ? '✓ 正确' : `✓ 正确（相差 ${yuan(Math.abs(given - expected))} 元）`) : `✗ 相差 ${yuan(Math.abs(given - expected))} 元`;
      return { tier, expected, given, right, verdict };
    });
    if (answers) {
      this.progress.set(scenario.id, { correct: rows.filter((r) => r.right).length, asked: rows.length, revealed: true });
      $('#check-answer').disabled = true;
      for (const r of rows) $(`#answer-${r.tier}`).closest('.field').classList.add(r.right ? 'is-right' : 'is-wrong');
    } else if (!this.progress.has(scenario.id)) {
      this.progress.set(scenario.id, { correct: 0, asked: 0, revealed: true });
    }
    $('#marks').replaceChildren(marksTable(rows));
    $('#steps').replaceChildren(...solution(this.api, scenario, this.cities[scenario.case.city]));
    $('#open-in-calculator').href = `index.html${fragmentFor(scenario.case)}`;
    $('#solution').hidden = false;
    $('#solution').focus();
    this.list();
  }

  // A4 handout of the questions the city filter shows, or its answer key with every solution.
  print(withAnswers) {
    const list = this.visible();
    const city = $('#city-filter').selectedOptions[0]?.textContent || '全部城市';
    const handout = $('#handout');
    handout.replaceChildren(
      el('h1', {}, withAnswers ? `培训练习答案和解法：${city}` : `培训练习：${city}`),
      el('p', { class: 'hint' }, withAnswers ? '标准答案和逐步解法来自计算器的计算核心。以医保经办机构实际结算为准。'
        : `共 ${list.length} 题。答案以元为单位，保留两位小数。`),
      ...list.map((scenario, i) => {
        const kase = scenario.case;
        const cityOf = this.cities[kase.city];
        return el('section', { class: 'handout-question', 'aria-labelledby': `handout-${i}` },
          el('h2', { id: `handout-${i}` }, `第 ${i + 1} 题　${scenario.title}`),
          el('p', { class: 'question' }, scenario.question),
          facts(kase, cityOf, { links: false }),
          withAnswers
            ? [el('h3', {}, '标准答案'), answersTable(scenario), el('h3', {}, '逐步解法'), ...solution(this.api, scenario, cityOf, { legend: false })]
            : el('ul', { class: 'blanks' }, scenario.ask.map((tier) => el('li', {}, `${TIER_NAME[tier]}${tier === 'out_of_pocket' ? '' : '支付'}：`, el('span', { class: 'blank' }), ' 元'))));
      }));
    document.body.classList.toggle('print-answers', withAnswers);
    document.body.classList.add('print-handout');
    window.print();
  }

  // Projector: one question in large type; the answers and solution only when revealed.
  project(on) {
    document.body.classList.toggle('projector', on);
    $('#projector').hidden = !on;
    if (on) this.projectShow();
    else $('#projector-on').focus();
  }

  projectShow() {
    const scenario = this.current;
    const list = this.visible();
    const at = list.findIndex((x) => x.id === scenario.id);
    $('#projector-count').textContent = `第 ${at + 1} 题 / 共 ${list.length} 题`;
    $('#projector-title').textContent = scenario.title;
    $('#projector-question').textContent = scenario.question;
    $('#projector-facts').replaceChildren(facts(scenario.case, this.cities[scenario.case.city], { links: false }));
    $('#projector-answer').replaceChildren();
    $('#projector-answer').hidden = true;
    $('#projector-reveal').hidden = false;
    $('#projector-title').focus();
  }

  projectReveal() {
    const scenario = this.current;
    $('#projector-answer').replaceChildren(el('h3', {}, '答案'), answersTable(scenario),
      el('details', { class: 'projector-steps' }, el('summary', {}, '逐步解法'), ...solution(this.api, scenario, this.cities[scenario.case.city], { legend: false })));
    $('#projector-answer').hidden = false;
    $('#projector-reveal').hidden = true;
  }

  projectMove(step) {
    const list = this.visible();
    const at = list.findIndex((x) => x.id === this.current?.id);
    this.open(list[(at + step + list.length) % list.length]);
    this.projectShow();
  }

  next() {
    const list = this.visible();
    const at = list.findIndex((s) => s.id === this.current?.id);
    this.open(list[(at + 1) % list.length], true);
    $(`#answer-${this.current.ask[0]}`)?.focus();
  }
}

// The case as a trainee reads it: who, which rules, each visit's amounts.
function facts(kase, city, { links = true } = {}) {
  const scheme = city.schemes.find((s) => s.id === kase.scheme)?.name || kase.scheme;
  const names = Object.fromEntries(city.categories.map((c) => [c.id, c.name]));
  const kinds = Object.fromEntries(city.kinds.map((k) => [k.id, k.name]));
  const who = (kase.identities || []).map((id) => names[id] || id).join('、') || '普通参保人员';
  const amount = (value) => (value === undefined ? '—' : yuanDigits(normalizeMoney(String(value))) || String(value));
  const head = ['日期', '类别', '总费用（元）', '政策范围内（元）', '基本医保已付（元）', '大病保险已付（元）'];
  const cell = (i, text, cls) => el('td', { 'data-label': head[i], class: cls }, text);
  return el('div', { class: 'facts-block' },
    el('p', {}, `${city.name}　${scheme}　${who}　`, links ? el('a', { href: `city-${city.id}.html` }, `查看${city.name}政策`) : null),
    kase.parameters ? el('p', { class: 'hint' }, `本题假设的参数：${Object.entries(kase.parameters).map(([id, value]) => parameterText(id, value, city, kase.visits[0]?.date)).join('；')}`) : null,
    el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '就诊记录' },
      el('table', { class: 'stack' }, el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, kase.visits.map((v) => el('tr', {},
          cell(0, v.date), cell(1, `${kinds[v.kind] || v.kind}${v.kind === 'inpatient' && v.hospital_level ? `（${['一', '二', '三'][v.hospital_level - 1]}级）` : ''}`),
          cell(2, amount(v.total), 'num'), cell(3, amount(v.in_policy ?? v.total), 'num'),
          cell(4, amount(v.basic_paid), 'num'), cell(5, amount(v.critical_paid), 'num')))))));
}

// "assistance.tier1.cap" = "20000" -> 医疗救助年度最高支付限额（一类人员） 20,000.00 元: the
// parameter's label from cities(), as the parameter panel shows it (a trainee never sees an id),
// from the period in force on the case's first visit.
function parameterText(id, value, city, date) {
  const inForce = city.periods.find((p) => covers(p, date));
  const parameter = [inForce, ...city.periods].flatMap((p) => p?.parameters || []).find((p) => p.id === id);
  const unit = parameter?.unit;
  const text = String(value);
  const shown = text === 'none' ? '不设' : unit === 'yuan' ? `${yuanDigits(normalizeMoney(text)) || text} 元` : unit === 'months' ? `${text} 个月` : text;
  return `${parameter?.label || '一项本地标准'} ${shown}`;
}

const marksTable = (rows) => el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '核对结果' }, el('table', { class: 'marks-table stack' },
  el('thead', {}, el('tr', {}, ['', '您的答案', '标准答案', '结果'].map((h) => el('th', { scope: 'col' }, h)))),
  el('tbody', {}, rows.map((r) => el('tr', { 'data-tier': r.tier, class: r.given === null ? '' : r.right ? 'is-right' : 'is-wrong' },
    el('th', { scope: 'row' }, TIER_NAME[r.tier]),
    el('td', { class: 'num', 'data-label': '您的答案' }, r.given === null ? '—' : yuan(r.given)),
    el('td', { class: 'num expected', 'data-label': '标准答案' }, yuan(r.expected)),
    el('td', { class: 'verdict', 'data-label': '结果' }, r.verdict))))));

// The expected answers of a scenario (answer key, projector).
const answersTable = (scenario) => el('table', { class: 'answers-table' },
  el('tbody', {}, scenario.ask.map((tier) => el('tr', {},
    el('th', { scope: 'row' }, `${TIER_NAME[tier]}${tier === 'out_of_pocket' ? '' : '支付'}`),
    el('td', { class: 'num' }, `${yuan(scenario.expected[tier])} 元`)))));

// The core's own settlement of the scenario, step by step, visit by visit.
function solution(api, scenario, city, { legend = true } = {}) {
  const settlement = api.trySettle(scenario.case);
  if (settlement.error) return [el('p', { class: 'form-error' }, `计算核心无法计算这道题：${settlement.error.message}`)];
  const kinds = Object.fromEntries(city.kinds.map((k) => [k.id, k.name]));
  const visits = settlement.visits.map((v, i) => el('section', { class: 'solution-visit', 'aria-labelledby': `solution-visit-${i}` },
    el('h4', { id: `solution-visit-${i}` }, `第 ${i + 1} 次：${v.date} ${kinds[v.kind] || v.kind}`),
    el('ol', { class: 'steps' }, settlement.steps.filter((s) => s.visit === i).map(stepCard))));
  const totals = el('p', { class: 'solution-totals' }, '合计：', TIERS.map((t, i) => `${i ? '；' : ''}${t.name} ${yuan(settlement.totals[t.key])} 元`).join(''));
  return [legend ? provenanceLegend() : null, ...visits, totals].filter(Boolean);
}

async function start() {
  const [api, scenarios] = await Promise.all([
    loadSettle(),
    fetch('training-scenarios.json').then((r) => r.json()),
  ]);
  new Training(api, api.cities(), scenarios.scenarios);
  document.body.dataset.ready = 'yes';
}

start().catch((error) => {
  $('#progress').textContent = '题目或计算模块加载失败，请刷新页面重试。';
  throw error;
});
