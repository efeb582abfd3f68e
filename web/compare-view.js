// 各身份对比: the same bills settled once per category of the city (and once as 普通参保人员),
// so 就高不重复 can be seen: a person with several categories gets the one row whose
// 大病保险 + 医疗救助 + 再救助 is highest, never a sum of rows. Every figure is the core's.
// Rows are settled one per task after the main result is on screen, so typing never waits for them.
import { el, yuan, TIERS } from './format.js';

const BENEFIT = ['critical', 'assistance', 'reassistance'];

export class CompareView {
  constructor(api) {
    this.api = api;
    this.run = 0;
  }

  cancel() { this.run += 1; }

  show(section, kase, city, settlement) {
    const run = ++this.run;
    const chosen = new Set(kase.identities || []);
    const categories = [{ id: 'general', name: '普通参保人员（不属于以上类别）' }, ...city.categories];
    const cells = (text) => TIERS.map(() => el('td', { class: 'num' }, text));
    const rows = categories.map((c) => el('tr', { 'data-category': c.id },
      el('th', { scope: 'row' }, c.name), cells('…'), el('td', { class: 'num benefit' }, '…')));
    section.dataset.done = 'no';
    section.replaceChildren(
      el('h3', { id: 'compare-title' }, '各身份对比（同样的费用）'),
      el('p', { class: 'hint' }, '按每一种身份分别计算同样的就诊记录。同时有几种身份时“就高不重复”：取“大病保险 + 医疗救助 + 再救助”合计最高的一种，不叠加。'),
      el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': '各身份对比，可左右滚动' },
        el('table', { class: 'compare-table' },
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, '身份'),
            TIERS.map((t) => el('th', { scope: 'col' }, t.name)), el('th', { scope: 'col' }, '三项合计'))),
          el('tbody', {}, rows))));

    const next = (i) => {
      if (run !== this.run) return;
      if (i === categories.length) return this.finish(section, categories, rows, chosen, settlement);
      const id = categories[i].id;
      // Totals only: the steps would be parsed for nothing.
      const answer = this.api.trySettle({ ...kase, identities: id === 'general' ? [] : [id] }, { steps: false });
      fillRow(rows[i], answer);
      setTimeout(() => next(i + 1), 0);
    };
    setTimeout(() => next(0), 0);
  }

  // Marks, once all rows are in, the category applied and the others the person chose (the
  // applied one is by definition the highest of those chosen).
  finish(section, categories, rows, chosen, settlement) {
    categories.forEach((c, i) => {
      const row = rows[i];
      const head = row.querySelector('th');
      if (c.id === settlement.identity) {
        row.classList.add('is-applied');
        head.append(el('span', { class: 'tag tag-applied' }, '本次采用'));
      } else if (chosen.has(c.id)) {
        head.append(el('span', { class: 'tag tag-chosen' }, '已选，合计较低未采用'));
      }
    });
    section.dataset.done = 'yes';
  }
}

const benefitOf = (totals) => BENEFIT.reduce((sum, key) => sum + totals[key], 0);

function fillRow(row, answer) {
  const head = row.querySelector('th');
  row.replaceChildren(head);
  if (answer.error) {
    row.classList.add('is-error');
    row.append(el('td', { colspan: String(TIERS.length + 1), class: 'compare-error' }, `算不出：${answer.error.message}`));
    return;
  }
  row.append(...TIERS.map((t) => el('td', { class: 'num' }, yuan(answer.totals[t.key]))),
    el('td', { class: 'num benefit' }, yuan(benefitOf(answer.totals))));
}
