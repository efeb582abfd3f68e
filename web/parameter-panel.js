// 政策参数: lets a person supply a parameter the rules on file lack (the core names it in its
// error as parameters.<id>) or try another value. Sent as the case's "parameters"; the core marks
// such values 用户填写. Empty inputs send nothing, so the rules on file apply.
import { covers, el, normalizeMoney, PROVENANCE } from './format.js';

const TIER = {
  basic: '基本医保', critical: '大病保险', special_drug: '大病保险特殊药品', assistance: '医疗救助',
  reassistance: '再救助', early_warning: '高额费用预警',
};
const GROUP = {
  employee: '职工', resident: '居民', tilted: '困难群众（倾斜）', general: '普通参保人员',
  edge: '低保边缘、监测对象', tier1: '一类人员', tier2: '二类人员',
  level1: '一级医院', level2: '二级医院', level3: '三级医院', income: '全省居民人均可支配收入', share: '预警线',
};
const FIELD = {
  deductible: '起付线', ratio: '支付比例', cap: '年度限额', look_back: '追溯月数',
  repeat_deductible_share: '再次住院起付线比例', to: '上限',
};
const UNIT = { yuan: '元', percent: '如 80%', months: '个月' };

// "critical.resident.tilted.bands[1].ratio" -> "大病保险 · 居民 · 困难群众（倾斜） · 第 2 段 · 支付比例"
export function describe(id, categories) {
  return id.split('.').map((part, i) => {
    const band = /^bands\[(\d+)\]$/.exec(part);
    if (band) return `第 ${Number(band[1]) + 1} 段`;
    if (i === 0) return TIER[part] || part;
    if (/^\d{4}$/.test(part)) return `${part} 年`;
    return categories[part] || GROUP[part] || FIELD[part] || part;
  }).join(' · ');
}

function normalize(text, unit) {
  const value = text.trim();
  if (/^(none|不设|无)$/i.test(value)) return 'none';
  if (unit === 'yuan') return normalizeMoney(value);
  if (unit === 'percent' && /^\d+(\.\d+)?$/.test(value)) return `${value}%`;
  if (unit === 'months' && /^\d+$/.test(value)) return Number(value);
  return value;
}

// The rows are built when the panel is first opened (or a message must be shown in one): most
// people never open it, and the city pages' periods have up to a hundred parameters. Until then
// what was typed lives in `typed` (restored cases), which is also what read() sends.
export class ParameterPanel {
  constructor(panel) {
    this.panel = panel;
    this.missingList = panel.querySelector('#parameters-missing');
    this.otherList = panel.querySelector('#parameters-other');
    this.typed = new Map();
    this.key = '';
    this.parameters = [];
    this.labels = {};
    this.built = false;
    panel.addEventListener('toggle', () => { if (panel.open) this.build(); });
  }

  // Shows the parameters of the period in force on `date` (kept typed values follow their id).
  show(city, date) {
    const periods = city.periods || [];
    const period = periods.find((p) => covers(p, date)) || periods[periods.length - 1];
    const key = `${city.id}@${period?.from}`;
    if (key === this.key) return;
    if (!this.key.startsWith(`${city.id}@`)) this.typed.clear();
    this.key = key;
    this.labels = Object.fromEntries(city.categories.map((c) => [c.id, c.name]));
    this.parameters = period?.parameters || [];
    this.panel.hidden = this.parameters.length === 0;
    this.built = false;
    if (this.panel.open) this.build();
  }

  build() {
    if (this.built) return;
    this.built = true;
    const row = (p) => this.row(p, describe(p.id, this.labels));
    const missing = this.parameters.filter((p) => p.value === null);
    this.missingList.replaceChildren(...missing.map(row));
    this.missingList.previousElementSibling.hidden = missing.length === 0;
    this.otherList.replaceChildren(...this.parameters.filter((p) => p.value !== null).map(row));
  }

  row(parameter, label) {
    const id = `param-${parameter.id.replace(/[^\w-]/g, '_')}`;
    const prov = PROVENANCE[parameter.provenance];
    const input = el('input', {
      type: 'text', id, 'data-param': parameter.id, 'data-unit': parameter.unit,
      inputmode: parameter.unit === 'percent' ? 'text' : 'decimal',
      placeholder: parameter.value === null ? `缺少（${UNIT[parameter.unit] || ''}）` : `${parameter.value}${parameter.unit === 'yuan' && parameter.value !== 'none' ? ' 元' : ''}`,
      'aria-describedby': `${id}-note ${id}-error`,
    });
    input.value = this.typed.get(parameter.id) || '';
    input.addEventListener('input', () => this.typed.set(parameter.id, input.value));
    const source = parameter.source ? [parameter.source.document, parameter.source.clause].filter(Boolean).join(' ') : '';
    return el('li', { class: 'field param', 'data-param-field': parameter.id },
      el('label', { for: id }, label),
      input,
      el('p', { class: 'hint', id: `${id}-note` },
        prov ? `${prov.label}。` : '缺少。', source ? `${source}。` : '', parameter.note || ''),
      el('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
  }

  // Sets typed values (a case being restored) on the period shown; returns ids it has no row for.
  fill(values) {
    this.typed.clear();
    const problems = [];
    for (const [id, value] of Object.entries(values)) {
      if (!this.parameters.some((p) => p.id === id)) { problems.push(`参数“${id}”不属于这个城市和时期，已略去。`); continue; }
      this.typed.set(id, String(value));
    }
    for (const input of this.panel.querySelectorAll('input[data-param]')) input.value = this.typed.get(input.dataset.param) || '';
    return problems;
  }

  read() {
    const values = {};
    for (const p of this.parameters) {
      const text = this.typed.get(p.id) || '';
      if (text.trim() !== '') values[p.id] = normalize(text, p.unit);
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
}
