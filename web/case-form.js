// The form: builds its choices from cities(), reads it into a case (CONTRACT.md) and shows an
// error next to the field its `path` names. It never computes an amount.
import { covers, el, localToday, moneyNeedsEcho, normalizeMoney, yuanDigits } from './format.js';
import { ParameterPanel } from './parameter-panel.js';

const MONEY_FIELDS = ['total', 'in_policy', 'basic_paid', 'critical_paid'];
const VISIT_FIELDS = ['date', 'kind', 'hospital_level', 'designated', 'emergency', ...MONEY_FIELDS];
const CASE_FIELDS = ['scheme', 'identities', 'applied', 'parameters'];
const CONTROLS = new WeakMap();
// A visit from a link or a file: its values exactly as given, sent to the core as they are
// (a hospital_level of 4, "false" for designated, 90000.0000000000001) until the person edits
// that field, so that the core, not the form, decides what is allowed, and says so at the field.
const IMPORTED = new WeakMap();
const textOf = (value) => (JSON.isRawJSON?.(value) ? value.rawJSON : String(value));

// The date a new visit starts with: today, or the nearest date the city's rules cover.
export function defaultDateFor(city) {
  const today = localToday();
  const periods = city.periods || [];
  if (periods.length === 0 || periods.some((p) => covers(p, today))) return today;
  const before = periods.filter((p) => p.to && p.to < today).map((p) => p.to).sort();
  return before.length ? before[before.length - 1] : periods[0].from;
}

export class CaseForm {
  constructor(form, catalog, initialCity) {
    this.form = form;
    this.cities = catalog.cities;
    this.citySelect = form.querySelector('#city');
    this.visitList = form.querySelector('#visit-list');
    this.template = document.querySelector('#visit-template');
    this.listeners = [];
    this.shownErrors = [];
    this.parameters = new ParameterPanel(form.querySelector('#parameters'));
    this.applied = form.querySelector('#applied');

    for (const city of this.cities) this.citySelect.append(el('option', { value: city.id, selected: city.id === initialCity }, city.name));
    this.citySelect.addEventListener('change', () => this.applyCity());
    form.querySelector('#add-visit').addEventListener('click', () => this.addVisit());
    this.visitList.addEventListener('click', (event) => this.onVisitAction(event));
    form.addEventListener('input', (event) => this.onEdit(event));
    form.addEventListener('change', (event) => this.onEdit(event));

    this.applyCity();
    this.addVisit({ focus: false });
  }

  onChange(listener) { this.listeners.push(listener); }

  changed() { for (const listener of this.listeners) listener(); }

  onEdit(event) {
    const target = event.target;
    if (target.type === 'date') target.dataset.touched = 'yes';
    const visit = target.closest('.visit');
    if (visit) IMPORTED.get(visit)?.touched.add(target.closest('[data-field]')?.dataset.field);
    else if (this.imported) {
      const field = target === this.citySelect ? CASE_FIELDS
        : target.name === 'scheme' ? 'scheme' : target.name === 'identity' ? 'identities'
          : target === this.applied ? 'applied' : target.closest('#parameters') ? 'parameters' : null;
      for (const name of [field].flat()) this.imported.touched.add(name);
    }
    if (target === this.citySelect) return;  // applyCity reports it
    this.changed();
  }

  get city() { return this.cities.find((c) => c.id === this.citySelect.value); }

  defaultDate() { return defaultDateFor(this.city); }

  // Rebuilds the choices for the chosen city; keeps the scheme and categories chosen so far
  // unless `keep` names others (a case being restored).
  applyCity(keep = {}) {
    const city = this.city;
    const scheme = keep.scheme || this.form.querySelector('input[name="scheme"]:checked')?.value || 'resident';
    const chosen = new Set(keep.identities || this.selectedIdentities());

    const schemeBox = this.form.querySelector('#scheme');
    schemeBox.replaceChildren(...city.schemes.map((s) => this.choice('radio', 'scheme', s, s.id === scheme)));
    const firstScheme = schemeBox.querySelector('input');
    if (!schemeBox.querySelector(':checked') && firstScheme) firstScheme.checked = true;

    const identityBox = this.form.querySelector('#identities');
    identityBox.replaceChildren(...city.categories.map((c) => this.choice('checkbox', 'identity', c, chosen.has(c.id))));

    for (const visit of this.visitList.children) {
      this.fillKinds(visit);
      const date = this.input(visit, 'date');
      if (!date.dataset.touched) date.value = this.defaultDate();
    }
    this.showPeriod();
    this.changed();
  }

