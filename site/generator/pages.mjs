// Build step of the `site` target (wasm/assemble_site.cmake): writes the policy pages into the
// assembled site from what the WebAssembly module says, so the pages and the calculator can never
// disagree. Usage: node site/generator/pages.mjs SITE_DIR
//   cities.html        the index: every city, the calculator, training
//   city-<id>.html     one page per city: each tier as a card, with 试算 links per category
// Each 试算 link opens the calculator with a typical case for that category in the fragment;
// the case is settled here first, so the page can say what the calculator will show.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { commonHead, expandMarkers, indent, siteNav } from './head.mjs';

const site = path.resolve(process.argv[2] || 'build/site');
const { loadSettle } = await import(pathToFileURL(path.join(site, 'settle-api.js')).href);
const api = await loadSettle({ wasmBinary: fs.readFileSync(path.join(site, 'settle.wasm')) });
const catalog = api.cities();
// A rules file the loader refuses fails the WebAssembly build as settle_check_rules fails the
// native one: "rules/<city>.json: <field path>: <message>".
if (catalog.error) {
  console.error(`${catalog.error.path.replace(/: $/, '')}: ${catalog.error.message}`);
  process.exit(1);
}
// The calculator's own helpers, from the same assembled site, so the pages word amounts,
// badges, documents and links as it does.
const siteModule = (name) => import(pathToFileURL(path.join(site, name)).href);
const { yuanText, documentTitle, MONEY, PROVENANCE: BADGES } = await siteModule('format.js');
const { fragmentFor } = await siteModule('share.js');
const { glossaryHtml } = await siteModule('glossary.js');

// ---- text helpers -------------------------------------------------------------------------

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
// html`...${x}...`: interpolated values are escaped unless they are html (from this tag) or arrays of it.
class Html { constructor(text) { this.text = text; } toString() { return this.text; } }
const html = (strings, ...values) => new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? show(values[i]) : ''), ''));
const show = (v) => (v instanceof Html ? v.text : Array.isArray(v) ? v.map(show).join('') : v === null || v === undefined || v === false ? '' : escape(v));

// A yuan figure of the rules ("7000") as the pages write it (7,000 元); yuanText is for fen.
const yuanFigure = (value) => `${Number(value).toLocaleString('en-US', { maximumFractionDigits: 2 })} 元`;
const wan = (yuan) => (yuan >= 10000 && yuan % 1000 === 0 ? `${yuan / 10000} 万元` : yuanFigure(yuan));

// The rules' badges (a user's value never appears here), and one for a value not on file.
const PROVENANCE = {
  stated: BADGES.stated,
  derived: BADGES.derived,
  assumed: BADGES.assumed,
  convention: BADGES.convention,
  missing: { label: '未收录', note: '已收录的文件里没有这个数，试算时需要补填' },
};
const badge = (provenance) => {
  const key = PROVENANCE[provenance] ? provenance : 'missing';
  return html`<span class="badge prov-${key}">${PROVENANCE[key].label}</span>`;
};
const sourceText = (source) => (source ? [source.document, source.clause].filter(Boolean).join(' ') : '');

// A parameter object {value, unit, provenance, source, note} as words, with its badge.
function valueText(p, kind) {
  if (!p || p.value === null) return '未收录';
  if (p.value === 'none') return kind === 'to' ? '以上' : '不设';
  if (p.unit === 'yuan') return yuanFigure(p.value);
  if (p.unit === 'months') return `${p.value} 个月`;
  return p.value;
}
// A value not on file shows only its 未收录 badge.
const param = (p, kind) => (!p || p.value === null ? badge('missing')
  : html`<span class="value">${valueText(p, kind)}</span> ${badge(p.provenance)}`);

// Notes of derived, assumed and missing values, and where a value's source differs from the card's.
function notesOf(parameters, cardSource) {
  const seen = new Set();
  return parameters.filter(Boolean).flatMap((p) => {
    const own = sourceText(p.source);
    const parts = [];
    if (p.note) parts.push(p.note);
    if (own && own !== cardSource) parts.push(`出处：${own}`);
    const text = parts.join('；');
    if (!text || seen.has(text)) return [];
    seen.add(text);
    return [html`<li>${badge(p.value === null ? 'missing' : p.provenance)} ${text}</li>`];
  });
}

