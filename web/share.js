// Share and save a case without a server: the case JSON in the URL fragment (#case=<base64url>,
// which browsers never send in a request), or as a file the person downloads and opens again.
// A file holds the bare case, so `build/settle file.json` settles it too.

const CASE_FIELDS = new Set(['city', 'scheme', 'identities', 'applied', 'parameters', 'visits']);
const VISIT_FIELDS = new Set(['date', 'kind', 'hospital_level', 'designated', 'emergency',
  'total', 'in_policy', 'basic_paid', 'critical_paid']);

// The contract's limits (CONTRACT.md; the core's kMaxVisits and kMaxInputBytes): a link or file
// beyond them is refused before the form is built (20,000 visits took minutes to lay out).
export const MAX_VISITS = 1000;
export const MAX_BYTES = 1 << 20;
const TOO_LARGE = '超过 1 MiB 的上限，没有打开。';

export class CaseFileError extends Error {}

// UTF-8 bytes -> base64url without padding (RFC 4648 §5), and back.
export function toBase64Url(text) {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(code) {
  const binary = atob(code.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export const fragmentFor = (kase) => `#case=${toBase64Url(JSON.stringify(kase))}`;

const DAMAGED = '链接中的案例已损坏（可能没有复制完整，或多了字符），请重新复制整个链接。';

// The case in a fragment, null when there is none, CaseFileError when it is damaged (a stray
// character after it, a trailing %20, a cut-off code).
export function caseFromFragment(hash) {
  if (!(hash || '').startsWith('#case=')) return null;
  const match = /^#case=([A-Za-z0-9_-]*)$/.exec(hash);
  if (!match) throw new CaseFileError(DAMAGED);
  if (match[1].length > Math.ceil(MAX_BYTES / 3) * 4) throw new CaseFileError(`链接中的案例${TOO_LARGE}`);
  let text;
  try {
    text = fromBase64Url(match[1]);
  } catch {
    throw new CaseFileError(DAMAGED);
  }
  return checkCase(parseJson(text, '链接中的案例'));
}

// A file's text: a case, or a test file's {"case": ...}; checked for fields the form cannot hold.
export function caseFromFile(text) {
  if (text.length > MAX_BYTES || new TextEncoder().encode(text).length > MAX_BYTES) throw new CaseFileError(`文件${TOO_LARGE}`);
  const doc = parseJson(text, '文件');
  return checkCase(doc && typeof doc === 'object' && !Array.isArray(doc) && 'case' in doc ? doc.case : doc);
}

// A decimal number's value as digits and the place of its point ("100.50" and "1.005e2" give
// "1005e3"), or null for what is not one (Infinity).
function decimalValue(text) {
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return null;
  let digits = m[1] + (m[2] || '');
  let point = m[1].length + Number(m[3] || 0);
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead).replace(/0+$/, '');
  point -= lead;
  return digits ? `${text.startsWith('-') ? '-' : ''}${digits}e${point}` : '0';
}

// A number stays exactly as written (JSON.rawJSON writes it back verbatim) when JSON.parse would
// change what the core reads: a value binary floating point rounds (90000.0000000000001,
// 1e400), or a hospital level or month count not written as a plain integer (3.0, 3e0, -0).
// The core, not the page, then decides. Browsers without the source text round as before.
const INTEGER_KEY = /^hospital_level$|look_back$/;
const asWritten = (key, value, context) => {
  const source = context?.source;
  if (typeof value !== 'number' || typeof source !== 'string' || !JSON.rawJSON || source === String(value)) return value;
  const rounded = decimalValue(source) !== decimalValue(String(value));
  return rounded || (INTEGER_KEY.test(key) && !/^\d+$/.test(source)) ? JSON.rawJSON(source) : value;
};

function parseJson(text, what) {
  try {
    return JSON.parse(text, asWritten);
  } catch {
    throw new CaseFileError(`${what}不是有效的 JSON，无法读取。`);
  }
}

// Shape only (the core checks the values when the form settles): every field must be one the
// form can show, so nothing in a file is silently dropped.
function checkCase(kase) {
  if (!kase || typeof kase !== 'object' || Array.isArray(kase)) throw new CaseFileError('内容不是一个案例（应是含 city 和 visits 的 JSON 对象）。');
  if (typeof kase.city !== 'string') throw new CaseFileError('案例缺少城市（city）。');
  if (!Array.isArray(kase.visits) || kase.visits.length === 0) throw new CaseFileError('案例缺少就诊记录（visits）。');
  if (kase.visits.length > MAX_VISITS) throw new CaseFileError(`案例有 ${kase.visits.length} 次就诊，一个案例最多 ${MAX_VISITS} 次，请分开计算。`);
  const unknown = Object.keys(kase).filter((k) => !CASE_FIELDS.has(k));
  kase.visits.forEach((visit, i) => {
    if (!visit || typeof visit !== 'object' || Array.isArray(visit)) throw new CaseFileError(`第 ${i + 1} 次就诊不是一个对象。`);
    for (const key of Object.keys(visit)) if (!VISIT_FIELDS.has(key)) unknown.push(`visits[${i}].${key}`);
  });
  if (unknown.length) throw new CaseFileError(`案例中有计算器不认识的字段：${unknown.join('、')}。`);
  if (kase.identities !== undefined && !Array.isArray(kase.identities)) throw new CaseFileError('identities 应是一个列表。');
  if (kase.parameters !== undefined && (typeof kase.parameters !== 'object' || Array.isArray(kase.parameters) || kase.parameters === null)) {
    throw new CaseFileError('parameters 应是一个对象。');
  }
  return kase;
}

// A name that says what the file is: settle-case-yantai-2023-04-02.json
export function fileNameFor(kase) {
  const date = kase.visits?.[0]?.date || 'case';
  return `settle-case-${kase.city}-${date}.json`.replace(/[^\w.-]/g, '_');
}

export function downloadCase(kase) {
  const blob = new Blob([`${JSON.stringify(kase, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFor(kase);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