  choice(type, name, item, checked) {
    const id = `${name}-${item.id}`;
    return el('label', { class: 'choice', for: id },
      el('input', { type, name, id, value: item.id, checked }), ` ${item.name}`);
  }

  showPeriod() {
    const periods = this.city.periods || [];
    const first = this.visitList.querySelector('[data-field="date"] input')?.value || localToday();
    this.parameters.show(this.city, first);
    const period = periods.find((p) => covers(p, first)) || periods[periods.length - 1];
    const text = !period ? '' : `依据：${period.document}${period.title ? `《${period.title}》` : ''}，`
      + `${period.from} 起${period.to ? `至 ${period.to}` : '施行'}。`
      + (periods.length > 1 ? `（本市共收录 ${periods.length} 个时期的规定，按就诊日期自动选用。）` : '');
    this.form.querySelector('#city-period').textContent = text;
  }

  fillKinds(visit) {
    const select = this.input(visit, 'kind');
    const current = select.value || 'inpatient';
    select.replaceChildren(...this.city.kinds.map((k) => el('option', { value: k.id, selected: k.id === current }, k.name)));
  }

  selectedIdentities() {
    return [...this.form.querySelectorAll('input[name="identity"]:checked')].map((i) => i.value);
  }

  // A visit's control for `field`; the lookup is kept per visit element (read() runs on every
  // keystroke over every visit).
  input(visit, field) {
    let controls = CONTROLS.get(visit);
    if (!controls) {
      controls = {};
      for (const box of visit.querySelectorAll('[data-field]')) controls[box.dataset.field] = box.querySelector('input, select');
      CONTROLS.set(visit, controls);
    }
    return controls[field];
  }

  // A visit from the template, with the city's kinds to choose from.
  newVisit() {
    const visit = this.template.content.firstElementChild.cloneNode(true);
    this.fillKinds(visit);
    return visit;
  }

  addVisit({ after = null, focus = true } = {}) {
    const visit = this.newVisit();
    if (after) {
      for (const field of ['date', 'kind', 'hospital_level', ...MONEY_FIELDS]) this.input(visit, field).value = this.input(after, field).value;
      for (const field of ['designated', 'emergency']) this.input(visit, field).checked = this.input(after, field).checked;
      this.input(visit, 'date').dataset.touched = 'yes';
      after.after(visit);
    } else {
      this.input(visit, 'date').value = this.defaultDate();
      this.visitList.append(visit);
    }
    this.renumber();
    if (focus) this.input(visit, after ? 'date' : 'total').focus();
    this.changed();
  }

  onVisitAction(event) {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const visit = button.closest('.visit');
    if (button.dataset.action === 'duplicate') this.addVisit({ after: visit });
    if (button.dataset.action === 'remove' && this.visitList.children.length > 1) {
      const next = visit.nextElementSibling || visit.previousElementSibling;
      visit.remove();
      this.renumber();
      next.querySelector('legend').scrollIntoView({ block: 'nearest' });
      next.querySelector('button[data-action="duplicate"]').focus();
      this.changed();
    }
  }

  // Ids and labels follow the position, so an error path visits[i] finds its field.
  renumber() {
    const visits = [...this.visitList.children];
    visits.forEach((visit, i) => {
      visit.dataset.index = String(i);
      visit.querySelector('legend').textContent = `第 ${i + 1} 次就诊`;
      for (const field of visit.querySelectorAll('[data-field]')) {
        const id = `visit-${i}-${field.dataset.field}`;
        const control = field.querySelector('input, select');
        const error = field.querySelector('.field-error');
        control.id = id;
        error.id = `${id}-error`;
        control.setAttribute('aria-describedby', error.id);
        const label = field.querySelector('label');
        if (!label.contains(control)) label.htmlFor = id;
      }
      visit.querySelector('[data-action="remove"]').disabled = visits.length === 1;
      visit.querySelector('[data-action="remove"]').setAttribute('aria-label', `删除第 ${i + 1} 次就诊`);
      visit.querySelector('[data-action="duplicate"]').setAttribute('aria-label', `复制这次就诊（第 ${i + 1} 次）`);
    });
  }

