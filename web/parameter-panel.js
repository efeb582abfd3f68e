// 政策参数: every parameter the engine can use for the chosen city and period (cities()), each
// with its plain Chinese label, its value or 未收录, its source and badge; a person may type a
// value (and where it comes from, e.g. a document number) for any of them. Sent as the case's
// "parameters" ({"value", "source"} when a source is typed); the core marks such values 用户填写.
// Empty inputs send nothing, so the rules on file apply. Never shows a parameter id.
import { covers, el, localToday, normalizeMoney, PROVENANCE } from './format.js';

const UNIT = { yuan: '元', percent: '如 80%', months: '个月' };

export function valueText(parameter) {
  const value = parameter.value;
  if (value === null || value === undefined) return parameter.if_missing === 'not_reached' ? '未收录（粗估按未达到计算）' : '未收录';
  if (value === 'none') return '不设上限';
  if (parameter.unit === 'yuan') return `${value} 元`;
  if (parameter.unit === 'months') return `${value} 个月`;
  return String(value);
}

export const sourceText = (source) => (source ? [source.document, source.clause].filter(Boolean).join(' ') : '');

export function normalize(text, unit) {
  const value = text.trim();
  if (/^(none|不设|无)$/i.test(value)) return 'none';
  if (unit === 'yuan') return normalizeMoney(value);
  if (unit === 'percent' && /^\d+(\.\d+)?$/.test(value)) return `${value}%`;
  if (unit === 'months' && /^\d+$/.test(value)) return Number(value);
  return value;
}

// The rows are built when the panel is first opened (or a message must be shown in one): most
// people never open it, and the city pages' periods have up to a hundred parameters. Until then
// what was typed lives in `typed` (value, source and the day it was entered, per id), which is
// also what read() sends.
export class ParameterPanel {
  constructor(panel) {
    this.panel = panel;
    this.missingList = panel.querySelector('#parameters-missing');
    this.otherList = panel.querySelector('#parameters-other');
    this.typed = new Map();
    this.key = '';
    this.period = null;
    this.parameters = [];
    this.built = false;
    this.listeners = [];
    panel.addEventListener('toggle', () => { if (panel.open) this.build(); });
  }

  // Called with no argument whenever a typed value or source changes here.
  onEdit(listener) { this.listeners.push(listener); }

  // Shows the parameters of the period in force on `date` (kept typed values follow their id).
  show(city, date) {
    const periods = city.periods || [];
    const period = periods.find((p) => covers(p, date)) || periods[periods.length - 1];
    const key = `${city.id}@${period?.from}`;
    if (key === this.key) return;
    if (!this.key.startsWith(`${city.id}@`)) this.typed.clear();
    this.key = key;
    this.city = city;
    this.period = period || null;
    this.parameters = period?.parameters || [];
    this.panel.hidden = this.parameters.length === 0;
    this.built = false;
    if (this.panel.open) this.build();
  }

  parameter(id) { return this.parameters.find((p) => p.id === id); }

  // A parameter's plain Chinese name (never its id).
  labelOf(id) { return this.parameter(id)?.label || '一项本地标准'; }

  // Called before the rows are first built: the catalog may hold the parameters without their
  // notes and sources (catalog.json), which `complete` adds (app.js: completeCatalog).
  beforeBuild(complete) { this.complete = complete; }

  build() {
    if (this.built) return;
    this.built = true;
    this.complete?.();
    const row = (p) => this.row(p);
    const missing = this.parameters.filter((p) => p.value === null);
    this.missingList.replaceChildren(...missing.map(row));
    this.missingList.previousElementSibling.hidden = missing.length === 0;
    this.otherList.replaceChildren(...this.parameters.filter((p) => p.value !== null).map(row));
  }

