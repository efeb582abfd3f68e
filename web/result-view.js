// Renders a settlement from the core: who pays what (bar + legend), each visit, every step with
// its source and provenance. Shows only the core's numbers; the shares are for display.
import { covers, documentTitle, el, localToday, moneyNodes, yuan, yuanText, percentOf, TIERS, PROVENANCE, BURDEN_PARTS } from './format.js';

export class ResultView {
  constructor(section, mini) {
    this.status = section.querySelector('#result-status');
    this.body = section.querySelector('#result-body');
    this.mini = mini;
    this.visits = new VisitsTable();
  }

  say(text) {
    this.status.replaceChildren(...moneyNodes(text));
    this.status.classList.remove('is-error');
    this.mini.hidden = true;
  }

  // On a phone the result is below the form: a bar at the bottom shows it changing. Each phrase
  // is kept on one line (the bar wraps between them, never inside one, at any text size), the
  // arrow with the last; what the arrow means is said to screen readers only.
  brief(phrases, arrow, spoken, isError) {
    const last = phrases.length - 1;
    this.mini.replaceChildren(...phrases.map((phrase, i) => el('span', { class: 'keep' }, phrase,
      i === last && [' ', el('span', { 'aria-hidden': 'true' }, arrow)])), el('span', { class: 'spoken' }, spoken));
    this.mini.classList.toggle('is-error', isError);
    this.mini.hidden = false;
  }

  hint() {
    this.say('填写医疗总费用后，这里会立即显示结果。');
    this.body.hidden = true;
    this.shown = null;
  }

  failed(text) {
    this.status.textContent = text;
    this.status.classList.add('is-error');
  }

  // Input is wrong: the last good result stays, marked as no longer matching the form.
  stale(error) {
    const where = this.body.hidden ? '' : '下面是上一次的结果，已不对应当前填写的内容。';
    this.failed(`还不能计算：${error.message.replace(/[。.]$/, '')}。${where}`);
    this.body.classList.add('is-stale');
    this.shown = null;
    this.brief(['还不能计算：', '请看标红的提示'], '↑', '，在上面', true);
  }

  // Takes over the result written into index.html at build time (site/generator/prerender.mjs):
  // its body holds the blocks show() places, in the same order, so the first show() puts each
  // block built live in the place of the same block, and keeps the comparison and the steps on
  // screen (not dimmed) until theirs follow. False when the body is not such a result.
  adopt() {
    const nodes = [...this.body.childNodes];
    if (this.body.hidden || nodes.length !== BLOCKS.length) return false;
    this.placed = Object.fromEntries(BLOCKS.map((name, i) => [name, nodes[i]]));
    this.adopted = true;
    return true;
  }

  // Drops the prerendered example (a #case= link shows its own case, or says why it cannot).
  discard() {
    this.body.replaceChildren();
    this.body.hidden = true;
    this.mini.hidden = true;
    this.placed = null;
  }

  // Whether the settlement `text` of this case is what is on screen (nothing to redraw).
  showing(text, kase) {
    return this.shown === shownKey(text, kase);
  }

  // A settlement without steps (the quick one made on each keystroke); its explanation follows
  // in showSteps(). text: its JSON text, to tell a later identical result (showing()).
  show(settlement, city, kase, text) {
    this.shown = shownKey(text, kase);
    const kinds = Object.fromEntries(city.kinds.map((k) => [k.id, k.name]));
    this.kinds = kinds;
    this.say(`已按当前填写计算：个人负担（含自费）${yuanText(settlement.totals.out_of_pocket)}。`);
    this.brief(['个人负担（含自费）', yuanText(settlement.totals.out_of_pocket)], '↓', '，查看明细', false);
    this.body.classList.remove('is-stale');
    // The blocks in BLOCKS order (adopt() relies on it).
    this.place({
      stale: this.placed?.stale || el('p', { class: 'stale-note' }, '已过期：请先改正上面标出的错误'),
      print: printHeader(settlement, city, kase, this.version),
      // On a phone the breakdown comes first under the result line; the notes follow as one line.
      summary: summaryBlock(settlement.totals),
      warnings: warningsBlock(settlement.warnings || []) || document.createComment('no warnings'),
      identity: identityBlock(settlement),
      // Filled by CompareView once the result is on screen.
      compare: this.placed?.compare || el('section', { id: 'compare', class: 'compare no-print', 'aria-labelledby': 'compare-title' }),
      visits: this.visits.render(settlement.visits, kinds),
      yearLeft: yearLeftBlock(settlement.year_left),
      sources: el('section', { class: 'sources print-only' }),
      explain: this.explainPending(),
    });
    this.body.hidden = false;
  }