// ---- typical cases ------------------------------------------------------------------------

// A date inside the period: 2 April of its first year (or the next year), else its first day.
function dateIn(period) {
  const year = Number(period.from.slice(0, 4));
  let date = `${year}-04-02`;
  if (date < period.from) date = `${year + 1}-04-02`;
  if (period.to && date > period.to) date = period.from;
  return date;
}

const EXAMPLE_BASIC_PAID = 45000;     // half of the in-policy amount: a slip's figure, for example
const EXAMPLE_CRITICAL_PAID = 20000;  // where 大病保险's ratio is not on file

// One inpatient stay of 10万 (9万 in policy) at a 三级 hospital. Amounts the rules on file cannot
// compute are filled with example slip figures (and the page says so); a parameter the rules lack
// is left for the calculator to ask for.
const typicalCache = new Map();
function typicalCase(city, period, scheme, category) {
  const key = `${city.id}|${period.from}|${scheme}|${category}`;
  if (typicalCache.has(key)) return typicalCache.get(key);
  const visit = { date: dateIn(period), kind: 'inpatient', hospital_level: 3, total: 100000, in_policy: 90000 };
  const kase = { city: city.id, scheme, identities: category === 'general' ? [] : [category], visits: [visit] };
  let answer;
  for (let tries = 0; tries < 3; tries++) {
    answer = api.trySettle(kase);
    if (!answer.error || answer.error.code !== 'parameters_missing') break;
    // The first number missing is at its path: a slip amount is what stands in for a tier the
    // rules on file cannot compute.
    if (answer.error.path === 'visits[0].basic_paid') visit.basic_paid = EXAMPLE_BASIC_PAID;
    else if (answer.error.path === 'visits[0].critical_paid') visit.critical_paid = EXAMPLE_CRITICAL_PAID;
    else break;
  }
  const result = { kase, answer, link: `index.html${fragmentFor(kase)}` };
  typicalCache.set(key, result);
  return result;
}

function describeCase({ kase }, city) {
  const v = kase.visits[0];
  const scheme = city.schemes.find((s) => s.id === kase.scheme)?.name || kase.scheme;
  let text = `${scheme}，${v.date} 在三级医院住院一次，医疗总费用 ${wan(v.total)}，其中政策范围内 ${wan(v.in_policy)}`;
  if (v.basic_paid === undefined) text += '；基本医保按本市住院待遇估算（假设参数）';
  if (v.basic_paid !== undefined) text += `；基本医保已支付 ${wan(v.basic_paid)}（示例数，本市基本医保待遇未收录）`;
  if (v.critical_paid !== undefined) text += `；大病保险已支付 ${wan(v.critical_paid)}（示例数，本市大病保险比例未收录）`;
  return `${text}。`;
}

// Visible text `label`; the accessible name always says whose case it opens (and that
// begins with the visible text's words where they differ, WCAG 2.5.3).
function tryLink(city, period, scheme, category, label) {
  const typical = typicalCase(city, period, scheme, category);
  const needs = typical.answer.error ? '（需补填参数）' : '';
  const whose = `${categoryName(city, category)}，${schemeName(city, scheme)}`;
  const name = label === categoryName(city, category) ? `${label}${needs}：试算（${schemeName(city, scheme)}）` : `${label}${needs}：${whose}`;
  return html`<a class="try-link" href="${typical.link}" data-category="${category}" data-scheme="${scheme}" aria-label="${name}">${label}${needs}</a>`;
}

// ---- the page parts ------------------------------------------------------------------------

const schemeName = (city, id) => city.schemes.find((s) => s.id === id)?.name || id;
const categoryName = (city, id) => (id === 'general' ? '普通参保人员' : city.categories.find((c) => c.id === id)?.name || id);
const kindNames = (city, ids) => ids.map((id) => city.kinds.find((k) => k.id === id)?.name || id).join('、');
const preferScheme = (schemes) => (schemes.includes('resident') ? 'resident' : schemes[0]);

