// Cartwheel's service worker: an offline shell, nothing more. Pages are network-first (fresh
// prices and stock always win) and fall back to the last app shell when offline; content-hashed
// assets are cache-first. API calls are never cached: offline, screens show their offline state.
const SHELL = 'cw-shell-v1';
const ASSETS = 'cw-assets-v1';
const PRECACHE = ['/', '/manifest.webmanifest', '/favicon.svg', '/icons/icon-192.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k !== SHELL && k !== ASSETS).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

const entryOf = (html) => /\/assets\/index-[\w-]+\.js/.exec(html)?.[0];

async function refreshShell(response) {
  const cache = await caches.open(SHELL);
  const previous = await cache.match('/');
  const html = await response.clone().text();
  // A new build: drop the old hashed files (the new ones are cached again as they load).
  if (previous && entryOf(await previous.text()) !== entryOf(html)) await caches.delete(ASSETS);
  await cache.put('/', response);
}

const OFFLINE_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline — Cartwheel</title><body style="font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;background:#f5f7f6;color:#1c1c1c;text-align:center"><div><h1>You are offline</h1><p>Check your connection and try again.</p></div></body></html>`;

async function navigate(request) {
  try {
    const response = await fetch(request);
    const url = new URL(request.url);
    if (response.ok && url.pathname === '/' && !url.search) await refreshShell(response.clone());
    return response;
  } catch {
    const shell = await caches.match('/', { cacheName: SHELL });
    return shell ?? new Response(OFFLINE_PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } });
  }
}

async function asset(request) {
  const cached = await caches.match(request, { cacheName: ASSETS });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(ASSETS);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') return event.respondWith(navigate(request));
  if (url.pathname.startsWith('/assets/')) return event.respondWith(asset(request));
  if (PRECACHE.includes(url.pathname))
    event.respondWith(fetch(request).catch(() => caches.match(request, { cacheName: SHELL })));
});
