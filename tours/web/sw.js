// Service worker of an audio trail: everything the walk needs is cached at the first
// visit, so the page, the stops and their narrations work without network afterwards.
// The build fills in the version and the asset list.
const VERSION = "__VERSION__";
const ASSETS = __ASSETS__;
const CACHE = "guichet-tour-" + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(
    names.filter((name) => name.startsWith("guichet-tour-") && name !== CACHE)
      .map((name) => caches.delete(name)))).then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  // Questions need the town's server: never answered from a cache.
  if (url.pathname.includes("/api/") || event.request.method !== "GET") return;
  event.respondWith(caches.match(event.request, { ignoreSearch: true }).then(
    (hit) => hit || fetch(event.request)));
});