const TIER_ORDER = [
  { tier: 'basic', pool: 'basic', title: '基本医保', lead: '先由基本医保统筹基金按待遇支付。' },
  { tier: 'critical', pool: 'critical', title: '大病保险（职工为大病保险部分）', lead: '基本医保支付后，政策范围内个人负担超过起付线的部分按比例再付。' },
  { tier: 'critical', pool: 'special_drug', title: '大病保险特殊药品', lead: '特殊药品费用单独累计、单独计算。' },
  { tier: 'assistance', pool: 'assistance', title: '医疗救助', lead: '困难群众经基本医保、大病保险后政策范围内仍需个人负担的部分，按身份分类救助。' },
  { tier: 'reassistance', pool: 'assistance', title: '再救助（倾斜救助）', lead: '经医疗救助后个人负担仍然较重的，超过起付线的部分再救助。' },
];

function baseText(rule, period, city) {
  if (rule.pool === 'special_drug') return ['大病保险特殊药品的政策范围内费用扣除基本医保后的部分，本年单独累计', '大病保险特殊药品'];
  if (rule.tier === 'critical') return ['政策范围内费用扣除基本医保支付后的部分，本年累计', '住院、门诊慢特病'];
  const kinds = kindNames(city, period.assistance_kinds);
  if (rule.tier === 'assistance') return ['政策范围内费用经基本医保、大病保险支付后个人负担的部分，本年累计', kinds];
  return ['经医疗救助后政策范围内个人仍需负担的部分，本年累计', kinds];
}

function bandsList(rule) {
  const bands = rule.bands || [];
  if (bands.length === 1) return param(bands[0].ratio);
  let from = rule.deductible;
  return html`<ol class="bands">${bands.map((band) => {
    const lower = from && from.value !== null ? yuanFigure(from.value) : '起付线';
    const upper = band.to.value === 'none' ? '以上' : `至 ${valueText(band.to)}`;
    from = band.to;
    return html`<li>${lower}${upper === '以上' ? ' 以上' : ` ${upper}`}：${param(band.ratio)}</li>`;
  })}</ol>`;
}

function ruleCard(rule, period, city) {
  const [base, kinds] = baseText(rule, period, city);
  const cardSource = sourceText(rule.source);
  const who = rule.categories.map((c) => categoryName(city, c)).join('、');
  const schemes = rule.schemes.map((s) => schemeName(city, s)).join('、');
  const bandParams = (rule.bands || []).flatMap((b) => [b.to, b.ratio]);
  const notes = notesOf([rule.deductible, ...bandParams, rule.cap, rule.look_back], cardSource);
  const scheme = preferScheme(rule.schemes);
  const id = `rule-${rule.id.replace(/[^\w]+/g, '-')}`;
  return html`<article class="rule-card tier-border-${rule.tier}" id="${id}" data-rule="${rule.id}" aria-labelledby="${id}-title">
  <h4 id="${id}-title"><span class="tier-name">${rule.tier_name}</span>（${schemes}）：${who}</h4>
  <dl class="rule-facts">
    <dt>对象</dt><dd>${who}（${schemes}参保人员）</dd>
    <dt>计算基数</dt><dd>${base}</dd>
    <dt>就诊类别</dt><dd>${kinds}</dd>
    <dt>起付线</dt><dd>${param(rule.deductible)}</dd>
    <dt>${(rule.bands || []).length > 1 ? '分段比例' : '支付比例'}</dt><dd>${bandsList(rule)}</dd>
    <dt>年度限额</dt><dd>${param(rule.cap)}</dd>
    ${rule.look_back ? html`<dt>追溯期</dt><dd>申请前 ${param(rule.look_back)}</dd>` : ''}
  </dl>
  ${rule.quote ? html`<blockquote class="quote"><p>${rule.quote}</p></blockquote>` : ''}
  <p class="source">依据：${cardSource}</p>
  ${notes.length ? html`<ul class="notes">${notes}</ul>` : ''}
  <p class="try">试算：${rule.categories.map((c, i) => html`${i ? '　' : ''}${tryLink(city, period, scheme, c, categoryName(city, c))}`)}</p>
</article>`;
}

