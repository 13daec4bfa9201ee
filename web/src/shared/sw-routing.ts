// How a service worker of this app treats a request, pure so the rules are tested without a browser. Both
// workers (citizen page, staff screens) share the rule and differ only in which navigations are theirs:
// - `page`: a navigation the worker owns: network first, the saved page when offline, failing (5xx) or slow;
// - `asset`: GET /assets/* (hashed, immutable): cache first, stored on first use;
// - `network`: everything else, untouched (every /api/ call, any POST): the screens keep their own data in
//   localStorage and outboxes, so the API is never cached by a worker.

export type Strategy = 'page' | 'asset' | 'network';

export interface RequestLike {
  method: string;
  url: string;
  mode?: string;
}

export function strategyFor(request: RequestLike, origin: string, ownsNavigation: (path: string) => boolean): Strategy {
  if (request.method !== 'GET') return 'network';
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return 'network';
  }
  if (url.origin !== origin) return 'network';
  const path = url.pathname;
  if (path.startsWith('/api/')) return 'network';
  if (request.mode === 'navigate') return ownsNavigation(path) ? 'page' : 'network';
  if (path.startsWith('/assets/')) return 'asset';
  return 'network';
}

/** Caches a worker may delete on activation: its own from other builds, never another worker's or app's. */
export function staleCachesFor(prefix: string, names: string[], current: string): string[] {
  return names.filter((n) => n.startsWith(prefix) && n !== current);
}