  // The steps of the settlement on screen (the same case settled with its explanation).
  showSteps(settlement) {
    this.place({ ...this.placed, sources: sourcesBlock(settlement), explain: stepsBlock(settlement, this.kinds) });
  }

  // Puts the result's blocks in the body, replacing only those that changed: the compare
  // section and an updated visits table stay where they are.
  place(blocks) {
    if (!this.placed) this.body.replaceChildren(...Object.values(blocks));
    else for (const [name, block] of Object.entries(blocks)) if (this.placed[name] !== block) this.placed[name].replaceWith(block);
    this.placed = blocks;
  }

  // Until showSteps: the steps on screen, marked as being redone (taking a 50-visit explanation
  // out and putting it back on every keystroke cost more than the keystroke's own work).
  explainPending() {
    const shown = this.placed?.explain;
    if (shown) {
      if (this.adopted) this.adopted = false;  // the prerendered steps are this case's
      else shown.setAttribute('aria-busy', 'true');
      return shown;
    }
    return el('section', { class: 'explain', 'aria-labelledby': 'explain-title', 'aria-busy': 'true' },
      el('h3', { id: 'explain-title' }, '逐步计算说明'), el('p', { class: 'hint' }, '正在生成逐步说明…'));
  }
}

// The result's blocks, in the order show() places them.
const BLOCKS = ['stale', 'print', 'summary', 'warnings', 'identity', 'compare', 'visits', 'yearLeft', 'sources', 'explain'];

// The print header also shows the categories chosen, which a settlement need not name.
const shownKey = (text, kase) => `${JSON.stringify(kase?.identities ?? [])}${text}`;

// What fits one A4 page; app.css hides the rows beyond these in print (keep the two in step).
const PRINT_WARNINGS = 3;
const PRINT_VISITS = 10;


// The periods (document and date of effect) the visits' dates fall in: "the date of the rules".
export function periodsUsed(city, visits) {
  const periods = city.periods || [];
  return periods.filter((p) => visits.some((v) => covers(p, v.date)));
}

export function periodText(p) {
  return `${documentTitle(p)}，${p.from} 起施行${p.to ? `，至 ${p.to}` : ''}`;
}

// Only on paper (app.css @media print): what was asked, under which rules, on which day.
function printHeader(s, city, kase, version) {
  const scheme = city.schemes.find((x) => x.id === s.scheme)?.name || s.scheme;
  const names = Object.fromEntries(city.categories.map((c) => [c.id, c.name]));
  const chosen = (kase?.identities || []).map((id) => names[id] || id).join('、') || '无（普通参保人员）';
  return el('section', { class: 'print-only print-header', 'aria-hidden': 'true' },
    el('p', {}, `${s.city_name || city.name}　${scheme}　所选身份：${chosen}`),
    el('ul', { class: 'print-periods' }, periodsUsed(city, s.visits).map((p) => el('li', {}, `所用规定：${periodText(p)}`))),
    el('p', { class: 'print-date' }, `试算日期 ${localToday()}${version ? `　计算器版本 ${version}` : ''}　本试算单不是官方结算单，以医保经办机构结算为准。`));
}