// 基本医保 is not a rule with a quote: it is the estimate used when no slip is at hand.
function basicCards(period, city) {
  const byId = Object.fromEntries(period.parameters.map((p) => [p.id, p]));
  return city.schemes.map((scheme) => {
    const at = (name) => byId[`basic.${scheme.id}.${name}`];
    const levels = [1, 2, 3].filter((n) => at(`level${n}.deductible`) || at(`level${n}.ratio`));
    const id = `basic-${scheme.id}`;
    // The other estimate blocks that apply to this scheme (other kinds, or the national reference
    // where the city has no lead): their labels name the scheme, or none when both share them.
    const levelIds = new Set([...[1, 2, 3].flatMap((n) => [`level${n}.deductible`, `level${n}.ratio`]),
      'repeat_deductible_share', 'cap'].map((name) => `basic.${scheme.id}.${name}`));
    const others = period.parameters.filter((p) => p.id.startsWith('basic.') && !levelIds.has(p.id)
      && city.schemes.every((other) => other.id === scheme.id || !p.label.includes(other.name)));
    const more = others.length === 0 ? '' : html`<article class="rule-card tier-border-basic" id="${id}-more" aria-labelledby="${id}-more-title">
  <h4 id="${id}-more-title">基本医保：${scheme.name}（粗估用${levels.length ? '，其他就诊类别' : ''}）</h4>
  <p>没有结算单时，计算器用下面的数粗估基本医保支付（假设参数，不是本市规定）；有结算单请照单填写。</p>
  <dl class="rule-facts">${others.map((p) => html`<dt>${p.label}</dt><dd>${param(p)}</dd>`)}</dl>
  <p class="source">依据：${[...new Set(others.map((p) => sourceText(p.source)))].join('；')}</p>
  <ul class="notes">${notesOf(others, '')}</ul>
</article>`;
    if (levels.length === 0) {
      if (more) return more;
      return html`<article class="rule-card tier-border-basic" id="${id}" aria-labelledby="${id}-title">
  <h4 id="${id}-title">基本医保：${scheme.name}</h4>
  <p>${badge('missing')} 本市${scheme.name}的住院待遇未收录，试算时请按结算单填写“基本医保已支付”。</p>
</article>`;
    }
    const all = [...levels.flatMap((n) => [at(`level${n}.deductible`), at(`level${n}.ratio`)]), at('repeat_deductible_share'), at('cap')];
    const sources = [...new Set(all.filter(Boolean).map((p) => sourceText(p.source)))];
    return html`<article class="rule-card tier-border-basic" id="${id}" aria-labelledby="${id}-title">
  <h4 id="${id}-title">基本医保：${scheme.name}（估算用）</h4>
  <p>没有结算单时，计算器用下面的数估算住院的基本医保支付；有结算单请照单填写。</p>
  <div class="table-scroll" tabindex="0" role="region" aria-label="${scheme.name}住院待遇，可左右滚动">
  <table class="stack"><thead><tr><th scope="col">医院等级</th><th scope="col">起付线</th><th scope="col">支付比例</th></tr></thead>
  <tbody>${levels.map((n) => html`<tr><th scope="row">${['一', '二', '三'][n - 1]}级</th><td data-label="起付线">${param(at(`level${n}.deductible`))}</td><td data-label="支付比例">${param(at(`level${n}.ratio`))}</td></tr>`)}</tbody></table>
  </div>
  <dl class="rule-facts">
    <dt>就诊类别</dt><dd>住院${others.length ? '（其他就诊类别见下一张卡片）' : '（其他就诊请按结算单填写）'}</dd>
    <dt>再次住院起付线</dt><dd>${at('repeat_deductible_share') ? html`首次的 ${param(at('repeat_deductible_share'))}` : param(null)}</dd>
    <dt>年度限额</dt><dd>${param(at('cap'))}</dd>
  </dl>
  <p class="source">依据：${sources.join('；')}</p>
  <ul class="notes">${notesOf(all, '')}</ul>
</article>${more}`;
  });
}

