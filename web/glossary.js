// 名词解释: the words the calculator and the city pages use, each with a short plain explanation
// and, where a document on file defines or names it, that clause quoted word for word. One file
// for both: the build (site/generator/pages.mjs) writes the same popovers into the calculator and
// every city page, and a term button opens one with a tap (HTML popover, no script).

export const GLOSSARY = [
  {
    id: 'qifuxian', term: '起付线',
    text: '基金开始支付以前先由自己负担的那一段费用（按次或按年度累计），文件里常写作“起付标准”。超过起付线的部分才按比例支付。基本医保、大病保险、医疗救助和再救助各有各的起付线，有的身份不设起付线。',
  },
  {
    id: 'zhengce', term: '政策范围内费用',
    text: '医保目录（药品、诊疗项目、医疗服务设施）以内、按规定可以由医保支付的费用，结算单上常写作“政策范围内”或“合规费用”。各层都只在这部分里计算；目录以外的是自费。',
    source: {
      document: '烟政办发〔2022〕25号', clause: '三（五）', defines: false,
      quote: '医疗救助支付范围应符合国家、省、市有关基本医保支付范围的规定',
    },
  },
  {
    id: 'geren', term: '政策范围内个人负担',
    text: '政策范围内费用里，基本医保、大病保险（职工为大额医疗费用补助）报销以后还要自己付的部分，包括起付线以下和超过最高支付限额的部分。医疗救助和再救助都以它为基数。',
    source: {
      document: '烟政办发〔2022〕25号', clause: '三（五）', defines: true,
      quote: '经基本医保、大病保险、职工大额医疗费用补助等报销后符合医保政策范围内个人自付部分以及基本医保、大病保险、职工大额医疗费用补助年度起付标准以下和最高支付限额以上的费用（以下统称政策范围内个人负担费用）',
    },
  },
  {
    id: 'zifei', term: '自费',
    text: '政策范围以外的费用（目录外的药品、检查、材料等），全部由自己负担，基本医保、大病保险、医疗救助和再救助都不支付。医疗总费用减去政策范围内费用，就是这一部分。',
  },
  {
    id: 'jiugao', term: '就高不重复',
    text: '同时有几种困难群众身份时，只按待遇最高的一种身份享受，不叠加。计算器分别按每种身份算一遍，取大病保险、医疗救助和再救助合计最多的一种。',
    source: {
      document: '烟政办发〔2022〕25号', clause: '二（一）', defines: false,
      quote: '具有上述多重身份的医疗救助对象，按照就高不重复原则实行救助。',
    },
  },
  {
    id: 'dabing', term: '大病保险与职工大额医疗费用补助',
    text: '基本医保之后的第二层。居民医保参保人是大病保险：个人负担的政策范围内费用超过起付线的部分，再按比例支付。职工医保参保人对应的是职工大额医疗费用补助（有的文件称职工大病保险），作用相同，标准各地不同。',
    source: {
      document: '柳州市健全重特大疾病医疗保险和救助制度任务清单', clause: '六（一）', defines: false,
      quote: '城乡居民大病保险（或职工大额医疗费用补助）',
    },
  },
  {
    id: 'jiuzhu', term: '医疗救助与再救助',
    text: '困难群众的第三层和第四层。医疗救助：经基本医保、大病保险报销后的政策范围内个人负担，按身份分类、按比例救助，有年度限额。再救助（有的地方叫倾斜救助）：医疗救助以后个人负担仍然较重、超过再救助起付线的部分，再按比例救助，另有年度限额。',
    source: {
      document: '烟政办发〔2022〕25号', clause: '三（六）', defines: false,
      quote: '医疗救助对象经基本医保、大病保险、职工大额医疗费用补助等报销后的政策范围内个人负担费用，根据医疗救助对象类别分类实施救助和再救助，分别设置年度救助限额。',
    },
  },
];

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

// A button that opens a term's explanation; `label` is what it shows (the term itself by default).
export function termButton(id, label) {
  const entry = GLOSSARY.find((g) => g.id === id);
  const shown = label || entry.term;
  const name = label ? ` aria-label="${escape(`${entry.term}是什么意思`)}"` : '';
  return `<button type="button" class="term" popovertarget="term-${id}"${name}>${escape(shown)}</button>`;
}

// The line of every term, and the explanations they open (hidden until a button is pressed).
export function glossaryHtml() {
  const pops = GLOSSARY.map((g) => {
    const source = !g.source ? '<p class="glossary-source">已收录的文件没有专门解释这个词。</p>'
      : `<p class="glossary-source">${g.source.defines ? '文件中的定义' : '文件中的说法'}：${escape(g.source.document)} ${escape(g.source.clause)}</p>
    <blockquote class="glossary-quote"><p>${escape(g.source.quote)}</p></blockquote>`;
    return `<div popover id="term-${g.id}" class="glossary-pop" role="dialog" aria-labelledby="term-${g.id}-title">
    <p class="glossary-term" id="term-${g.id}-title">${escape(g.term)}</p>
    <p>${escape(g.text)}</p>
    ${source}
    <button type="button" class="button secondary" popovertarget="term-${g.id}" popovertargetaction="hide">关闭</button>
  </div>`;
  });
  return `<nav class="glossary" aria-label="名词解释">
  <p><span class="glossary-title">名词解释：</span>${GLOSSARY.map((g) => termButton(g.id)).join('')}</p>
</nav>
${pops.join('\n')}`;
}
