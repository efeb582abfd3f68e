// Display helpers. Amounts arrive as integer fen from the core; nothing here computes money.

// Today as YYYY-MM-DD in the browser's time zone, by hand: toLocaleDateString loads a locale's
// data on first use, a tenth of the first result's time.
export function localToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// "济医保发〔2020〕28号《关于…的通知》": a period's document with its title; a title that already
// names the document stands alone.
export const documentTitle = (p) => (!p.title || p.title === p.document ? p.document
  : p.title.startsWith(p.document) ? p.title : `${p.document}《${p.title}》`);

// Whether a period of the rules ({from, to: null when open}) is in force on a YYYY-MM-DD date.
export const covers = (period, date) => period.from <= date && (!period.to || date <= period.to);

export function yuan(fen) {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  // Grouped by hand: toLocaleString took most of a 50-visit redraw.
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

// What people type on phones: full-width digits, thousands separators, a trailing 元, and 万
// ("8万", "8.5万元", "１２万": ten thousand yuan, shifted by hand on the digits, never through a
// floating-point number). The core checks the result (digits, at most two decimals) and says
// what is wrong.
export function normalizeMoney(text) {
  if (/^\d*(\.\d*)?$/.test(text)) return text;  // as most amounts are typed: nothing to do
  const plainText = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[\s,，元]/g, '');
  const wan = /^(\d+)(?:\.(\d+))?万$/.exec(plainText);
  if (!wan) return plainText;
  const [, whole, part = ''] = wan;
  const digits = `${whole}${part.padEnd(4, '0').slice(0, 4)}`.replace(/^0+(?=\d)/, '');
  const rest = part.slice(4);  // beyond 4 digits: fen, kept as decimals for the core to check
  return rest ? `${digits}.${rest}` : digits;
}

// Typed yuan -> fen as a BigInt, exactly (never through a floating-point number), after
// normalizeMoney (8万, １２, 80,000 元); null when it is not digits with at most two decimals.
export function fenOf(text) {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(normalizeMoney(String(text ?? '').trim()));
  return m ? BigInt(m[1]) * 100n + BigInt((m[2] || '').padEnd(2, '0')) : null;
}

// Whether a typed amount is written other than as plain yuan digits (8万, １２, 80,000 元): the
// form then shows how it reads it.
export const moneyNeedsEcho = (text) => text.trim() !== '' && !/^\d+(\.\d{1,2})?$/.test(text.trim());

// A yuan text of digits with at most two decimals (as normalizeMoney gives) shown as the tables
// show amounts, 80,000.00; null when it is not one.
export function yuanDigits(text) {
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!m) return null;
  const whole = m[1].replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+$)/g, ',');
  return `${whole}.${(m[2] || '').padEnd(2, '0')}`;
}

export const yuanText = (fen) => (fen === null || fen === undefined ? '无' : `${yuan(fen)} 元`);

// A part of the total as a percentage ("38.3%"), for the bar and its legend only.
export function percentOf(part, whole) {
  if (!whole) return '0%';
  return `${((part * 100) / whole).toFixed(1)}%`;
}

export const TIERS = [
  { key: 'basic', name: '基本医保' },
  { key: 'critical', name: '大病保险' },
  { key: 'assistance', name: '医疗救助' },
  { key: 'reassistance', name: '再救助' },
  { key: 'out_of_pocket', name: '个人负担（含自费）' },
];

export const PROVENANCE = {
  stated: { label: '原文规定', note: '数字见于政策原文' },
  derived: { label: '依规推算', note: '由原文规定推算得出' },
  assumed: { label: '假设参数', note: '现有文件未载明，采用假设值，请核实' },
  given: { label: '用户填写', note: '使用您填写的金额或参数' },
  convention: { label: '计算约定', note: '文件没有写明怎样算，按本计算器的约定计算' },
  missing: { label: '未收录', note: '已收录的文件里没有这项标准，按 0 元计，结果可能高估个人负担' },
};

// 个人负担（含自费） split as staff read it: 政策范围内个人负担 and 自费.
export const BURDEN_PARTS = [
  { key: 'in_policy_burden', name: '其中政策范围内个人负担' },
  { key: 'self_paid', name: '其中自费' },
];

// Small DOM builder: el('p', {class: 'x'}, 'text', child...). Text only, never HTML strings.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    if (child instanceof Node) node.append(child);
    else if (tag === 'option') node.append(String(child));
    else node.append(...moneyNodes(String(child)));
  }
  return node;
}

// An amount with its unit ("38,344.00 元", "10 万元") in a sentence: kept on one line
// (app.css .money) with the punctuation after it, so a narrow screen or large text breaks the
// sentence around it, never inside.
export const MONEY = /-?\d[\d,]*(?:\.\d+)?\s?万?元[，。；、：）]?/g;
export function moneyNodes(text) {
  if (!text.includes('元')) return [text];
  const nodes = [];
  let at = 0;
  for (const match of text.matchAll(MONEY)) {
    if (match.index > at) nodes.push(text.slice(at, match.index));
    const span = document.createElement('span');
    span.className = 'money';
    span.textContent = match[0];
    nodes.push(span);
    at = match.index + match[0].length;
  }
  if (at < text.length) nodes.push(text.slice(at));
  return nodes;
}
