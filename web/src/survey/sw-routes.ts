// What the citizen page's service worker (sw.ts, served at /s/sw.js) does with each request. Pure, so
// that the rules are tested without a browser.

/** The worker's scope and URL: it controls the citizen pages only. */
export const SW_SCOPE = '/s/';
export const SW_URL = '/s/sw.js';

/** The copy of the citizen page kept for offline navigations (every /s/{code} serves the same HTML). */
export const PAGE = '/survey.html';

/** Caches are named `sipas-survey-{build}`; older builds' caches are deleted when a new worker activates. */
export const CACHE_PREFIX = 'sipas-survey-';

/** How long a navigation waits for the network before the saved page is shown instead (slow 2G). */
export const NAVIGATION_TIMEOUT_MS = 6000;

/**
 * - `page`: a navigation to /s/… — network first, the saved survey.html when offline, failing (5xx) or slow;
 * - `asset`: GET /assets/* (hashed, immutable) — cache first, stored on first use;
 * - `network`: everything else, untouched (every /api/ call, any POST): the page keeps the last
 *   questionnaire in localStorage and the outbox keeps unsent answers, so the API is never cached here.
 */
export type Strategy = 'page' | 'asset' | 'network';

export interface RequestLike {
  method: string;
  url: string;
  mode?: string;
}

export function strategy(request: RequestLike, origin: string): Strategy {
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
  if (request.mode === 'navigate') return path.startsWith(SW_SCOPE) && path !== SW_URL ? 'page' : 'network';
  if (path.startsWith('/assets/')) return 'asset';
  return 'network';
}

/** Caches a worker may delete on activation: ours from other builds, never another app's. */
export function staleCaches(names: string[], current: string): string[] {
  return names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== current);
}
