import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { DIST, WORKER, measurePage, sizes } from '../scripts/size.mjs';
import { registerWorker, type WorkerHost } from '../src/survey/sw-register';
import { CACHE_PREFIX, staleCaches, strategy } from '../src/survey/sw-routes';
import { settle } from './helpers';

const origin = 'https://sipas.nghean.gov.vn';
const req = (url: string, method = 'GET', mode = 'cors') => ({ url: origin + url, method, mode });

describe('service worker routing', () => {
  it.each([
    ['a navigation to a service point', req('/s/XD-01', 'GET', 'navigate'), 'page'],
    ['a navigation below a service point', req('/s/XD-01/anything?lang=en', 'GET', 'navigate'), 'page'],
    ['a hashed script', req('/assets/survey-BnsMsvGL.js'), 'asset'],
    ['a hashed stylesheet', req('/assets/survey-aecy0jDv.css', 'GET', 'no-cors'), 'asset'],
    ['the questionnaire (kept in localStorage instead)', req('/api/public/service-points/XD-01'), 'network'],
    ['a submitted response', req('/api/public/service-points/XD-01/responses', 'POST'), 'network'],
    ['any other POST', req('/assets/x.js', 'POST'), 'network'],
    ['a navigation outside /s/', req('/', 'GET', 'navigate'), 'network'],
    ['a navigation to the staff pages', req('/staff', 'GET', 'navigate'), 'network'],
    ['the worker script itself', req('/s/sw.js', 'GET', 'navigate'), 'network'],
    ['a navigation to an invitation link', req('/r/Zx_9-aB', 'GET', 'navigate'), 'page'],
    ['a navigation below an invitation link', req('/r/Zx_9-aB/?utm_source=zalo', 'GET', 'navigate'), 'page'],
    ['the invitation scope’s copy of the worker', req('/r/sw.js', 'GET', 'navigate'), 'network'],
    ['an invitation’s survey (kept in localStorage instead)', req('/api/public/invitations/Zx_9-aB'), 'network'],
    ['a rating sent through an invitation', req('/api/public/invitations/Zx_9-aB/responses', 'POST'), 'network'],
    ['a navigation to /rss (not an invitation)', req('/rss', 'GET', 'navigate'), 'network'],
    ['a navigation to an API address', req('/api/reference/areas', 'GET', 'navigate'), 'network'],
    ['another origin', { url: 'https://cdn.example.com/assets/a.js', method: 'GET', mode: 'cors' }, 'network'],
    ['a file that is not an asset', req('/favicon.ico'), 'network'],
    ['a malformed URL', { url: 'not a url', method: 'GET' }, 'network'],
  ])('%s → %s', (_, request, expected) => {
    expect(strategy(request, origin)).toBe(expected);
  });

  it('deletes only its own caches from other builds', () => {
    const current = `${CACHE_PREFIX}b2`;
    expect(staleCaches([`${CACHE_PREFIX}a1`, current, 'other-app', `${CACHE_PREFIX}c3`], current)).toEqual([
      `${CACHE_PREFIX}a1`,
      `${CACHE_PREFIX}c3`,
    ]);
  });
});

function host(opts: { sw?: boolean; secure?: boolean; state?: DocumentReadyState; fails?: boolean } = {}) {
  const register = vi.fn(() => (opts.fails ? Promise.reject(new Error('SecurityError')) : Promise.resolve({})));
  const listeners: (() => void)[] = [];
  const h: WorkerHost = {
    navigator: opts.sw === false ? {} : { serviceWorker: { register } },
    isSecureContext: opts.secure ?? true,
    document: { readyState: opts.state ?? 'complete' },
    addEventListener: (_type, fn) => void listeners.push(fn),
  };
  return { h, register, load: () => listeners.forEach((f) => f()) };
}