  row(parameter) {
    const id = `param-${parameter.id.replace(/[^\w-]/g, '_')}`;
    const typed = this.typed.get(parameter.id) || {};
    const input = el('input', {
      type: 'text', id, 'data-param': parameter.id, 'data-unit': parameter.unit,
      inputmode: parameter.unit === 'percent' ? 'text' : 'decimal',
      placeholder: `填写本地标准（${UNIT[parameter.unit] || ''}）`,
      'aria-describedby': `${id}-now ${id}-note ${id}-error`,
    });
    const source = el('input', {
      type: 'text', id: `${id}-source`, 'data-param-source': parameter.id, maxlength: '60',
      placeholder: '例如 文号', 'aria-describedby': `${id}-now`,
    });
    input.value = typed.value || '';
    source.value = typed.source || '';
    const now = el('p', { class: 'param-now', id: `${id}-now` });
    const field = el('li', { class: 'field param', 'data-param-field': parameter.id },
      el('label', { for: id }, parameter.label),
      now,
      input,
      el('div', { class: 'param-source' }, el('label', { for: `${id}-source` }, '来源（选填）'), source),
      el('p', { class: 'hint', id: `${id}-note` }, parameter.note || ''),
      el('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
    const edit = () => {
      this.setTyped(parameter.id, input.value, source.value, { fromRow: true });
      this.describeRow(field, parameter);
      for (const listener of this.listeners) listener();
    };
    input.addEventListener('input', edit);
    source.addEventListener('input', edit);
    this.describeRow(field, parameter);
    return field;
  }

  // The row's current line: the value in use, its badge and its source.
  describeRow(field, parameter) {
    const typed = this.typed.get(parameter.id);
    const now = field.querySelector('.param-now');
    if (typed && typed.value.trim() !== '') {
      now.replaceChildren('现用：', el('span', { class: 'badge prov-given' }, PROVENANCE.given.label),
        ` ${typed.value.trim()}`, typed.source.trim() ? `（来源：${typed.source.trim()}）` : '（未填写来源）',
        `；已收录：${valueText(parameter)}`);
      return;
    }
    const prov = PROVENANCE[parameter.provenance];
    const source = sourceText(parameter.source);
    now.replaceChildren('现用：', prov ? el('span', { class: `badge prov-${parameter.provenance}` }, prov.label) : '',
      prov ? ' ' : '', valueText(parameter), source ? `（${prov ? '依据' : '所在文件'}：${source}）` : '');
  }

  // What was typed for an id: { value, source, entered } (texts), or undefined.
  get(id) { return this.typed.get(id); }

  // Sets a typed value (and source) for an id; the day it was first entered is kept.
  setTyped(id, value, source = this.typed.get(id)?.source || '', { entered, fromRow = false } = {}) {
    const before = this.typed.get(id);
    if (String(value).trim() === '' && String(source).trim() === '') this.typed.delete(id);
    else this.typed.set(id, { value: String(value), source: String(source), entered: entered || before?.entered || localToday() });
    if (fromRow) return;
    const input = this.panel.querySelector(`input[data-param="${CSS.escape(id)}"]`);
    if (input) {
      input.value = String(value);
      this.panel.querySelector(`input[data-param-source="${CSS.escape(id)}"]`).value = String(source);
      this.describeRow(input.closest('[data-param-field]'), this.parameter(id));
    }
  }

  // Replaces every typed value at once (a case being restored, a local set being applied).
  // entries: {id: value | {value, source, entered}}. Returns the problems found, in Chinese.
  fill(values) {
    for (const id of [...this.typed.keys()]) this.setTyped(id, '', '');
    let unknown = 0;
    for (const [id, entry] of Object.entries(values)) {
      if (!this.parameter(id)) { unknown += 1; continue; }
      const given = entry !== null && typeof entry === 'object' ? entry : { value: entry };
      this.setTyped(id, given.value === undefined || given.value === null ? '' : String(given.value), given.source ? String(given.source) : '', { entered: given.entered });
    }
    return unknown ? [`有 ${unknown} 项参数不属于这个城市和时期，已略去。`] : [];
  }

  // The typed entries of this period: [{ id, label, value, source, entered }] (value as typed).
  entries() {
    return this.parameters.filter((p) => this.typed.get(p.id)?.value.trim())
      .map((p) => ({ id: p.id, label: p.label, unit: p.unit, ...this.typed.get(p.id) }));
  }

  read() {
    const values = {};
    for (const p of this.parameters) {
      const typed = this.typed.get(p.id);
      if (!typed || typed.value.trim() === '') continue;
      const value = normalize(typed.value, p.unit);
      values[p.id] = typed.source.trim() ? { value, source: typed.source.trim() } : value;
    }
    return Object.keys(values).length ? values : undefined;
  }

  // The row for parameters.<id>, opened so the message is seen; the panel itself otherwise.
  fieldFor(id) {
    this.build();
    const field = [...this.panel.querySelectorAll('[data-param-field]')].find((f) => f.dataset.paramField === id);
    this.panel.open = true;
    if (field) field.closest('details.param-more')?.setAttribute('open', '');
    return field || this.panel;
  }

  // Opens a parameter's row, brings it into view and puts the cursor in it (a link in a message).
  open(id) {
    const field = this.fieldFor(id);
    field.scrollIntoView({ block: 'center' });
    field.querySelector('input')?.focus({ preventScroll: true });
    return field;
  }
}
