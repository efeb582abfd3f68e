// The head lines every page of the site shares (charset, viewport, Content-Security-Policy,
// referrer, theme colour, manifest, icon, stylesheet), written in one place: the generated pages
// take them from commonHead(); web/index.html and site/training.html hold a marker line,
// `<!--@head-->` (or `<!--@head wasm-->` for a page that runs the engine), which
// expandHead() replaces in the assembled site.
const csp = (wasm) => [
  "default-src 'self'", `script-src 'self'${wasm ? " 'wasm-unsafe-eval'" : ''}`, "style-src 'self'", "img-src 'self'",
  "font-src 'self'", "connect-src 'self'", "worker-src 'self'", "manifest-src 'self'", "object-src 'none'",
  "base-uri 'self'", "form-action 'none'",
].join('; ');

export function commonHead({ wasm = false } = {}) {
  return `<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
      content="${csp(wasm)}">
<meta name="referrer" content="no-referrer">
<meta name="theme-color" content="#174ea6">
<link rel="manifest" href="manifest.webmanifest">
<link rel="icon" href="icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="app.css">`;
}

export const indent = (text, spaces) => text.split('\n').map((line) => spaces + line).join('\n');

// The page's text with its one marker line expanded; throws when it has none (or several).
export function expandHead(text, name) {
  const markers = [...text.matchAll(/^( *)<!--@head( wasm)?-->$/gm)];
  if (markers.length !== 1) throw new Error(`${name}: expected one <!--@head--> line, found ${markers.length}`);
  const [line, spaces, wasm] = markers[0];
  return text.replace(line, indent(commonHead({ wasm: Boolean(wasm) }), spaces));
}