describe('service worker registration', () => {
  it('registers /s/sw.js for the /s/ scope once the page has loaded', async () => {
    const { h, register, load } = host({ state: 'interactive' });
    expect(registerWorker(h)).toBe(true);
    await settle();
    expect(register).not.toHaveBeenCalled();
    load();
    expect(register).toHaveBeenCalledWith('/s/sw.js', { scope: '/s/', updateViaCache: 'none' });
  });

  it('registers /r/sw.js for the /r/ scope on an invitation link (a worker cannot control pages above its folder)', async () => {
    const { h, register } = host();
    expect(registerWorker(h, '/r/Zx_9-aB')).toBe(true);
    await settle();
    expect(register).toHaveBeenCalledWith('/r/sw.js', { scope: '/r/', updateViaCache: 'none' });
    const s = host();
    registerWorker(s.h, '/s/XD-01');
    await settle();
    expect(s.register).toHaveBeenCalledWith('/s/sw.js', { scope: '/s/', updateViaCache: 'none' });
  });

  it('registers after the current task when the page has loaded already', async () => {
    const { h, register } = host();
    expect(registerWorker(h)).toBe(true);
    expect(register).not.toHaveBeenCalled();
    await settle();
    expect(register).toHaveBeenCalledTimes(1);
  });

  it('does nothing where service workers are unsupported or the page is not secure', async () => {
    for (const opts of [{ sw: false }, { secure: false }]) {
      const { h, register, load } = host(opts);
      expect(registerWorker(h)).toBe(false);
      load();
      await settle();
      expect(register).not.toHaveBeenCalled();
    }
  });

  it('ignores a failed registration (the page works without the worker)', async () => {
    const { h, register } = host({ fails: true });
    registerWorker(h);
    await settle();
    await settle();
    expect(register).toHaveBeenCalledTimes(1);
  });

  it('is not available in jsdom, so the page tests run without a worker', () => {
    expect(registerWorker()).toBe(false);
  });
});

// The built worker, run against fake caches and a fake network.
const built = existsSync(join(DIST, WORKER));

