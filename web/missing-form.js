// 还差 N 项本地标准: when the engine needs numbers the rules on file lack (an error with code
// parameters_missing, or a category_incomplete warning), one small form at the top of the result
// lists them all, each with its plain Chinese label (from the engine) and unit; typing one puts
// it where the case takes it (the case's parameters, or that visit's slip amount), and the form
// recomputes at once. An item stays on the form once typed, so a value that completes the case
// does not vanish while it is being typed. Never shows a parameter id.
import { el } from './format.js';

const UNIT = { yuan: '元', percent: '%', months: '个月' };
const SLIP = /^visits\[(\d+)\]\.(\w+)$/;

export class MissingForm {
  // box: the element to fill. io: { valueOf(id), setValue(id, text), open(id) } (open shows the
  // parameter's row in the 参数 panel, or the visit's field).
  constructor(box, io) {
    this.box = box;
    this.io = io;
    this.key = '';
    this.items = new Map();  // id -> { item, row, input, group }
    box.hidden = true;
  }

  // groups: [{ title, note, items: [{id, label, unit}] }], in the order to show; key: what the
  // form is about (city and period): a new key starts a new form.
  show(groups, key) {
    if (key !== this.key) {
      this.key = key;
      this.items.clear();
    }
    const needed = new Set(groups.flatMap((g) => g.items.map((i) => i.id)));
    const count = needed.size;
    const kept = [...this.items.values()].filter((entry) => !needed.has(entry.item.id) && entry.input.value.trim() !== '');
    if (count === 0 && kept.length === 0) {
      this.hide();
      return;
    }
    const signature = JSON.stringify([groups.map((g) => [g.note, g.items.map((i) => i.id)]), kept.map((e) => e.item.id)]);
    if (signature === this.signature && !this.box.hidden) {
      for (const entry of this.items.values()) if (document.activeElement !== entry.input) entry.input.value = this.io.valueOf(entry.item.id) || '';
      return;
    }
    this.signature = signature;
    // Redrawing moves the inputs: the one being typed in keeps the focus and the caret.
    const focused = this.box.contains(document.activeElement) ? document.activeElement : null;
    const caret = focused?.selectionStart === undefined ? null : [focused.selectionStart, focused.selectionEnd];
    const sections = groups.filter((g) => g.items.length).map((group, n) => el('section', { class: 'gap-group' },
      n > 0 || group.note ? el('p', { class: 'gap-note' }, group.note || '') : null,
      el('ul', { class: 'gap-list' }, group.items.map((item) => this.row(item, true).row))));
    if (kept.length) {
      sections.push(el('section', { class: 'gap-group' },
        el('p', { class: 'gap-note' }, '已填写：'),
        el('ul', { class: 'gap-list' }, kept.map((entry) => this.row(entry.item, false).row))));
    }
    const title = count ? `还差 ${count} 项本地标准` : '本地标准已填齐，已按您填写的计算';
    const hint = count
      ? '已收录的规定里没有下面这些数。知道本地标准的，请逐项填写（填写后立即重新计算，结果中标为“用户填写”）；有结算单的，也可以直接填写已支付金额。'
      : '可以继续修改；要在下次使用，请在“政策参数”中保存到本机。';
    this.box.replaceChildren(
      el('h3', { id: 'gaps-title' }, title),
      el('p', { class: 'hint' }, hint),
      ...sections);
    if (focused && this.box.contains(focused)) {
      focused.focus({ preventScroll: true });
      if (caret) focused.setSelectionRange(...caret);
    }
    this.box.hidden = false;
  }

