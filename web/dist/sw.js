// Parley's service worker: caches the app shell so the app opens fast
// and installs as a PWA. API calls and event streams are never cached.
const VERSION = "d9a50849";
const SHELL = ["/","/app/app-2185725e.js","/app/app-883f619b.css","/app/icon.svg","/manifest.webmanifest"];
const CACHE = 'parley-shell-' + VERSION;

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys().then((keys) => Promise.all(keys
    .filter((k) => k.startsWith('parley-shell-') && k !== CACHE)
    .map((k) => caches.delete(k)))).then(() => self.clients.claim()));
});

self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/sim/'))
    return;
  // Pages: the network first (a fresh build), the cached shell offline.
  if (e.request.mode === 'navigate') {
    e.respondWith(fetch(e.request).catch(() => caches.match('/')));
    return;
  }
  if (url.pathname.startsWith('/app/')) {
    e.respondWith(caches.match(e.request)
      .then((hit) => hit || fetch(e.request)));
  }
});