function earlyWarningCard(period, city) {
  const warning = period.parameters.filter((p) => p.id.startsWith('early_warning.'));
  if (warning.length === 0) return '';
  const label = (p) => {
    const [, kind, key] = p.id.split('.');
    return kind === 'income' ? `${key} 年全省居民人均可支配收入` : `预警线（${categoryName(city, key)}）`;
  };
  return html`<section class="tier-section" aria-labelledby="early-warning-title">
  <h3 id="early-warning-title">高额医疗费用预警</h3>
  <article class="rule-card" id="early-warning" aria-labelledby="early-warning-card">
  <h4 id="early-warning-card">预警线：个人负担超过上年全省居民人均可支配收入的一定比例时提示</h4>
  <dl class="rule-facts">${warning.map((p) => html`<dt>${label(p)}</dt><dd>${p.unit === 'percent' ? `收入的 ${p.value}` : valueText(p)} ${badge(p.provenance)}</dd>`)}</dl>
  <p class="source">依据：${[...new Set(warning.map((p) => sourceText(p.source)))].join('；')}</p>
  <ul class="notes">${notesOf(warning, '')}</ul>
  </article>
</section>`;
}

function tierSections(period, city) {
  return TIER_ORDER.map(({ tier, pool, title, lead }) => {
    const id = `tier-${tier}-${pool}`;
    let cards;
    if (tier === 'basic') cards = basicCards(period, city);
    else {
      const rules = period.rules.filter((r) => r.tier === tier && (r.pool || tier) === pool);
      if (rules.length === 0 && pool === 'special_drug') return '';
      cards = rules.length ? rules.map((r) => ruleCard(r, period, city))
        : [html`<article class="rule-card tier-border-${tier}"><p>${badge('missing')} 已收录的文件没有本市的${title}规定${tier === 'critical' ? '，试算时请按结算单填写“大病保险已支付”' : ''}。</p></article>`];
      if (tier === 'assistance' || tier === 'reassistance') {
        const covered = new Set(rules.flatMap((r) => r.categories));
        const gapOf = (id) => (period.gaps || []).find((g) => g.tiers.includes(tier) && g.categories.includes(id));
        const without = city.categories.filter((c) => !covered.has(c.id));
        // Where the document itself settles a group (no such tier, or its earlier policy), say so.
        for (const gap of period.gaps || []) {
          if (!gap.tiers.includes(tier)) continue;
          const names = gap.categories.filter((c) => !covered.has(c)).map((c) => categoryName(city, c));
          if (!names.length) continue;
          cards.push(gap.reading === 'none'
            ? html`<p class="hint">${badge('stated')} ${names.join('、')}：${gap.note}（${sourceText(gap.source)}）。</p>`
            : html`<p class="hint">${badge('missing')} ${names.join('、')}：${sourceText(gap.source)}写明“${gap.quote}”，原有政策的标准未收录，试算按 0 元计，结果可能高估个人负担。</p>`);
        }
        const unknown = without.filter((c) => !gapOf(c.id)).map((c) => c.name);
        if (unknown.length) cards.push(html`<p class="hint">${badge('missing')} ${title}标准未收录的身份：${unknown.join('、')}（试算按 0 元计，结果可能高估个人负担）。</p>`);
        if (tier === 'assistance' && (period.assistance_kinds_missing || []).length)
          cards.push(html`<p class="hint">${badge('missing')} ${kindNames(city, period.assistance_kinds_missing)}的医疗救助标准未收录：${period.assistance_kinds_missing_note}。</p>`);
      }
    }
    return html`<section class="tier-section" aria-labelledby="${id}">
  <h3 id="${id}">${title}</h3>
  <p class="lead">${lead}</p>
  ${cards}
</section>`;
  });
}

// A parameters_missing error at "parameters.assistance.edge.deductible" -> 还缺：医疗救助的起付线
// (linked to the rule's card).
const FIELD_NAME = { deductible: '起付线', cap: '年度限额', ratio: '支付比例', to: '分段点', look_back: '追溯期' };
function missingText(error, period) {
  const id = error.code === 'parameters_missing' ? error.path.replace(/^parameters\./, '') : '';
  const rule = period.rules.find((r) => id.startsWith(`${r.id}.`));
  const field = FIELD_NAME[id.split('.').pop()] || '参数';
  const label = period.parameters.find((p) => p.id === id)?.label;
  if (!rule) return html`还缺：${label || '一项参数'}（未收录，需在计算器的“政策参数”中补填）`;
  return html`还缺：<a href="#rule-${rule.id.replace(/[^\w]+/g, '-')}">${rule.tier_name}的${field}</a>（未收录，需在计算器的“政策参数”中补填）`;
}