  // An error about a value typed here is shown at its row; returns whether it was.
  showError(error) {
    const id = error.path.startsWith('parameters.') ? error.path.slice('parameters.'.length).replace(/\.(value|source)$/, '') : error.path;
    const entry = this.items.get(id);
    if (this.box.hidden || !entry || !this.box.contains(entry.row)) return false;
    let slot = entry.row.querySelector('.field-error');
    if (!slot) {
      slot = el('p', { class: 'field-error', id: `${entry.input.id}-error` });
      entry.row.append(slot);
      entry.input.setAttribute('aria-describedby', `${entry.input.id}-unit ${slot.id}`);
    }
    slot.textContent = error.message;
    entry.input.setAttribute('aria-invalid', 'true');
    this.erred = entry;
    return true;
  }

  clearError() {
    if (!this.erred) return;
    this.erred.row.querySelector('.field-error')?.remove();
    this.erred.input.removeAttribute('aria-invalid');
    this.erred.input.setAttribute('aria-describedby', `${this.erred.input.id}-unit`);
    this.erred = null;
  }

  hide() {
    this.signature = '';
    this.box.hidden = true;
    this.box.replaceChildren();
  }

  // One labelled input per item, kept across redraws (the focus and what is typed stay).
  row(item, needed) {
    let entry = this.items.get(item.id);
    if (!entry) {
      const id = `gap-${item.id.replace(/[^\w-]/g, '_')}`;
      const input = el('input', {
        type: 'text', id, inputmode: item.unit === 'percent' ? 'text' : 'decimal',
        placeholder: item.unit === 'percent' ? '例如 70' : '', 'data-gap': item.id,
        'aria-describedby': `${id}-unit`,
      });
      input.value = this.io.valueOf(item.id) || '';
      input.addEventListener('input', () => this.io.setValue(item.id, input.value));
      const more = el('button', { type: 'button', class: 'link-button' }, SLIP.test(item.id) ? '到就诊记录' : '说明');
      more.addEventListener('click', () => this.io.open(item.id));
      const row = el('li', { class: 'gap', 'data-gap-item': item.id },
        el('label', { for: id }, item.label),
        el('span', { class: 'gap-input' }, input, el('span', { class: 'unit', id: `${id}-unit` }, UNIT[item.unit] || '')),
        more);
      entry = { item, row, input };
      this.items.set(item.id, entry);
    } else if (document.activeElement !== entry.input) {
      entry.input.value = this.io.valueOf(item.id) || '';
    }
    entry.row.classList.toggle('is-filled', !needed);
    return entry;
  }
}

// The groups of a settlement's category_incomplete warnings, or of a parameters_missing error.
export function gapGroups(answer) {
  if (answer.error) return answer.error.code === 'parameters_missing' ? [{ items: answer.error.missing || [] }] : [];
  return (answer.warnings || []).filter((w) => w.code === 'category_incomplete' && (w.missing || []).length)
    // The message lists the labels that the form shows under it: said once is enough.
    .map((w) => ({ note: w.message.replace(/（.*）(?=，)/, ''), items: w.missing }));
}

// A slip path "visits[0].critical_paid" as [visit index, field], or null for a parameter id.
export function slipOf(id) {
  const match = SLIP.exec(id);
  return match ? [Number(match[1]), match[2]] : null;
}

// The form's values live in the case form: a parameter in the 参数 panel's typed values, a slip
// amount in that visit's field. Typing here changes them there and recomputes.
export function missingFormFor(box, form) {
  const slipInput = (id) => {
    const [index, field] = slipOf(id);
    const visit = form.visitList.children[index];
    return visit ? form.input(visit, field) : null;
  };
  return new MissingForm(box, {
    valueOf: (id) => (slipOf(id) ? slipInput(id)?.value : form.parameters.get(id)?.value) || '',
    setValue: (id, text) => {
      if (slipOf(id)) {
        const input = slipInput(id);
        if (input) input.value = text;
      } else {
        form.parameters.setTyped(id, text);
      }
      form.changed();
    },
    open: (id) => {
      if (!slipOf(id)) return form.parameters.open(id);
      const input = slipInput(id);
      input?.scrollIntoView({ block: 'center' });
      input?.focus({ preventScroll: true });
      return input;
    },
  });
}
