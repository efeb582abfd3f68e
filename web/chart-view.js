// 费用增长曲线: what each tier pays, and what is left to the person, as one year's bill grows from
// 0 to 50万 — 201 points, each a full settlement by the WebAssembly core of one inpatient stay.
// Marks where a deductible is passed, a band edge crossed or a yearly cap used up.
//
// Hand-drawn SVG, not a chart library: the chart is five polylines, two axes and a few marks
// (about 300 lines here, ~3 KB gzip, loaded only when the panel is opened). uPlot (~20 KB gzip,
// plus its stylesheet) or Chart.js (~65 KB gzip) would add more than the whole page's own script,
// draw to a canvas that neither the accessibility check nor a screen reader can read, and bring
// features (zoom, animation, plugins) this chart does not use.
import { el, fenOf, yuan, TIERS } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const MAX_TOTAL = 500000;           // 50万, yuan
const STEP = 2500;                  // 201 points
const POINTS = MAX_TOTAL / STEP + 1;
const BATCH = 20;                   // settlements per task, so typing is never held up
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const PAD = { left: 56, right: 12, top: 36, bottom: 40 };

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const child of children) if (child) node.append(child);
  return node;
}

// a * num / den in fen, rounded half-up.
const scaled = (a, num, den) => (2n * a * num + den) / (2n * den);
// Fen as a yuan string the core reads exactly.
const yuanString = (fen) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
const wan = (yuanValue) => `${(yuanValue / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 万元`;
const pct = (num, den) => `${((Number(num) * 100) / Number(den)).toFixed(1)}%`;

// How the chart's one visit is built from the form's first visit, and the words that say so.
// Amounts the person typed from a slip are scaled in proportion; otherwise the core estimates.
export function chartBasis(kase) {
  const first = kase.visits[0];
  const total = fenOf(first.total);
  const inPolicy = fenOf(first.in_policy ?? first.total);
  const basic = fenOf(first.basic_paid);
  const critical = fenOf(first.critical_paid);
  const share = total && inPolicy !== null && inPolicy <= total ? { num: inPolicy, den: total } : { num: 1n, den: 1n };
  const basicShare = basic !== null && inPolicy ? { num: basic, den: inPolicy } : null;
  const rest = basic !== null && inPolicy ? inPolicy - basic : null;
  const criticalShare = critical !== null && rest ? { num: critical, den: rest } : null;
  const notes = [
    `横轴是一年内一次住院的医疗总费用，就诊日期 ${first.date || '（未填）'}、医院等级按第 1 次就诊；政策范围内费用占 ${pct(share.num, share.den)}（按第 1 次就诊${share.den === 1n ? '，未填则全部计入' : ''}）。`,
    basicShare ? `基本医保：按您填写的第 1 次就诊比例折算（已支付 ÷ 政策范围内 = ${pct(basicShare.num, basicShare.den)}），不是按待遇计算。`
      : '基本医保：按本市已收录的住院待遇估算（假设参数，见“政策参数”）。',
  ];
  if (criticalShare) notes.push(`大病保险：按您填写的第 1 次就诊比例折算（已支付 ÷ 扣除基本医保后的政策范围内费用 = ${pct(criticalShare.num, criticalShare.den)}）。`);
  else if (critical !== null) notes.push('大病保险：您填写的已支付金额无法折算比例，按规定计算。');
  const visitAt = (x) => {
    const xFen = BigInt(x) * 100n;
    const visit = { date: first.date, kind: 'inpatient', hospital_level: first.hospital_level, total: String(x) };
    const ipFen = scaled(xFen, share.num, share.den);
    visit.in_policy = yuanString(ipFen);
    if (basicShare) {
      const basicFen = scaled(ipFen, basicShare.num, basicShare.den);
      visit.basic_paid = yuanString(basicFen);
      if (criticalShare) visit.critical_paid = yuanString(scaled(ipFen - basicFen, criticalShare.num, criticalShare.den));
    }
    return visit;
  };
  const given = new Set([basicShare && 'basic', basicShare && criticalShare && 'critical'].filter(Boolean));
  return { notes, visitAt, given };
}

