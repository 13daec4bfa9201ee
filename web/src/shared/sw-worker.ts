// The service worker both the citizen page (dist/s/sw.js) and the staff screens (dist/staff/sw.js) run, each with
// its own cache name, page and routing: install keeps the build's files, activate drops other builds' caches, a
// navigation goes to the network with a time limit and falls back to the kept page, an asset comes from the cache
// first. scripts/build.mjs gives each build the list of files to keep and a build id.

declare const __SIPAS_PRECACHE__: string[];
declare const __SIPAS_BUILD__: string;

// The DOM library has no worker types; these are the few members used here.
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

export interface WorkerConfig {
  /** Cache names start with it; the build id completes them. */
  cachePrefix: string;
  /** The HTML page kept for offline navigations. */
  page: string;
  navigationTimeoutMs: number;
  /** How a request is served: the kept page, a kept asset, or left to the browser. */
  strategy: (request: Request, origin: string) => 'page' | 'asset' | 'network';
  /** Caches of other builds of this worker, to delete. */
  staleCaches: (names: string[], current: string) => string[];
}

export function runServiceWorker(config: WorkerConfig): void {
  const sw = self as unknown as WorkerScope;
  const CACHE = config.cachePrefix + __SIPAS_BUILD__;

  sw.addEventListener('install', (e) => {
    e.waitUntil(
      caches
        .open(CACHE)
        // The staff page has just loaded the hashed files, so the HTTP cache may give them (no second download);
        // the citizen page carries them inline, so its worker fetches them once, after the first screen, for
        // offline reloads. The HTML is revalidated.
        .then((c) => c.addAll(__SIPAS_PRECACHE__.map((u) => new Request(u, { cache: u === config.page ? 'no-cache' : 'default' }))))
        .then(() => sw.skipWaiting()),
    );
  });

  sw.addEventListener('activate', (e) => {
    e.waitUntil(
      caches
        .keys()
        .then((names) => Promise.all(config.staleCaches(names, CACHE).map((n) => caches.delete(n))))
        .then(() => sw.clients.claim()),
    );
  });

  sw.addEventListener('fetch', (e) => {
    const how = config.strategy(e.request, sw.location.origin);
    if (how === 'page') e.respondWith(page(e.request));
    else if (how === 'asset') e.respondWith(asset(e.request));
  });

  async function page(request: Request): Promise<Response> {
    const network = fetch(request).then((r) => (r.status >= 500 ? Promise.reject(r) : r));
    network.catch(() => undefined);
    try {
      return await Promise.race([network, new Promise<never>((_, reject) => setTimeout(reject, config.navigationTimeoutMs))]);
    } catch {
      const saved = await caches.match(config.page, { cacheName: CACHE });
      // Nothing saved yet: wait for the network after all, and pass a server error through as it is.
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
}
