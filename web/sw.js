// Seimbang service worker: cache-first app shell so the client starts with no
// network after the first visit. Caches the page, the .js/.wasm pair, the Web
// Workers' pairs, manifest and icons; never API responses. It is active (and
// the app starts offline) only once every one of them is in its cache.
// A new version installs beside the old one and waits: the page tells it to take
// over only when the outbox is empty (see index.html).
const VERSION = '@SEIMBANG_VERSION@';
const CACHE = 'seimbang-' + VERSION;
// Every file but the page, each named by its content hash (stage_web.cmake). The
// same URL is the same bytes, so it is taken from an older version's cache or from
// the HTTP cache (the server marks it immutable) rather than downloaded again:
// a first visit fetches each file once, an update only the files that changed.
const PINNED = [
@SEIMBANG_SHELL@];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // The page itself is revalidated with the server ('no-cache'): once, as './'
    // (the URL a visit loads, so the HTTP cache's copy answers a 304 and the page
    // does not cross again), kept under both names the fetch handler asks for.
    const page = await fetch(new Request('./', { cache: 'no-cache' }));
    if (!page.ok) throw new Error('page: HTTP ' + page.status);
    await cache.put('index.html', page.clone());
    await cache.put('./', page);
    // All at once: on a slow link the files share its bandwidth anyway, and
    // asking one after the other added a round trip per file to the time until
    // the app works offline (bench/web/load.mjs shared_links: offline_ready_ms).
    await Promise.all(PINNED.map(async (u) => {
      const kept = await caches.match(u);  // any cache: an older version may hold the same bytes
      if (kept) await cache.put(u, kept);
      else await cache.add(u);
    }));
  })());
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
    // A plain URL (an icon named by the page or the manifest) is answered with
    // this version's file whatever its ?v=.
    const hit = (await cache.match(req)) || (url.search === '' && (await cache.match(req, { ignoreSearch: true })));
    if (hit) return hit;
    return fetch(req);
  })());
});
