// 本地参数: the local standards a person typed for a city, kept as a named set (name, city,
// period, each value with the source they typed and the day it was entered). Nothing is stored
// until they press 保存到本机 (then in this browser's localStorage); a set can be renamed,
// exported as a file, imported, removed and shared as a link (#params=<base64url JSON>, in the
// fragment, which browsers never send to a server). A set from a file, a link or this browser is
// checked by the engine exactly as a case's parameters before anything of it is applied.
import { el, localToday } from './format.js';
import { normalize } from './parameter-panel.js';
import { toBase64Url, fromBase64Url } from './share.js';

export const SET_FORMAT = 'settle-local-parameters';
const STORAGE_KEY = 'settle-local-parameters';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_NAME = 60;

export class SetError extends Error {}

// A set's JSON (a file, a link or storage) checked for shape against the catalog; throws
// SetError with a plain Chinese message. Returns the set, normalised.
export function checkSet(doc, catalog) {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || doc.format !== SET_FORMAT) {
    throw new SetError('这不是本计算器的本地参数文件。');
  }
  if (typeof doc.name !== 'string' || !doc.name.trim() || doc.name.length > MAX_NAME) throw new SetError(`本地参数缺少名称，或名称超过 ${MAX_NAME} 个字。`);
  const city = catalog.cities.find((c) => c.id === doc.city);
  if (!city) throw new SetError(`“${doc.name}”所属的城市没有收录；已收录：${catalog.cities.map((c) => c.name).join('、')}。`);
  const period = (city.periods || []).find((p) => p.from === doc.period);
  if (!period) throw new SetError(`“${doc.name}”适用的规定时期不在已收录的${city.name}规定中。`);
  if (!doc.values || typeof doc.values !== 'object' || Array.isArray(doc.values) || Object.keys(doc.values).length === 0) {
    throw new SetError(`“${doc.name}”里没有任何本地标准。`);
  }
  const values = {};
  let foreign = 0;
  for (const [id, entry] of Object.entries(doc.values)) {
    const parameter = period.parameters.find((p) => p.id === id);
    if (!parameter) { foreign += 1; continue; }
    if (!entry || typeof entry !== 'object' || Array.isArray(entry) || !['string', 'number'].includes(typeof entry.value)
      || (entry.source !== undefined && typeof entry.source !== 'string')
      || (entry.entered !== undefined && !(typeof entry.entered === 'string' && DATE.test(entry.entered)))) {
      throw new SetError(`“${doc.name}”中“${parameter.label}”一项已损坏。`);
    }
    values[id] = { value: entry.value, source: entry.source || '', entered: entry.entered || '' };
  }
  if (foreign) throw new SetError(`“${doc.name}”中有 ${foreign} 项不是${city.name}这一时期规定里的本地标准。`);
  const known = new Set(['format', 'version', 'name', 'city', 'period', 'saved', 'values']);
  if (Object.keys(doc).some((k) => !known.has(k))) throw new SetError(`“${doc.name}”中有计算器不认识的内容。`);
  return { format: SET_FORMAT, version: 1, name: doc.name.trim(), city: city.id, period: period.from,
    saved: typeof doc.saved === 'string' && DATE.test(doc.saved) ? doc.saved : '', values };
}

// The case's "parameters" for a set's values.
export function parametersOf(set) {
  return Object.fromEntries(Object.entries(set.values).map(([id, e]) => [id, e.source ? { value: e.value, source: e.source } : e.value]));
}

// The engine's word on a set, as on a case's parameters: null, or the message (naming the
// parameter's label) of the first value it refuses. A case still missing other numbers is fine.
export function engineRefusal(api, catalog, set) {
  const city = catalog.cities.find((c) => c.id === set.city);
  const period = city.periods.find((p) => p.from === set.period);
  const probe = { city: set.city, parameters: parametersOf(set), visits: [{ date: set.period, total: '10000', hospital_level: 3 }] };
  const { error } = api.trySettle(probe, { steps: false });
  if (!error || error.code === 'parameters_missing') return null;
  const ids = Object.keys(set.values);
  const id = ids.find((k) => error.path === `parameters.${k}`) || ids.find((k) => error.path.startsWith(`parameters.${k}.`));
  const label = period.parameters.find((p) => p.id === id)?.label;
  return label ? `“${label}”填写的值不对：${error.message}` : error.message;
}

export const linkFor = (set, base = `${location.origin}${location.pathname}${location.search}`) => `${base}#params=${toBase64Url(JSON.stringify(set))}`;

// The set of a #params= fragment (unchecked), null when there is none; SetError when damaged.
export function setFromFragment(hash) {
  const match = /^#params=([A-Za-z0-9_-]*)$/.exec(hash || '');
  if (!match) return null;
  try {
    return JSON.parse(fromBase64Url(match[1]));
  } catch {
    throw new SetError('链接中的本地参数已损坏（可能没有复制完整），请重新复制整个链接。');
  }
}

