// Stadtmelder's service worker, served as /sw.js with the scope /melden (server/routes/offline.ts).
// Two jobs, see docs/decisions/035-offline-drafts.md:
// - keep /melden, the category forms visited and their static files, and serve them when the network
//   fails (network first: online, every page and file comes fresh from the server);
// - when the report form's post cannot reach the server, keep it as a draft in IndexedDB and answer
//   with the form page again, where web/offline.js shows "wartet auf Verbindung" and sends it later.
// Map tiles come from another host and are never touched: the map is blank offline, the address
// field and "use my position" still work.
'use strict';
importScripts('/static/drafts-db.js');

const CACHE = 'stadtmelder-offline-1';
/** What a form needs besides its own page. Fetched at install; one that fails does not stop it. */
const ASSETS = [
  '/melden',
  '/static/site.css',
  '/static/offline.css',
  '/static/favicon.svg',
  '/static/drafts-db.js',
  '/static/offline.js',
  '/static/map.css',
  '/static/map.js',
  '/static/leaflet/leaflet.css',
  '/static/leaflet/leaflet.js',
  '/static/leaflet/images/marker-icon.png',
  '/static/leaflet/images/marker-icon-2x.png',
  '/static/leaflet/images/marker-shadow.png',
];
/** A page that does not answer within this time is taken from the cache, where there is one. */
const NAVIGATION_PATIENCE_MS = 6000;

const FORM_PATH = /^\/melden\/[a-z0-9-]+$/;
const isCached = (url) => url.pathname === '/melden' || FORM_PATH.test(url.pathname) || url.pathname.startsWith('/static/');

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.allSettled(ASSETS.map((path) => cache.add(path)))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  const old = caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('stadtmelder-offline-') && k !== CACHE).map((k) => caches.delete(k))));
  event.waitUntil(old.then(() => self.clients.claim()));
});

// The page that registered us was loaded before we ran: it asks us to keep it.
self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type !== 'keep' || typeof data.url !== 'string') return;
  const url = new URL(data.url, self.location.href);
  if (url.origin !== self.location.origin || !isCached(url)) return;
  url.hash = '';
  event.waitUntil(caches.open(CACHE).then((cache) => cache.add(url.href)).catch(() => undefined));
});

/** Vary: Accept-Language is ignored: the phone's language does not change while it is offline. */
const fromCache = (request) => caches.match(request, { ignoreVary: true, cacheName: CACHE });

async function networkFirst(request, patience) {
  const network = fetch(request).then(async (response) => {
    if (response.ok && response.type === 'basic') {
      const copy = response.clone();
      await caches.open(CACHE).then((cache) => cache.put(request, copy)).catch(() => undefined);
    }
    return response;
  });
  if (!patience) return network.catch(async (error) => (await fromCache(request)) || Promise.reject(error));
  // Weak signal: after a while the kept page is better than a spinner; the network answer still
  // refreshes the cache when it comes.
  const slow = new Promise((resolve) => setTimeout(resolve, patience)).then(() => fromCache(request));
  const cached = network.catch(() => fromCache(request)).then((r) => r || Promise.reject(new Error('offline')));
  return Promise.any([network, slow.then((r) => r || cached), cached]);
}

/** The form's post: to the server when it can be reached, else kept as a draft. */
async function postOrKeep(request) {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch {
    const url = new URL(request.url);
    const form = await copy.formData();
    // The honeypot: what the server would drop, we do not keep.
    if (form.get('website')) return Response.redirect(new URL('/melden', url).href, 303);
    const id = await self.StadtmelderDrafts.add(request.url, form);
    return Response.redirect(`${url.origin}${url.pathname}${url.search}#entwurf-${id}`, 303);
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && request.mode === 'navigate' && FORM_PATH.test(url.pathname)) {
    event.respondWith(postOrKeep(request));
    return;
  }
  if (request.method !== 'GET' || !isCached(url)) return;
  event.respondWith(networkFirst(request, request.mode === 'navigate' ? NAVIGATION_PATIENCE_MS : 0));
});
