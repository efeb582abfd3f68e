// The site's own pages register the same service worker as the calculator, so whichever page
// is opened first, every page (and the calculator) then works offline.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch(() => { /* the page works without it */ });
}