  // Puts a case (from a link or a file) into the form and keeps its values as given (see
  // IMPORTED): a value the form cannot show (a category or parameter the city lacks, a hospital
  // level of 4) still goes to the core, whose error then shows at its field. Returns the problems
  // found, in Chinese: a city not on file stops it.
  fill(kase) {
    const city = this.cities.find((c) => c.id === kase.city);
    if (!city) return Object.assign([`没有收录城市“${kase.city}”；已收录：${this.cities.map((c) => c.name).join('、')}。`], { rejected: true });
    const scheme = typeof kase.scheme === 'string' ? kase.scheme : 'resident';
    const identities = Array.isArray(kase.identities) ? kase.identities.filter((id) => typeof id === 'string') : [];
    this.citySelect.value = city.id;
    this.visitList.replaceChildren();
    for (const given of kase.visits) {
      const visit = this.newVisit();
      const set = (field, value) => {
        if (value === undefined || value === null) return;
        const control = this.input(visit, field);
        control.value = textOf(value);
        if (control.value !== textOf(value)) control.value = '';  // a select or date cannot hold it: shown empty
      };
      set('date', given.date);
      this.input(visit, 'date').dataset.touched = 'yes';
      set('kind', given.kind);
      this.input(visit, 'hospital_level').value = '';
      set('hospital_level', given.hospital_level);
      for (const field of MONEY_FIELDS) set(field, given[field]);
      this.input(visit, 'designated').checked = given.designated !== false;
      this.input(visit, 'emergency').checked = given.emergency === true;
      IMPORTED.set(visit, { values: given, touched: new Set() });
      this.visitList.append(visit);
    }
    this.renumber();
    this.imported = { values: kase, touched: new Set() };
    this.applyCity({ scheme, identities });
    this.applied.value = typeof kase.applied === 'string' ? kase.applied : '';
    this.parameters.fill(kase.parameters || {});
    this.changed();
    return [];
  }

  // A visit as its controls say.
  visitFromControls(visit) {
    const entry = {};
    const date = this.input(visit, 'date').value;
    if (date) entry.date = date;
    const kind = this.input(visit, 'kind').value;
    if (kind) entry.kind = kind;
    const level = this.input(visit, 'hospital_level').value;
    if (level) entry.hospital_level = Number(level);
    if (!this.input(visit, 'designated').checked) entry.designated = false;
    if (this.input(visit, 'emergency').checked) entry.emergency = true;
    for (const field of MONEY_FIELDS) {
      const typed = this.input(visit, field).value;
      const text = normalizeMoney(typed);
      if (text !== '') entry[field] = text;
      echoMoney(this.input(visit, field), typed, text);
    }
    return entry;
  }

  // A visit as the core gets it: what was given in a link or file for the fields not edited since.
  readVisit(visit) {
    const typed = this.visitFromControls(visit);
    const imported = IMPORTED.get(visit);
    if (!imported) return typed;
    const entry = {};
    for (const field of VISIT_FIELDS) {
      const source = imported.touched.has(field) ? typed : imported.values;
      if (field in source) entry[field] = source[field];
    }
    return entry;
  }

  // The case as the core takes it, or null while no amount has been typed at all.
  read() {
    const visits = [...this.visitList.children].map((visit) => this.readVisit(visit));
    this.noteDateOrder(visits);
    const identities = this.selectedIdentities();
    const appliedField = this.form.querySelector('#applied-field');
    appliedField.hidden = !identities.includes('illness_poverty');
    if (visits.every((v) => v.total === undefined)) return null;
    this.showPeriod();
    const kase = { city: this.citySelect.value, scheme: this.form.querySelector('input[name="scheme"]:checked')?.value, identities };
    if (!appliedField.hidden && this.applied.value.trim()) kase.applied = this.applied.value.trim();
    const parameters = this.parameters.read();
    if (parameters) kase.parameters = parameters;
    // A link's or file's own values for what has not been edited since it was opened.
    const imported = this.imported;
    for (const field of imported ? CASE_FIELDS : []) {
      if (imported.touched.has(field)) continue;
      delete kase[field];
      if (field in imported.values) kase[field] = imported.values[field];
    }
    kase.visits = visits;
    return kase;
  }