export class ChartView {
  constructor(panel, api) {
    this.api = api;
    this.panel = panel;
    this.run = 0;
    this.cityId = null;
    this.category = null;
    this.body = panel.querySelector('.chart-body');
    // A phone turned sideways gets the chart redrawn at its new width (same points, no settling).
    new ResizeObserver(() => {
      if (this.drawn && !this.drawn.error && Math.abs(this.body.clientWidth - this.width) > 40) this.draw(this.drawn);
    }).observe(this.body);
  }

  // Follows the category the calculator applied until the person picks one here (again after
  // the city changes).
  show(input) {
    const { kase, city, settlement } = input;
    this.last = input;
    if (city.id !== this.cityId) { this.cityId = city.id; this.picked = false; }
    if (!this.picked) this.category = settlement.identity;
    const run = ++this.run;
    const basis = chartBasis(kase);
    const base = { city: kase.city, scheme: kase.scheme };
    if (kase.parameters) base.parameters = kase.parameters;
    if (kase.applied && this.category === 'illness_poverty') base.applied = kase.applied;
    const caseAt = (x) => ({ ...base, identities: this.category === 'general' ? [] : [this.category], visits: [basis.visitAt(x)] });

    this.panel.dataset.done = 'no';
    const points = [];
    const step = (from) => {
      if (run !== this.run) return;
      for (let i = from; i < Math.min(from + BATCH, POINTS); i++) {
        const x = i * STEP;
        const answer = this.api.trySettle(caseAt(x));
        if (answer.error) return this.draw({ city, kase, basis, points: [], error: answer.error, x });
        points.push({ x, totals: answer.totals, steps: answer.steps.filter((s) => s.visit === 0) });
      }
      if (points.length < POINTS) return setTimeout(() => step(from + BATCH), 0);
      return this.draw({ city, kase, basis, points });
    };
    step(0);
  }

  draw(drawn) {
    const { city, kase, basis, points, error, x } = drawn;
    this.drawn = drawn;
    this.width = this.body.clientWidth;
    const schemeName = city.schemes.find((s) => s.id === kase.scheme)?.name || kase.scheme;
    const select = el('select', { id: 'chart-category' },
      [{ id: 'general', name: '普通参保人员' }, ...city.categories].map((c) => el('option', { value: c.id, selected: c.id === this.category }, c.name)));
    select.addEventListener('change', () => {
      this.category = select.value;
      this.picked = true;
      this.show(this.last);
      document.querySelector('#chart-category')?.focus();
    });
    const parts = [
      el('div', { class: 'field chart-category' }, el('label', { for: 'chart-category' }, `身份（${city.name}，${schemeName}）`), select),
      el('ul', { class: 'chart-notes hint' }, basis.notes.map((n) => el('li', {}, n))),
    ];
    if (error) {
      parts.push(el('p', { class: 'form-error', role: 'status' }, `总费用 ${yuan(x * 100)} 元时算不出：${error.message}`));
    } else {
      const marks = findMarks(points, basis.given);
      // Drawn at the panel's own width, so 12 px text is 12 px on a phone too.
      const width = Math.round(Math.max(300, Math.min(720, this.body.clientWidth - 4 || 640)));
      const chart = plot(points, marks, width, width < 480 ? 280 : 340);
      const sx = chart.sx;
      const slider = el('input', { type: 'range', id: 'chart-at', min: '0', max: String(POINTS - 1), step: '1',
        value: String(startIndex(kase)), 'aria-describedby': 'chart-readout' });
      const readout = el('output', { id: 'chart-readout', for: 'chart-at', class: 'chart-readout' });
      const update = () => {
        const p = points[Number(slider.value)];
        chart.cursor.setAttribute('x1', sx(p.x));
        chart.cursor.setAttribute('x2', sx(p.x));
        readout.replaceChildren(el('strong', {}, `总费用 ${yuan(p.x * 100)} 元：`),
          ...TIERS.map((t) => el('span', { class: 'chart-value', 'data-tier': t.key }, `${t.name} ${yuan(p.totals[t.key])}`)));
      };
      slider.addEventListener('input', update);
      parts.push(
        chart.node,
        el('ul', { class: 'legend chart-legend' }, TIERS.map((t) => el('li', {}, el('span', { class: `swatch tier-${t.key}`, 'aria-hidden': 'true' }), t.name))),
        el('div', { class: 'field' }, el('label', { for: 'chart-at' }, '拖动查看某一总费用下各层的金额'), slider, readout),
        marks.length ? el('ol', { class: 'chart-marks' }, marks.map((m, i) => el('li', { 'data-kind': m.kind },
          el('span', { class: 'mark-no', 'aria-hidden': 'true' }, CIRCLED[i] || `${i + 1}.`), ` 总费用约 ${wan(m.x)}：${m.text}`)))
          : el('p', { class: 'hint' }, '0 到 50 万元之间没有经过起付线、分段点或限额。'),
        dataTable(points));
      update();
    }
    this.body.replaceChildren(...parts);
    this.panel.dataset.done = 'yes';
  }
}