function tryTable(period, city) {
  const scheme = preferScheme(city.schemes.map((s) => s.id));
  const categories = ['general', ...city.categories.map((c) => c.id)];
  const example = typicalCase(city, period, scheme, categories[1] || 'general');
  const rows = categories.map((c) => {
    const typical = typicalCase(city, period, scheme, c);
    const a = typical.answer;
    const outcome = a.error ? missingText(a.error, period) : `个人负担（含自费）${yuanText(a.totals.out_of_pocket)}`;
    return html`<tr data-category="${c}"><th scope="row">${categoryName(city, c)}</th>
      <td class="outcome" data-label="结果">${outcome}</td><td data-label="计算器">${tryLink(city, period, scheme, c, '试算')}</td></tr>`;
  });
  return html`<section class="try-section" aria-labelledby="try-title-${period.from}">
  <h3 id="try-title-${period.from}">按身份试算</h3>
  <p>同一笔费用，各身份的结果不同。典型案例：${describeCase(example, city)}点“试算”打开计算器，可以再改动。</p>
  <div class="table-scroll" tabindex="0" role="region" aria-label="按身份试算，可左右滚动">
  <table class="try-table stack"><thead><tr><th scope="col">身份</th><th scope="col">结果</th><th scope="col">计算器</th></tr></thead>
  <tbody>${rows}</tbody></table></div>
</section>`;
}

const legend = html`<ul class="badge-legend">${Object.entries(PROVENANCE).map(([key, { label, note }]) =>
  html`<li><span class="badge prov-${key}">${label}</span> ${note}</li>`)}</ul>`;

// Every amount with its 元 in the text of a page, kept on one line (app.css .money): only text
// between tags is touched, never an attribute.
const keepAmounts = (markup) => String(markup).replace(/>([^<]+)</g, (all, text) => (text.includes('元')
  ? `>${text.replace(MONEY, (amount) => `<span class="money">${amount}</span>`)}<` : all));

function page({ title, description, body, current }) {
  return `<!doctype html>
<html lang="zh-CN">
<head>
${indent(commonHead(), '  ')}
  <meta name="description" content="${escape(description)}">
  <title>${escape(title)}</title>
  <link rel="stylesheet" href="site.css">
  <script type="module" src="offline.js"></script>
</head>
<body class="site-page">
  <a class="skip-link" href="#main">跳到正文</a>
  <header class="page-header">
${indent(siteNav(current), '    ')}
  </header>
  <main id="main" class="site-main">
${keepAmounts(body)}
  </main>
  <footer class="page-footer">
    <p>本页由计算器 ${escape(catalog.version)} 收录的规定生成，与计算器使用的是同一份数据。以医保经办机构实际结算为准。</p>
  </footer>
</body>
</html>
`;
}

// "烟政办发〔2022〕25号《…》，2022-10-26 印发，2023-01-01 起施行": each document with its dates.
function documentDates(period) {
  const issued = period.issued ? `${period.issued} 印发` : '印发日期未收录';
  const from = period.from_provenance === 'stated' ? `${period.from} 起施行` : `${period.from} 起适用（文件未写明施行日期，为假设）`;
  return `${documentTitle(period)}，${issued}，${from}`;
}

// 就高不重复: the city's own clause where it has one, else the calculator's rule.
function highestOnly(period) {
  const own = period.highest_only;
  if (own) return html`<p class="hint">${badge('stated')} 同时有几种身份时“就高不重复”：${sourceText(own)}“${own.quote.replace(/。$/, '')}”。${badge('convention')} 本计算器分别按每种身份计算，取大病保险、医疗救助和再救助合计最多的一种。</p>`;
  return html`<p class="hint">${badge('convention')} 同时有几种身份时：已收录的本市文件没有写明怎样处理，本计算器按“就高不重复”分别按每种身份计算，取大病保险、医疗救助和再救助合计最多的一种。</p>`;
}

// Categories whose members are a reading (柳州 一类/二类), said where their names appear.
function categoryNotes(city) {
  const assumed = city.categories.filter((c) => c.assumed);
  if (!assumed.length) return '';
  return html`<ul class="notes">${assumed.map((c) => html`<li>${badge('assumed')} ${c.name}：${c.assumed}。</li>`)}</ul>`;
}