describe.runIf(built)('built service worker', () => {
  type Handler = (e: Record<string, unknown>) => void;

  function boot(network: (r: Request) => Promise<Response>) {
    const stores = new Map<string, Map<string, Response>>();
    const key = (r: Request | string) => new URL(typeof r === 'string' ? r : r.url, origin).pathname;
    const open = async (name: string) => {
      const s = stores.get(name) ?? new Map<string, Response>();
      stores.set(name, s);
      return {
        addAll: async (rs: Request[]) => {
          for (const r of rs) s.set(key(r), await network(r));
        },
        put: async (r: Request, res: Response) => void s.set(key(r), res),
      };
    };
    const caches = {
      open,
      keys: async () => [...stores.keys()],
      delete: async (n: string) => stores.delete(n),
      match: async (r: Request | string, o?: { cacheName?: string }) => {
        for (const [name, s] of stores) if (!o?.cacheName || o.cacheName === name) if (s.has(key(r))) return s.get(key(r))!.clone();
        return undefined;
      },
    };
    const handlers: Record<string, Handler> = {};
    const self = {
      location: new URL(origin + '/s/sw.js'),
      skipWaiting: async () => undefined,
      clients: { claim: async () => undefined },
      addEventListener: (type: string, fn: Handler) => (handlers[type] = fn),
    };
    const fetchFn = vi.fn((r: Request) => network(r));
    // Relative URLs resolve against the worker's origin, as they do in a browser.
    const WorkerRequest = class extends Request {
      constructor(url: string, init?: RequestInit) {
        super(new URL(url, origin), init);
      }
    };
    const code = readFileSync(join(DIST, WORKER), 'utf8');
    new Function('self', 'caches', 'fetch', 'Request', code)(self, caches, fetchFn, WorkerRequest);

    async function lifecycle(type: 'install' | 'activate') {
      let wait: Promise<unknown> = Promise.resolve();
      handlers[type]({ waitUntil: (p: Promise<unknown>) => (wait = p) });
      await wait;
    }
    async function fetchEvent(url: string, init: RequestInit & { mode?: string } = {}) {
      let response: Promise<Response> | undefined;
      const request = new Request(origin + url, { method: init.method ?? 'GET' });
      Object.defineProperty(request, 'mode', { value: init.mode ?? 'cors' });
      handlers.fetch({ request, respondWith: (r: Promise<Response>) => (response = r) });
      return response ? await response : undefined;
    }
    return { stores, lifecycle, fetchEvent, fetchFn };
  }

  const page = (r: Request) =>
    Promise.resolve(new Response(`<html>${new URL(r.url).pathname}</html>`, { status: 200 }));

  it('keeps survey.html and the assets it names, and drops caches of older builds on activation', async () => {
    const { stores, lifecycle } = boot(page);
    stores.set(`${CACHE_PREFIX}000000000000`, new Map());
    await lifecycle('install');
    await lifecycle('activate');
    const names = [...stores.keys()];
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(new RegExp(`^${CACHE_PREFIX}[0-9a-f]{12}$`));
    const survey = measurePage('survey.html') as { refs: string[] };
    expect([...stores.get(names[0])!.keys()].sort()).toEqual(['/survey.html', ...survey.refs].sort());
  });

  it('opens /s/{code} from the saved page when the network fails, and from the network otherwise', async () => {
    let up = true;
    const { lifecycle, fetchEvent } = boot((r) => (up ? page(r) : Promise.reject(new TypeError('offline'))));
    await lifecycle('install');
    expect(await (await fetchEvent('/s/XD-01', { mode: 'navigate' }))!.text()).toBe('<html>/s/XD-01</html>');
    up = false;
    expect(await (await fetchEvent('/s/XD-01', { mode: 'navigate' }))!.text()).toBe('<html>/survey.html</html>');
  });

  it('opens /r/{token} from the saved page when the network fails; /r/sw.js is the same worker as /s/sw.js', async () => {
    expect(readFileSync(join(DIST, 'r', 'sw.js'), 'utf8')).toBe(readFileSync(join(DIST, WORKER), 'utf8'));
    let up = true;
    const { lifecycle, fetchEvent } = boot((r) => (up ? page(r) : Promise.reject(new TypeError('offline'))));
    await lifecycle('install');
    expect(await (await fetchEvent('/r/Zx_9-aB', { mode: 'navigate' }))!.text()).toBe('<html>/r/Zx_9-aB</html>');
    up = false;
    expect(await (await fetchEvent('/r/Zx_9-aB', { mode: 'navigate' }))!.text()).toBe('<html>/survey.html</html>');
    expect(await fetchEvent('/api/public/invitations/Zx_9-aB/responses', { method: 'POST' })).toBeUndefined();
  });

  it('falls back to the saved page on a server error', async () => {
    let status = 200;
    const { lifecycle, fetchEvent } = boot((r) =>
      status === 200 ? page(r) : Promise.resolve(new Response('Bad Gateway', { status })),
    );
    await lifecycle('install');
    status = 502;
    const res = (await fetchEvent('/s/XD-01', { mode: 'navigate' }))!;
    expect(await res.text()).toBe('<html>/survey.html</html>');
  });

  it('serves assets from the cache and leaves the API and POSTs to the network', async () => {
    const { lifecycle, fetchEvent, fetchFn } = boot(page);
    await lifecycle('install');
    fetchFn.mockClear();
    const js = (measurePage('survey.html') as { refs: string[] }).refs.find((r) => r.endsWith('.js'))!;
    expect((await fetchEvent(js))!.status).toBe(200);
    expect(fetchFn).not.toHaveBeenCalled();
    expect(await fetchEvent('/api/public/service-points/XD-01')).toBeUndefined();
    expect(await fetchEvent('/api/public/service-points/XD-01/responses', { method: 'POST' })).toBeUndefined();
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('is small and counted apart from the first load', () => {
    const w = sizes(readFileSync(join(DIST, WORKER)));
    expect(w.gzip).toBeLessThan(2048);
  });
});