const startIndex = (kase) => {
  const total = Number(kase.visits[0].total);
  return Number.isFinite(total) ? Math.max(0, Math.min(POINTS - 1, Math.round(total / STEP))) : (POINTS - 1) / 2;
};

// Where a step's year base passes a threshold between two neighbouring points (linear between
// them: the mark's position is approximate, the threshold itself is the rule's).
function findMarks(points, given) {
  const marks = [];
  const seen = new Set();
  const add = (key, kind, xa, xb, va, vb, threshold, text) => {
    if (seen.has(key)) return;
    seen.add(key);
    const x = vb === va ? xb : xa + ((threshold - va) / (vb - va)) * (xb - xa);
    marks.push({ key, kind, x, text });
  };
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    for (const sb of b.steps) {
      const sa = a.steps.find((s) => s.tier === sb.tier && s.pool === sb.pool);
      if (!sa || given.has(sb.tier)) continue;
      const name = sb.tier_name || sb.tier;
      const baseA = sa.year_base ?? sa.base;
      const baseB = sb.year_base ?? sb.base;
      const d = sb.deductible;
      if (d > 0 && baseA <= d && baseB > d) add(`${sb.tier}-d`, 'deductible', a.x, b.x, baseA, baseB, d, `${name}起付线 ${yuan(d)} 元（按${baseName(sb.tier)}计）`);
      (sb.segments || []).forEach((seg, k) => {
        const next = sb.segments[k + 1];
        if (seg.to === null || !next || !(baseA < seg.to && baseB >= seg.to)) return;
        add(`${sb.tier}-s${k}`, 'band', a.x, b.x, baseA, baseB, seg.to, `${name}进入下一段：${yuan(seg.to)} 元以上的部分按 ${next.ratio ?? '未收录'} 支付`);
      });
      if (sb.cap !== null && sb.cap !== undefined && sa.cap_left > 0 && sb.cap_left === 0) {
        const paidA = a.totals[sb.tier];
        const paidB = b.totals[sb.tier];
        add(`${sb.tier}-c`, 'cap', a.x, b.x, paidA, paidB, sb.cap, `${name}年度限额 ${yuan(sb.cap)} 元用完`);
      }
    }
  }
  return marks.sort((m, n) => m.x - n.x);
}

const baseName = (tier) => ({
  basic: '政策范围内费用', critical: '扣除基本医保后的政策范围内费用',
  assistance: '基本医保、大病保险后的个人负担', reassistance: '医疗救助后的个人负担',
}[tier] || '计算基数');