function cityPage(city) {
  const periods = city.periods;
  const dated = periods.filter((p) => p.issued).map((p) => p.issued).sort();
  const newest = dated.length ? `已收录的最新文件日期为 ${dated.pop()}` : `已收录文件的印发日期未收录，按适用起始日 ${periods[periods.length - 1].from} 计`;
  const body = html`<h1>${city.name}：重特大疾病医疗保障政策</h1>
<p class="lead">基本医保 → 大病保险 → 医疗救助 → 再救助，一层接一层。每张卡片写明谁能享受、以什么为基数、起付线、比例和年度限额，并引用文件原文。</p>
<p class="hint">${newest}；就诊日期晚于它两年以上时，计算器会提示之后的文件可能已调整标准。</p>
${categoryNotes(city)}
${legend}
${new Html(glossaryHtml())}
${periods.map((period) => html`<section class="period" aria-labelledby="period-${period.from}">
  <h2 id="period-${period.from}">${period.from} 起${period.to ? `至 ${period.to}` : '施行'}的规定</h2>
  <p class="period-doc">依据：${documentDates(period)}</p>
  ${highestOnly(period)}
  ${period.preliminary ? html`<p class="preliminary" role="note"><strong>初步标准：</strong>${period.preliminary}</p>` : ''}
  ${tryTable(period, city)}
  ${tierSections(period, city)}
  ${earlyWarningCard(period, city)}
</section>`)}`;
  return page({ title: `${city.name}医疗保障政策：大病保险、医疗救助、再救助`, description: `${city.name}的基本医保、大病保险、医疗救助和再救助规定，逐条引用原文，可一键试算。`, body, current: '' });
}

function indexPage() {
  const body = html`<h1>各市重特大疾病医疗保障政策</h1>
<p class="lead">一笔医疗费用依次经过基本医保、大病保险（职工为大病保险和大额医疗费用补助）、医疗救助和再救助。
各市的起付线、比例和限额不同；下面每个城市一页，逐条引用文件原文，并标明每个数字的来源。</p>
${legend}
<ul class="city-list">${catalog.cities.map((city) => {
    const period = city.periods[city.periods.length - 1];
    const rules = city.periods.reduce((n, p) => n + p.rules.length, 0);
    return html`<li class="city-item"><h2><a href="city-${city.id}.html">${city.name}</a></h2>
  <p>${documentDates(period)}。</p>
  <p class="hint">收录 ${rules} 条分层规定，${city.categories.length} 类困难群众身份。${period.preliminary ? '初步标准：多数参数需要补填。' : ''}</p></li>`;
  })}</ul>
<p><a href="index.html">打开计算器</a>　<a href="training.html">培训练习</a></p>`;
  return page({ title: '各市重特大疾病医疗保障政策', description: '已收录城市的大病保险、医疗救助和再救助规定。', body, current: 'cities.html' });
}

// The hand-written pages get the same head lines and links; the calculator, the glossary.
for (const name of ['index.html', 'training.html']) {
  const file = path.join(site, name);
  const text = expandMarkers(fs.readFileSync(file, 'utf8'), name);
  fs.writeFileSync(file, text.replace(/^( *)<!--@glossary-->$/m, (line, spaces) => indent(glossaryHtml(), spaces)));
}
fs.writeFileSync(path.join(site, 'cities.html'), indexPage());
for (const city of catalog.cities) fs.writeFileSync(path.join(site, `city-${city.id}.html`), cityPage(city));
// The calculator's catalog, so that it starts without loading every city's rules into the engine
// (web/app.js): cities() as the module gives it, less each period's rules, which only these pages
// show, and less each parameter's note and source, which only the open parameter panel shows
// (half the file: web/parameter-panel.js completes them from cities() when it first opens).
const pageParameter = ({ note, source, ...parameter }) => parameter;
const pagePeriod = ({ rules, ...period }) => ({ ...period, parameters: period.parameters.map(pageParameter) });
const pageCatalog = { ...catalog, cities: catalog.cities.map((city) => ({ ...city, periods: city.periods.map(pagePeriod) })) };
fs.writeFileSync(path.join(site, 'catalog.json'), JSON.stringify(pageCatalog));
console.log(`pages: cities.html, ${catalog.cities.length} city pages and catalog.json in ${site}`);
