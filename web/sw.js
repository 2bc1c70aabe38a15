// Seimbang service worker: cache-first app shell so the client starts with no
// network after the first visit. Caches the versioned .js/.wasm pair (the build
// stamps VERSION), the page, manifest and icons; never API responses.
// A new version installs beside the old one and waits: the page tells it to take
// over only when the outbox is empty (see index.html).
const VERSION = '@SEIMBANG_VERSION@';
const CACHE = 'seimbang-' + VERSION;
const SHELL = [
  './',
  'index.html',
  'seimbang-web.js?v=' + VERSION,
  'seimbang-web.wasm?v=' + VERSION,
  'manifest.webmanifest',
  'icons/icon.svg',
  'icons/icon-192.png',
  'icons/icon-512.png',
];

self.addEventListener('install', (event) => {
  // cache: 'reload' bypasses the HTTP cache so the pair really is this version.
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL.map((u) => new Request(u, { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys())
      if (key.startsWith('seimbang-') && key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.includes('/api/')) return;  // API: always the network, never cached
  const scope = new URL(self.registration.scope).pathname;
  if (req.mode === 'navigate') {
    // Any page of the app is the app shell (client-side screens).
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match('index.html');
      if (hit) return hit;
      return fetch(req);
    })());
    return;
  }
  if (!url.pathname.startsWith(scope)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(req);
    if (hit) return hit;
    return fetch(req);
  })());
});