// Every document and clause the steps used, per tier, with how the numbers were read.
function sourcesBlock(settlement) {
  const byTier = new Map();
  for (const step of settlement.steps || []) {
    const key = step.tier_name || step.tier;
    if (!byTier.has(key)) byTier.set(key, { sources: new Set(), provenance: new Set() });
    const entry = byTier.get(key);
    if (step.source) entry.sources.add([step.source.document, step.source.clause].filter(Boolean).join(' '));
    for (const cited of step.parameter_sources || []) entry.sources.add(citedSource(cited, step.source));
    for (const key of step.provenances || [step.provenance]) entry.provenance.add(PROVENANCE[key]?.label || key);
  }
  return el('section', { class: 'sources print-only', 'aria-labelledby': 'sources-title' },
    el('h3', { id: 'sources-title' }, '计算依据'),
    el('table', {}, el('thead', {}, el('tr', {}, ['', '文件和条款', '参数'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, [...byTier].map(([tier, e]) => el('tr', {},
        el('th', { scope: 'row' }, tier), el('td', {}, [...e.sources].join('；')), el('td', {}, [...e.provenance].join('、')))))));
}

function identityBlock(s) {
  const block = el('div', { class: 'identity' },
    el('p', {}, '适用身份：', el('strong', { 'data-testid': 'identity' }, s.identity_name || s.identity)));
  if ((s.comparison || []).length > 1) {
    block.append(el('p', { class: 'hint' }, '就高不重复：各身份下大病保险、医疗救助和再救助合计——'),
      el('ul', { class: 'comparison' }, s.comparison.map((c) => el('li', {},
        `${c.name}：${yuanText(c.benefit)}`, c.identity === s.identity ? '（采用）' : ''))));
  }
  return block;
}

// The notes people most need first: an estimate, an assumed parameter, a missing local standard,
// a preliminary city; then the others in the core's order. The first kinds are always printed.
const WARNING_ORDER = ['basic_estimated', 'assumed_parameter', 'no_assistance_rule', 'preliminary_rules'];
const rank = (w) => {
  const at = WARNING_ORDER.indexOf(w.code);
  return at < 0 ? WARNING_ORDER.length : at;
};

// One line, "3 条提示", that opens the list (on paper the list is always printed).
function warningsBlock(warnings) {
  if (warnings.length === 0) return null;
  const sorted = warnings.map((w, i) => ({ w, i })).sort((a, b) => rank(a.w) - rank(b.w) || a.i - b.i).map((x) => x.w);
  const key = (w) => rank(w) < WARNING_ORDER.length;
  // On paper a note the core repeats for each visit is printed once, with the other visits named.
  const repeats = new Map();
  for (const w of sorted) if (Number.isInteger(w.visit)) repeats.set(w.code, [...(repeats.get(w.code) || []), w]);
  const items = sorted.flatMap((w) => {
    const same = Number.isInteger(w.visit) ? repeats.get(w.code) : [w];
    const repeat = same.indexOf(w) > 0;
    const item = el('li', { 'data-code': w.code, class: [key(w) ? 'is-key' : '', repeat ? 'is-repeat' : ''].join(' ').trim() || null },
      Number.isInteger(w.visit) ? `第 ${w.visit + 1} 次就诊：` : '', w.message);
    if (repeat || same.length < 2) return [item];
    const others = same.slice(1).map((x) => x.visit + 1).sort((a, b) => a - b).join('、');
    return [item, el('li', { class: `print-only${key(w) ? ' is-key' : ''}`, 'aria-hidden': 'true' }, `第 ${others} 次就诊也有同样的提示。`)];
  });
  const list = el('ul', { id: 'warnings-list', hidden: true }, items);
  // app.css prints every key note and, of the others, those in the first PRINT_WARNINGS places.
  const unprinted = items.filter((li, i) => i >= PRINT_WARNINGS && !li.classList.contains('is-key') && !li.classList.contains('print-only')).length;
  const toggle = el('button', { type: 'button', class: 'warnings-toggle', 'aria-expanded': 'false', 'aria-controls': 'warnings-list' },
    `${warnings.length} 条提示`, el('span', { class: 'warnings-first' }, `：${firstWords(sorted[0].message)}`));
  toggle.addEventListener('click', () => {
    const open = list.hidden;
    list.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  });
  return el('section', { class: 'warnings', 'aria-labelledby': 'warnings-title' },
    el('h3', { id: 'warnings-title', class: 'print-only' }, `请注意（${warnings.length} 条）`),
    el('p', { class: 'warnings-line no-print' }, toggle),
    list,
    unprinted > 0 ? el('p', { class: 'print-only' }, `另有 ${unprinted} 条提示未打印，请在页面上查看。`) : null);
}

// The start of the most important note, for the closed line.
const firstWords = (text) => {
  const head = text.split(/[，。；]/)[0];
  return head.length > 18 ? `${head.slice(0, 18)}…` : head;
};

function summaryBlock(totals) {
  const parts = TIERS.map((t) => ({ ...t, fen: totals[t.key] }));
  const bar = el('div', { class: 'bar', role: 'img',
    'aria-label': parts.map((p) => `${p.name} ${percentOf(p.fen, totals.total)}`).join('，') });
  for (const p of parts) {
    if (p.fen <= 0) continue;
    const segment = el('span', { class: `bar-part tier-${p.key}` });
    segment.style.flexGrow = String(p.fen);
    bar.append(segment);
  }
  return el('section', { class: 'summary', id: 'summary', 'aria-labelledby': 'summary-title' },
    el('h3', { id: 'summary-title' }, '谁付多少'),
    el('p', {}, `医疗总费用 ${yuanText(totals.total)}，其中政策范围内 ${yuanText(totals.in_policy)}。`),
    bar,
    el('ul', { class: 'legend' }, parts.map((p) => el('li', { 'data-tier': p.key },
      el('span', { class: `swatch tier-${p.key}`, 'aria-hidden': 'true' }),
      el('span', { class: 'legend-name' }, p.name),
      el('span', { class: 'amount' }, yuan(p.fen), ' 元'),
      el('span', { class: 'pct' }, percentOf(p.fen, totals.total))))),
    burdenLine(totals));
}

// 个人负担（含自费） = 政策范围内个人负担 + 自费, as staff tell them apart.
function burdenLine(totals) {
  if (totals.in_policy_burden === undefined) return null;
  return el('p', { class: 'burden-parts' }, `个人负担（含自费）${yuanText(totals.out_of_pocket)}：`,
    BURDEN_PARTS.map((b, i) => el('span', { 'data-part': b.key }, `${i ? '，' : ''}${b.name} ${yuanText(totals[b.key])}`)), '。');
}

// What is left this year, per tier: the core's own sentences (cap, used, left, the distance to
// the next deductible), shown as they come.
function yearLeftBlock(yearLeft) {
  if (!yearLeft || !yearLeft.tiers || yearLeft.tiers.length === 0) return document.createComment('no year left');
  return el('section', { class: 'year-left no-print', 'aria-labelledby': 'year-left-title' },
    el('h3', { id: 'year-left-title' }, `${yearLeft.year} 年还剩多少`),
    el('ul', {}, yearLeft.tiers.map((tier) => el('li', { 'data-tier': tier.tier }, tier.text))));
}

// The per-visit table. Typing changes amounts, rarely the number of visits: a table of the same
// size is updated cell by cell (a 50-visit table is 550 cells) instead of being built again.
class VisitsTable {
  constructor() {
    this.section = null;
    this.rows = [];
  }

  render(visits, kinds) {
    if (this.rows.length !== visits.length) this.build(visits.length);
    visits.forEach((v, i) => {
      const row = this.rows[i];
      const head = `${v.estimated}|${v.date}|${v.kind}`;
      if (row.head !== head) {
        row.head = head;
        row.th.replaceChildren(`第 ${i + 1} 次`, v.estimated ? el('span', { class: 'tag' }, '含估算') : '',
          el('span', { class: 'row-note' }, `${v.date} ${kinds[v.kind] || v.kind}`));
      }
      [v.total, v.in_policy, ...TIERS.map((t) => v[t.key]), ...BURDEN_PARTS.map((b) => v[b.key])].forEach((fen, j) => {
        const text = yuan(fen);
        if (row.cells[j].textContent !== text) row.cells[j].textContent = text;
      });
    });
    return this.section;
  }

  build(count) {
    // The last columns split 个人负担（含自费）; on paper the summary's line says it for the case.
    const head = ['', '总费用', '政策内', ...TIERS.map((t) => t.name), ...BURDEN_PARTS.map(() => '')];
    const split = TIERS.length + 3;
    BURDEN_PARTS.forEach((b, i) => { head[split + i] = b.name.replace(/^其中/, ''); });
    this.rows = Array.from({ length: count }, () => {
      const th = el('th', { scope: 'row' });
      const cells = head.slice(1).map((label, j) => el('td', { class: j + 1 >= split ? 'num burden-col' : 'num', 'data-label': label }));
      return { head: '', th, cells, tr: el('tr', {}, th, cells) };
    });
    this.section = el('section', { class: 'per-visit', 'aria-labelledby': 'per-visit-title' },
      el('h3', { id: 'per-visit-title' }, '每次就诊（元）'),
      el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '每次就诊明细，可左右滚动' },
        el('table', { class: 'stack-wide' }, el('thead', {}, el('tr', {}, head.map((h, j) => el('th', { scope: 'col', class: j >= split ? 'burden-col' : null }, h)))),
          el('tbody', {}, this.rows.map((r) => r.tr)))),
      count > PRINT_VISITS ? el('p', { class: 'print-only' }, `另有 ${count - PRINT_VISITS} 次就诊未打印；完整明细请导出案例文件或在页面上查看。`) : null);
  }
}

