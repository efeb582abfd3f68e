// Service worker: keeps every file of the site so it works offline after one visit, one build at
// a time. The `site` build fills in the file list and the build's hash (it changes with any file).
// - A new build's files are fetched past the HTTP cache (a server that sends max-age would
//   otherwise hand the new cache the old files).
// - A new build waits: open pages keep the build they started with. The page offers
//   “新版本已就绪，刷新”, which asks the waiting worker to take over, and then reloads.
// - A page asks for a file it loads later (the chart, the comparison) with ?build=<its build>, and
//   gets it from that build's cache, so one page never mixes files of two builds. An old build's
//   cache stays while a page still runs it (each calculator page says which build it runs).
const BUILD = '@VERSION@';
const CACHE = `settle-${BUILD}`;
const FILES = [
  './',
/*@FILES@*/];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'reload' })))));
});

self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

// The builds the open pages run, as they answer (a page that does not answer within a second
// has nothing left to load).
async function buildsInUse() {
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const answers = pages.map((page) => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    setTimeout(() => resolve(null), 1000);
    page.postMessage('build?', [channel.port2]);
  }));
  return new Set(await Promise.all(answers));
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const running = await buildsInUse();
    const old = (await caches.keys()).filter((name) => name.startsWith('settle-') && name !== CACHE);
    await Promise.all(old.filter((name) => !running.has(name.slice('settle-'.length))).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

// Cache first: the page's files only change with a new build, which brings a new cache.
async function respond(request) {
  const build = new URL(request.url).searchParams.get('build');
  if (build && build !== BUILD && await caches.has(`settle-${build}`)) {
    const hit = await (await caches.open(`settle-${build}`)).match(request, { ignoreSearch: true });
    if (hit) return hit;
  }
  return (await (await caches.open(CACHE)).match(request, { ignoreSearch: true })) || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(respond(request));
});
