// Stylesheets for the published site (site/generator/minify.mjs).

// A stylesheet without its comments and empty lines (its notes are for us: app.css 6.9 -> 5.3 KB
// gzip). Quoted strings are copied as they are, so a "/*" inside one stays.
export function stripCssComments(css) {
  let out = '';
  for (let i = 0; i < css.length;) {
    const c = css[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
      out += css.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 2;
    } else {
      out += c;
      i += 1;
    }
  }
  return out.split('\n').filter((line) => line.trim()).join('\n') + '\n';
}
