// What the page benchmarks share: the static server on a free port, a wait for a Performance
// API entry in the page's own world, and the median.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { ROOT, SITE } from '../tests/web/paths.js';

// scripts/static_server.py serving `dir` on 127.0.0.1; resolves with the base URL once it says
// where it listens.
export function serve(dir = SITE) {
  const server = spawn('python3', [path.join(ROOT, 'scripts/static_server.py'), dir, '0', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    readline.createInterface({ input: server.stdout }).once('line', (line) => {
      const port = /:(\d+)\/?\s*$/.exec(line)?.[1];
      if (!port) return reject(new Error(`static server said: ${line}`));
      resolve({ server, base: `http://127.0.0.1:${port}/` });
    });
  });
}

// An expression for CDP's Runtime.evaluate: the time of the Performance API entry `name` of
// `type` (NaN after 15 s: a load that never got there is left out, not waited for forever).
// Playwright's waitForFunction would inject its utility script and poll every frame, work the
// page would be measured with.
export const until = (type, name) => `new Promise((resolve) => { setTimeout(() => resolve(NaN), 15000); new PerformanceObserver((list, observer) => {
  const entry = list.getEntriesByName('${name}')[0];
  if (!entry) return;
  observer.disconnect();
  resolve(entry.startTime);
}).observe({ type: '${type}', buffered: true }); })`;

// As Python's statistics.median (bench/report.py takes the other medians with it).
export function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