  // Undoes what showError did (it keeps the list: a 50-visit form has 450 error slots).
  clearErrors() {
    for (const { slot, field, control } of this.shownErrors) {
      slot.hidden = true;
      slot.textContent = '';
      field?.classList.remove('has-error');
      control?.removeAttribute('aria-invalid');
    }
    this.shownErrors = [];
  }

  // Finds the field a path like "visits[1].in_policy" names; falls back to the nearest whole.
  fieldFor(path) {
    if (path.startsWith('parameters.')) return this.parameters.fieldFor(path.slice('parameters.'.length));
    const visit = /^visits\[(\d+)\](?:\.(\w+))?/.exec(path);
    if (visit) {
      const node = this.visitList.children[Number(visit[1])];
      if (node) return node.querySelector(`[data-field="${visit[2]}"]`) || node.querySelector('[data-field="total"]');
      return this.form.querySelector('[data-path="visits"]');
    }
    const head = path.split(/[.[]/)[0];
    return head ? this.form.querySelector(`[data-path="${head}"]`) : null;
  }

  // Visits are numbered as typed; the core takes a year's visits in date order (CONTRACT.md).
  noteDateOrder(visits) {
    const dates = visits.map((v) => v.date || '');
    const sorted = dates.every((d, i) => i === 0 || dates[i - 1] <= d);
    let note = this.form.querySelector('#visits-order');
    if (!note) {
      note = el('p', { id: 'visits-order', class: 'hint visits-order', role: 'note' });
      this.visitList.before(note);
    }
    note.hidden = sorted;
    note.textContent = sorted ? '' : '就诊日期不是按先后顺序填写的：计算时按日期先后累计起付线和年度限额，编号仍按填写的顺序。';
  }

  showError(error) {
    pageWordsForAmount(error, this.fieldFor(error.path));
    const { path, message } = error;
    const field = this.fieldFor(path);
    const slot = field?.querySelector(':scope > .field-error') || field?.querySelector('.field-error') || this.form.querySelector('#form-error');
    slot.textContent = message;
    slot.hidden = false;
    for (let fold = slot.closest('details'); fold; fold = fold.parentElement.closest('details')) fold.open = true;
    const control = field?.querySelector('input:not([type=radio]):not([type=checkbox]), select');
    field?.classList.add('has-error');
    control?.setAttribute('aria-invalid', 'true');
    this.shownErrors.push({ slot, field, control });
    return slot;
  }
}

// Under an amount typed other than as plain digits: how the page reads it ("8万" → 80,000.00 元).
function echoMoney(input, typed, text) {
  let echo = input.nextElementSibling?.classList.contains('money-echo') ? input.nextElementSibling : null;
  const shown = moneyNeedsEcho(typed) ? yuanDigits(text) : null;
  if (!shown) {
    if (echo) echo.hidden = true;
    return;
  }
  if (!echo) {
    echo = el('p', { class: 'hint money-echo', 'aria-live': 'polite' });
    input.after(echo);
  }
  echo.hidden = false;
  echo.replaceChildren('按 ', el('span', { class: 'money' }, `${shown} 元`), ' 计算');
}

const LARGEST_YUAN = 100000000;  // the core's largest amount (core/include/settle/money.h)

// The core's words for an amount it cannot read give JSON examples; in the form the person typed
// into a box, so the page says it in the box's terms (an amount the core refuses for size keeps
// the core's message). Rewrites error.message so that the result line says the same.
function pageWordsForAmount(error, field) {
  const name = /^visits\[\d+\]\.(\w+)$/.exec(error.path)?.[1];
  if (!MONEY_FIELDS.includes(name)) return;
  const typed = field?.querySelector('input')?.value ?? '';
  const text = normalizeMoney(typed);
  const digits = /^(\d+)(?:\.\d*)?$/.exec(text);
  if (digits && BigInt(digits[1]) > BigInt(LARGEST_YUAN)) {
    error.message = '金额超过允许的最大值 100,000,000 元（1 亿元），请核对位数';
  } else if (!digits && !/^-/.test(text)) {
    error.message = '金额请写成数字，例如 12345、12345.67、8万或 8.5万元（单位：元）';
  }
}
