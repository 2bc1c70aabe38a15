// Seimbang service worker: cache-first app shell so the client starts with no
// network after the first visit. Caches the page, the .js/.wasm pair (and the
// second module), manifest and icons; never API responses. It is active (and
// the app starts offline) only once every one of them is in its cache.
// The Web Workers' pairs are staged: a worker is cached only when the page asks
// for it (a signed-in role whose features use it: message STAGE), and then kept
// by every later version; a pegawai's phone never downloads them.
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
// Each Web Worker's loader and wasm by name (the same ?v= URLs the page loads).
const WORKERS = @SEIMBANG_WORKER_FILES@;

// Puts `u` into `cache`: from any cache that holds the same URL (the same bytes),
// else fetched (the HTTP cache answers it when the page has just loaded it).
async function keep(cache, u) {
  const kept = await caches.match(u);  // any cache: an older version may hold the same bytes
  if (kept) await cache.put(u, kept);
  else await cache.add(u);
}

// Worker names some older version of this app had cached (the device's roles
// used them): a new version stages them at install, so they stay offline.
async function stagedBefore() {
  const names = new Set();
  for (const key of await caches.keys()) {
    if (!key.startsWith('seimbang-') || key === CACHE) continue;
    for (const req of await (await caches.open(key)).keys()) {
      const m = new URL(req.url).pathname.match(/\/seimbang-(.+)-worker\.js$/);
      if (m && WORKERS[m[1]]) names.add(m[1]);
    }
  }
  return [...names];
}

// Caches the named workers' files that this version's cache lacks.
async function stage(names) {
  const cache = await caches.open(CACHE);
  await Promise.all(names.filter((n) => WORKERS[n]).flatMap((n) => WORKERS[n]).map(async (u) => {
    if (!(await cache.match(u))) await keep(cache, u);
  }));
}

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
    await Promise.all(PINNED.map((u) => keep(cache, u)));
    await stage(await stagedBefore());
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
  // The page after a sign-in: the workers the role's features use (index.html).
  if (event.data && event.data.type === 'STAGE' && Array.isArray(event.data.workers))
    event.waitUntil(stage(event.data.workers).then(() => {
      if (event.source) event.source.postMessage({ type: 'STAGED', workers: event.data.workers, cache: CACHE });
    }, (e) => console.warn('stage', e)));
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