function ratioText(step) {
  if (step.segments) {
    return step.segments.map((s) => (s.to === null
      ? `${yuan(s.from)} 元以上 ${s.ratio ?? '未收录'}` : `${yuan(s.from)}–${yuan(s.to)} 元 ${s.ratio ?? '未收录'}`)).join('；');
  }
  return step.ratio || '—';
}

// What each provenance badge on a step means (also on the training page's solutions).
export function provenanceLegend() {
  return el('ul', { class: 'badge-legend' }, Object.entries(PROVENANCE).map(([key, p]) =>
    el('li', {}, el('span', { class: `badge prov-${key}` }, p.label), ` ${p.note}`)));
}

// A deductible or cap by what the core says of it: a number, 不设 (the rule has none), 未收录 (not on
// file) or not used (a slip's amount, a visit no fund pays).
function limitText(amount, status) {
  if (status === 'value') return yuanText(amount);
  if (status === 'none') return '不设';
  if (status === 'missing') return '未收录';
  if (status === 'not_used') return '—（未用到）';
  return amount === null || amount === undefined ? '—' : yuanText(amount);
}

// "起付标准、支付比例：国办发〔2021〕42号 全国底线（假设参数）": a value cited apart from the rule,
// worded as the core's sentence words it.
function citedSource(cited, own) {
  const label = (PROVENANCE[cited.provenance] || { label: '' }).label;
  if (own && cited.document === own.document && cited.clause === own.clause) return `其中${cited.parameters}为${label}`;
  if (cited.provenance === 'given') return `${cited.parameters}：用户填写${cited.document !== '用户填写' ? `（来源：${cited.document}）` : ''}`;
  const where = [cited.document, cited.clause].filter(Boolean).join(' ');
  return `${cited.parameters}：${where}（${label}）`;
}