const tick = (yuanValue, top) => (yuanValue === 0 ? '0' : top >= 20000 ? `${yuanValue / 10000}万` : String(yuanValue));

// A round top for the y axis: 1, 2 or 5 times a power of ten, in yuan.
function niceTop(yuanMax) {
  const target = Math.max(yuanMax, 1000) / 5;
  const power = 10 ** Math.floor(Math.log10(target));
  const step = [1, 2, 5, 10].map((m) => m * power).find((v) => v >= target);
  return { top: step * 5, step };
}

function plot(points, marks, W, H) {
  const sx = (x) => PAD.left + (x / MAX_TOTAL) * (W - PAD.left - PAD.right);
  const maxFen = Math.max(...points.flatMap((p) => TIERS.map((t) => p.totals[t.key])));
  const { top, step } = niceTop(maxFen / 100);
  const sy = (fen) => H - PAD.bottom - (fen / 100 / top) * (H - PAD.top - PAD.bottom);
  const grid = svg('g', { class: 'chart-grid' });
  for (let v = 0; v <= top + 1e-9; v += step) {
    grid.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: sy(v * 100), y2: sy(v * 100) }),
      svg('text', { x: PAD.left - 6, y: sy(v * 100) + 4, 'text-anchor': 'end' }, document.createTextNode(tick(v, top))));
  }
  for (let v = 0; v <= MAX_TOTAL; v += 100000) {
    grid.append(svg('text', { x: sx(v), y: H - PAD.bottom + 16, 'text-anchor': 'middle' }, document.createTextNode(tick(v, MAX_TOTAL))));
  }
  grid.append(svg('text', { x: (PAD.left + W - PAD.right) / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis-title' },
    document.createTextNode('一年的医疗总费用（元）')));
  const marksGroup = svg('g', { class: 'chart-marks-svg' });
  marks.forEach((m, i) => {
    marksGroup.append(svg('line', { x1: sx(m.x), x2: sx(m.x), y1: PAD.top, y2: H - PAD.bottom, class: `mark-line mark-${m.kind}` }),
      svg('text', { x: sx(m.x), y: PAD.top - 4 - (i % 2) * 15, 'text-anchor': 'middle', class: 'mark-label' }, document.createTextNode(CIRCLED[i] || String(i + 1))));
  });
  const lines = TIERS.map((t) => svg('polyline', {
    class: `chart-line line-${t.key}`, fill: 'none',
    points: points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.totals[t.key]).toFixed(1)}`).join(' '),
  }));
  const cursor = svg('line', { class: 'chart-cursor', y1: PAD.top, y2: H - PAD.bottom, x1: 0, x2: 0 });
  const node = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-labelledby': 'chart-svg-title' },
    svg('title', { id: 'chart-svg-title' }, document.createTextNode('总费用从 0 到 50 万元时，基本医保、大病保险、医疗救助、再救助和个人自付的金额曲线；各点数值见下方滑块和数据表')),
    grid, svg('line', { class: 'axis', x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: H - PAD.bottom }),
    svg('line', { class: 'axis', x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom }),
    marksGroup, ...lines, cursor);
  return { node, cursor, sx };
}

// The same numbers as the lines, every 5万, for anyone who cannot see the chart.
function dataTable(points) {
  const rows = points.filter((p) => p.x % 50000 === 0);
  return el('details', { class: 'chart-data' }, el('summary', {}, '曲线数据（每 5 万元一行）'),
    el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '曲线数据，可左右滚动' },
      el('table', {}, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, '总费用'), TIERS.map((t) => el('th', { scope: 'col' }, t.name)))),
        el('tbody', {}, rows.map((p) => el('tr', {}, el('th', { scope: 'row' }, yuan(p.x * 100)),
          TIERS.map((t) => el('td', { class: 'num' }, yuan(p.totals[t.key])))))))));
}
