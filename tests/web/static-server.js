// A tiny static file server on 127.0.0.1 for the browser tests and the build's prerender step
// (site/generator/prerender.mjs): the site's files, the right MIME types, and a log of every path
// asked for.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

// `hidden`: paths answered 404 as if absent ("/sw.js"). `holdBack`: { path, before }: that file
// is sent up to the first `before` in it, and the rest only once release() is called (a page
// whose scripts run while the browser is still parsing it).
export async function serveDir(root, { hidden = [], holdBack = null } = {}) {
  const requests = [];
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (hidden.includes(url.pathname)) { res.writeHead(404).end(); return; }
    if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
      const cut = holdBack?.path === url.pathname ? body.indexOf(holdBack.before) : -1;
      if (cut > 0) {
        res.write(body.subarray(0, cut));
        await released;
        res.end(body.subarray(cut));
      } else {
        res.end(body);
      }
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, requests, release, close: () => { release(); return new Promise((resolve) => server.close(resolve)); } };
}
