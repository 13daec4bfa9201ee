// The staff screens' service worker, built by scripts/build.mjs into dist/staff/sw.js with the files of the
// staff shell and a build id. Served with `Cache-Control: no-cache`.
import { STAFF_CACHE_PREFIX, STAFF_NAVIGATION_TIMEOUT_MS, STAFF_PAGE, staffStrategy, staleStaffCaches } from './sw-routes';

declare const __SIPAS_PRECACHE__: string[];
declare const __SIPAS_BUILD__: string;

interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
}

const sw = self as unknown as WorkerScope;
const CACHE = STAFF_CACHE_PREFIX + __SIPAS_BUILD__;

sw.addEventListener('install', (e) => {
  e.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.addAll(__SIPAS_PRECACHE__.map((u) => new Request(u, { cache: u === STAFF_PAGE ? 'no-cache' : 'default' }))))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener('activate', (e) => {
  e.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(staleStaffCaches(names, CACHE).map((n) => caches.delete(n))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (e) => {
  const how = staffStrategy(e.request, sw.location.origin);
  if (how === 'page') e.respondWith(page(e.request));
  else if (how === 'asset') e.respondWith(asset(e.request));
});

async function page(request: Request): Promise<Response> {
  const network = fetch(request).then((r) => (r.status >= 500 ? Promise.reject(r) : r));
  network.catch(() => undefined);
  try {
    return await Promise.race([network, new Promise<never>((_, reject) => setTimeout(reject, STAFF_NAVIGATION_TIMEOUT_MS))]);
  } catch {
    const saved = await caches.match(STAFF_PAGE, { cacheName: CACHE });
    return saved ?? network.catch((r: unknown) => (r instanceof Response ? r : Response.error()));
  }
}

async function asset(request: Request): Promise<Response> {
  const saved = await caches.match(request);
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    void caches.open(CACHE).then((c) => c.put(request, copy)).catch(() => undefined);
  }
  return response;
}