export function stepCard(step) {
  const window = step.window ? `认定期间 ${step.window.from} 至 ${step.window.to} ` : '本年';
  const given = step.provenance === 'given' && (step.provenances || []).length <= 1;
  const facts = [
    ['计算基数', yuanText(step.base) + (step.year_base !== undefined && step.year_base !== step.base && !given ? `（${window}累计 ${yuanText(step.year_base)}）` : '')],
    ['起付线', limitText(step.deductible, step.deductible_status)],
    ['支付比例', given ? '—（按结算单，用户填写）' : ratioText(step)],
    ['年度限额', step.cap_unknown ? '未收录（粗估按未达到计算）' : limitText(step.cap, step.cap_status)],
    ['限额剩余', step.cap_left === null || step.cap_left === undefined ? '—' : yuanText(step.cap_left)],
  ];
  if (step.paid_before > 0) facts.push([step.window ? '认定期间此前已付' : '本年此前已付', yuanText(step.paid_before)]);
  const used = step.provenances || [step.provenance];
  const badges = [step.provenance, ...used.filter((key) => key !== step.provenance)].map((key) =>
    el('span', { class: `badge prov-${key}` }, (PROVENANCE[key] || { label: key }).label));
  const source = [step.source ? [step.source.document, step.source.clause].filter(Boolean).join(' ') : '',
    ...(step.parameter_sources || []).map((cited) => citedSource(cited, step.source))].filter(Boolean).join('；');
  return el('li', { class: `step tier-border-${step.tier}` },
    el('div', { class: 'step-head' },
      el('h5', {}, step.tier_name || step.tier),
      badges,
      el('span', { class: 'step-paid' }, '支付 ', el('span', { class: 'money' }, el('strong', {}, yuan(step.paid)), ' 元'))),
    el('p', { class: 'step-text' }, step.text),
    el('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
    source ? el('p', { class: 'source' }, `依据：${source}`) : null);
}

// The first visits' steps are shown open; the others' step cards are built when opened.
const OPEN_VISITS = 3;

function stepsBlock(settlement, kinds) {
  const byVisit = settlement.visits.map(() => []);
  for (const step of settlement.steps || []) byVisit[step.visit]?.push(step);
  const groups = settlement.visits.map((v, i) => {
    const group = el('details', { class: 'visit-steps' },
      el('summary', {}, el('h4', {}, `第 ${i + 1} 次就诊：${v.date} ${kinds[v.kind] || v.kind}`)));
    const fill = () => {
      if (group.childElementCount > 1) return;
      const own = byVisit[i];
      group.append(own.length ? el('ol', { class: 'steps' }, own.map(stepCard)) : el('p', {}, '这次就诊没有计算步骤。'));
    };
    group.addEventListener('toggle', () => { if (group.open) fill(); });
    if (i < OPEN_VISITS) {
      fill();
      group.open = true;
    }
    return group;
  });
  return el('section', { class: 'explain', 'aria-labelledby': 'explain-title' },
    el('h3', { id: 'explain-title' }, '逐步计算说明'), provenanceLegend(), groups);
}