function readStore() {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    const list = text ? JSON.parse(text) : [];
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

function writeStore(list) {
  if (list.length) localStorage.setItem(STORAGE_KEY, JSON.stringify(list));
  else localStorage.removeItem(STORAGE_KEY);
}

// The 本地参数 section of the 政策参数 panel, and the line at the top of the result.
export class ParameterSets {
  constructor({ api, catalog, form, section, banner }) {
    this.api = api;
    this.catalog = catalog;
    this.form = form;
    this.panel = form.parameters;
    this.banner = banner;
    this.nameField = section.querySelector('#set-name');
    this.status = section.querySelector('#sets-status');
    this.list = section.querySelector('#set-list');
    this.active = null;  // { set, saved }
    const file = section.querySelector('#import-set-file');
    section.querySelector('#save-set').addEventListener('click', () => this.save());
    section.querySelector('#import-set').addEventListener('click', () => file.click());
    file.addEventListener('change', async () => {
      const [chosen] = file.files;
      file.value = '';
      if (!chosen) return;
      const text = await chosen.text();
      this.open(() => {
        try {
          return JSON.parse(text);
        } catch {
          throw new SetError(`“${chosen.name}”不是有效的 JSON，无法读取。`);
        }
      }, '已导入');
    });
    this.renderList();
    section.dataset.ready = 'yes';
  }

  say(text, isError = false, ...extra) {
    this.status.replaceChildren(text, ...extra);
    this.status.classList.toggle('is-error', isError);
  }

  // The set that the typed values of the city and period shown would make.
  current(name) {
    const city = this.form.city;
    const values = {};
    for (const e of this.panel.entries()) values[e.id] = { value: normalize(e.value, e.unit), source: e.source.trim(), entered: e.entered };
    return { format: SET_FORMAT, version: 1, name, city: city.id, period: this.panel.period?.from, saved: localToday(), values };
  }

  save() {
    const name = this.nameField.value.trim() || this.active?.set.name || `${this.form.city.name}本地参数 ${localToday()}`;
    const set = this.current(name.slice(0, MAX_NAME));
    if (Object.keys(set.values).length === 0) return this.say('还没有填写任何本地标准，没有可保存的。', true);
    const refusal = engineRefusal(this.api, this.catalog, set);
    if (refusal) return this.say(`没有保存：${refusal}`, true);
    const list = readStore();
    const at = list.findIndex((s) => s.name === set.name && s.city === set.city);
    if (at >= 0) list[at] = set; else list.push(set);
    try {
      writeStore(list);
    } catch {
      return this.say('没有保存：这个浏览器不允许在本机保存（可能是隐私模式）。可以改用“导出”保存为文件。', true);
    }
    this.active = { set, saved: true };
    this.nameField.value = set.name;
    this.say(`已把“${set.name}”（${Object.keys(set.values).length} 项）保存在这台设备的浏览器里。`);
    this.renderList();
    this.follow();
  }

  // Checks a set (shape, then the engine) and applies all of it, or nothing.
  apply(doc, { saved = false } = {}) {
    const set = checkSet(doc, this.catalog);
    const refusal = engineRefusal(this.api, this.catalog, set);
    if (refusal) throw new SetError(`“${set.name}”未采用：${refusal}`);
    const city = this.catalog.cities.find((c) => c.id === set.city);
    const period = city.periods.find((p) => p.from === set.period);
    const visit = this.form.visitList.children[0];
    const date = visit && this.form.input(visit, 'date');
    const inPeriod = (d) => d >= period.from && (!period.to || d <= period.to);
    if (date && !inPeriod(date.value) && this.form.read() !== null && this.form.city.id === set.city) {
      throw new SetError(`“${set.name}”适用于 ${period.from} 起施行的规定，第 1 次就诊的日期不在这一时期；请先改就诊日期再使用。`);
    }
    if (this.form.city.id !== city.id) {
      this.form.citySelect.value = city.id;
      this.form.applyCity();
    }
    if (date && !inPeriod(date.value)) {
      const today = localToday();
      date.value = inPeriod(today) ? today : period.to || period.from;
    }
    this.form.showPeriod();
    this.panel.fill(set.values);
    this.active = { set, saved };
    this.nameField.value = set.name;
    this.form.changed();
    return set;
  }

  // read() gives the set's JSON or throws SetError; done: what to say once applied.
  open(read, done, { saved = false } = {}) {
    try {
      const set = this.apply(read(), { saved });
      this.say(`${done}“${set.name}”：${Object.keys(set.values).length} 项本地标准已填入。${saved ? '' : '尚未保存到本机；需要下次使用请点“保存到本机”。'}`);
      return true;
    } catch (error) {
      if (!(error instanceof SetError)) throw error;
      const message = error.message.replace(/[。.]?$/, '。');
      this.say(`无法使用：${message}原来填写的内容没有改动。`, true);
      this.showBanner(`无法使用本地参数：${message}`, true);
      return false;
    }
  }

  openFragment() {
    if (!location.hash.startsWith('#params=')) return;
    const hash = location.hash;
    this.open(() => setFromFragment(hash), '已打开链接中的本地参数');
  }

  // After each recompute: the line at the top of the result says which set is in use.
  follow() {
    const active = this.active;
    if (active && (active.set.city !== this.form.city.id || this.panel.entries().length === 0)) this.active = null;
    if (!this.active) {
      if (!this.bannerError) this.banner.hidden = true;
      this.bannerError = false;
      return;
    }
    const now = this.current(active.set.name).values;
    const same = (a, b) => String(a.value) === String(b.value) && (a.source || '') === (b.source || '');
    const changed = Object.keys(now).length !== Object.keys(active.set.values).length
      || Object.entries(now).some(([id, v]) => !active.set.values[id] || !same(v, active.set.values[id]));
    const parts = [`正在使用本地参数：${active.set.name}`];
    if (changed) parts.push('（已改动，改动尚未保存）');
    else if (!active.saved) parts.push('（尚未保存到本机）');
    const save = el('button', { type: 'button', class: 'button secondary' }, '保存到本机');
    save.addEventListener('click', () => { this.nameField.value = active.set.name; this.save(); });
    // Its values, each 用户填写 with the source typed for it.
    const list = el('details', { class: 'set-values' }, el('summary', {}, `查看 ${Object.keys(now).length} 项`),
      el('ul', {}, this.panel.entries().map((e) => el('li', {}, el('span', { class: 'badge prov-given' }, '用户填写'),
        ` ${e.label}：${e.value.trim()}${e.unit === 'yuan' && /\d$/.test(e.value.trim()) ? ' 元' : ''}${e.source.trim() ? `（来源：${e.source.trim()}）` : '（未填写来源）'}`))));
    this.showBanner(parts.join(''), false, list, changed || !active.saved ? save : null);
    this.bannerError = false;
  }

  showBanner(text, isError, ...extra) {
    this.banner.replaceChildren(el('span', {}, text), ...extra.filter(Boolean));
    this.banner.classList.toggle('is-error', isError);
    this.banner.hidden = false;
    this.bannerError = isError;
  }

  renderList() {
    const list = readStore();
    this.list.previousElementSibling.hidden = list.length === 0;
    const cityName = (id) => this.catalog.cities.find((c) => c.id === id)?.name || '未收录的城市';
    this.list.replaceChildren(...list.map((set, i) => {
      const id = `set-${i}-name`;
      const name = el('input', { type: 'text', id, value: set.name, maxlength: String(MAX_NAME) });
      const button = (text, action) => {
        const b = el('button', { type: 'button', class: 'button secondary', 'aria-label': `${text}“${set.name}”` }, text);
        b.addEventListener('click', action);
        return b;
      };
      const count = Object.keys(set.values || {}).length;
      return el('li', { class: 'set-item', 'data-set': set.name },
        el('label', { for: id }, '名称'), name,
        el('p', { class: 'hint' }, `${cityName(set.city)}，${set.period} 起施行的规定，${count} 项，保存于 ${set.saved || '—'}`),
        el('div', { class: 'set-actions' },
          button('使用', () => this.open(() => set, '已使用', { saved: true })),
          button('重命名', () => this.rename(i, name.value)),
          button('导出', () => this.download(set)),
          button('复制链接', () => this.copyLink(set)),
          button('删除', () => this.remove(i))));
    }));
  }

  rename(index, text) {
    const name = text.trim().slice(0, MAX_NAME);
    const list = readStore();
    const set = list[index];
    if (!set) return;
    if (!name) return this.say('名称不能为空。', true);
    if (list.some((s, i) => i !== index && s.name === name && s.city === set.city)) return this.say(`已有一组名为“${name}”的本地参数。`, true);
    const old = set.name;
    set.name = name;
    writeStore(list);
    if (this.active && this.active.set.name === old && this.active.set.city === set.city) {
      this.active.set = { ...this.active.set, name };
      this.nameField.value = name;
    }
    this.say(`已把“${old}”改名为“${name}”。`);
    this.renderList();
    this.follow();
  }

  remove(index) {
    const list = readStore();
    const [set] = list.splice(index, 1);
    if (!set) return;
    writeStore(list);
    if (this.active && this.active.set.name === set.name && this.active.set.city === set.city) this.active.saved = false;
    this.say(`已从本机删除“${set.name}”。页面上已填写的数没有改动。`);
    this.renderList();
    this.follow();
  }

  download(set) {
    const blob = new Blob([`${JSON.stringify(set, null, 2)}\n`], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = el('a', { href: url, download: `local-parameters-${set.city}-${set.period}.json`.replace(/[^\w.-]/g, '_') });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    this.say(`已导出“${set.name}”（文件只保存在您的设备上）。`);
  }

  async copyLink(set) {
    const url = linkFor(set);
    const field = el('input', { type: 'text', readonly: true, value: url, 'aria-label': `“${set.name}”的链接`, class: 'set-link' });
    try {
      await navigator.clipboard.writeText(url);
      this.say(`“${set.name}”的链接已复制。打开链接的人会看到这组本地参数，点“保存到本机”后才会保存。`, false, field);
    } catch {
      this.say(`“${set.name}”的链接如下，请手动复制：`, false, field);
    }
    field.select();
  }
}
