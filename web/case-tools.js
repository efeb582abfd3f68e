// The tools under the form: app.js builds them with the form and tells them of every change of
// the case.
import * as share from './share.js';

// 分享链接 / 导出 / 导入 / 打印. The address bar (and so the browser's history) gets the case only
// when 复制分享链接 is pressed, each time: typing, importing or editing an opened link never
// writes it.
export class CaseTools {
  constructor(form) {
    this.form = form;
    this.kase = null;
    this.shared = null;  // the fragment last written by 复制分享链接
    this.status = document.querySelector('#tools-status');
    this.linkBox = document.querySelector('#share-box');
    this.linkField = document.querySelector('#share-url');
    this.buttons = ['#share-link', '#export-case', '#print-result'].map((s) => document.querySelector(s));
    const file = document.querySelector('#import-file');
    document.querySelector('#share-link').addEventListener('click', () => this.share());
    document.querySelector('#export-case').addEventListener('click', () => {
      share.downloadCase(this.kase);
      this.say('已导出案例文件（只保存在您的设备上）。');
    });
    document.querySelector('#import-case').addEventListener('click', () => file.click());
    file.addEventListener('change', async () => {
      const [chosen] = file.files;
      file.value = '';
      if (!chosen) return;
      this.open(async () => {
        // Not read at all when it is larger than a case may be.
        if (chosen.size > share.MAX_BYTES) throw new share.CaseFileError('文件超过 1 MiB 的上限，没有打开。');
        return share.caseFromFile(await chosen.text());
      }, `已导入“${chosen.name}”。`, `导入“${chosen.name}”失败`);
    });
    document.querySelector('#print-result').addEventListener('click', () => window.print());
    // 姓名 and 备注 go on paper only: kept in the page, never in the case, a link or a file.
    const person = document.querySelector('#print-person');
    const extras = ['#print-name', '#print-note'].map((s) => document.querySelector(s));
    const showPerson = () => {
      const [name, note] = extras.map((input) => input.value.trim());
      person.replaceChildren(...[name && `姓名：${name}`, note && `备注：${note}`].filter(Boolean).map((text) => Object.assign(document.createElement('p'), { textContent: text })));
      person.hidden = !name && !note;
    };
    for (const input of extras) input.addEventListener('input', showPerson);
  }

  say(text, isError = false) {
    this.status.textContent = text;
    this.status.classList.toggle('is-error', isError);
  }

  // The form changed: a link made before no longer shows what is on screen, so its box goes
  // (the address bar keeps the link as it was made until 复制分享链接 is pressed again).
  follow(kase) {
    this.kase = kase;
    for (const button of this.buttons) button.disabled = !kase;
    if (this.shared && !this.linkBox.hidden && (!kase || share.fragmentFor(kase) !== this.shared)) {
      this.linkBox.hidden = true;
      this.shared = null;
      this.say('表单已修改，上面的分享链接不含修改；需要时请再按“复制分享链接”。');
    }
  }

  async share() {
    if (!this.kase) return;
    const fragment = share.fragmentFor(this.kase);
    if (location.hash !== fragment) history.replaceState(null, '', fragment);
    this.shared = fragment;
    this.linkField.value = location.href;
    this.linkBox.hidden = false;
    this.linkField.select();
    try {
      await navigator.clipboard.writeText(location.href);
      this.say('链接已复制。打开这个链接就能看到同样的案例和结果。');
    } catch {
      this.say('链接在地址栏和下面的框里，请手动复制。');
    }
  }

  async openFragment() {
    if (!location.hash.startsWith('#case=')) return;
    const hash = location.hash;
    await this.open(() => share.caseFromFragment(hash), '已打开链接中的案例。');
  }

  // readCase returns the case, or a promise of it (or throws share.js's CaseFileError). A case
  // that cannot be opened leaves the form as it was, and the message says so.
  async open(readCase, done, failed = '无法打开') {
    const unchanged = '页面上原来的内容没有改动。';
    try {
      const problems = this.form.fill(await readCase());
      if (problems.rejected) this.say(`${failed}：${problems.join('')}${unchanged}`, true);
      else this.say(problems.length ? `${done}但有以下问题：${problems.join('')}` : done, problems.length > 0);
    } catch (error) {
      if (!(error instanceof share.CaseFileError)) throw error;
      this.say(`${failed}：${error.message}${unchanged}`, true);
    }
  }
}
