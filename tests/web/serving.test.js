// scripts/static_server.py, the server `scripts/serve.sh` runs: the headers the README's serving
// notes name, on every file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('static_server.py forbids framing by another origin and pins types and caching', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settle-serve-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(dir, 'settle.wasm'), Buffer.from([0, 97, 115, 109]));
  const server = spawn('python3', [path.join(ROOT, 'scripts/static_server.py'), dir, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => { server.kill(); fs.rmSync(dir, { recursive: true, force: true }); });
  const origin = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /http:\/\/localhost:(\d+)\//.exec(out);
      if (found) resolve(`http://127.0.0.1:${found[1]}`);
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  for (const [file, type] of [['/', 'text/html; charset=utf-8'], ['/settle.wasm', 'application/wasm']]) {
    const response = await fetch(origin + file);
    assert.equal(response.status, 200, file);
    assert.equal(response.headers.get('content-security-policy'), "frame-ancestors 'self'", file);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', file);
    assert.equal(response.headers.get('cache-control'), 'no-cache', file);
    assert.equal(response.headers.get('content-type'), type, file);
  }
});

test("the README's serving notes name the headers the server sends", () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const header of ["Content-Security-Policy: frame-ancestors 'self'", 'X-Content-Type-Options: nosniff', 'Cache-Control: no-cache']) {
    assert.ok(readme.includes(header), header);
  }
});
