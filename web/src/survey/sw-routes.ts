// What the citizen page's service worker (sw.ts, served at /s/sw.js) does with each request. Pure, so
// that the rules are tested without a browser.
import { staleCachesFor, strategyFor, type RequestLike, type Strategy } from '../shared/sw-routing';

/**
 * The worker's scope and URL: it controls the citizen pages only. The same file is also served as /r/sw.js, for
 * the scope /r/ of invitation links (a worker's scope cannot reach above the folder of its script).
 */
export const SW_SCOPE = '/s/';
export const SW_URL = '/s/sw.js';
export const INVITE_SCOPE = '/r/';

/** The worker for a page's path: /r/… pages register /r/sw.js for /r/, every other citizen page /s/sw.js for /s/. */
export const workerFor = (pathname: string) => {
  const scope = pathname.startsWith(INVITE_SCOPE) ? INVITE_SCOPE : SW_SCOPE;
  return { scope, url: `${scope}sw.js` };
};

/** The copy of the citizen page kept for offline navigations (/s/{code} and /r/{token} serve it with their survey added). */
export const PAGE = '/survey.html';

/** Caches are named `sipas-survey-{build}`; older builds' caches are deleted when a new worker activates. */
export const CACHE_PREFIX = 'sipas-survey-';

/** How long a navigation waits for the network before the saved page is shown instead (slow 2G). */
export const NAVIGATION_TIMEOUT_MS = 6000;

export type { RequestLike, Strategy } from '../shared/sw-routing';

/** `page`: a navigation to /s/… or /r/… (not the worker itself); the rest as every worker of the app (shared/sw-routing). */
export function strategy(request: RequestLike, origin: string): Strategy {
  return strategyFor(request, origin, (path) => /^\/[sr]\//.test(path) && !path.endsWith('/sw.js'));
}

/** Caches a worker may delete on activation: ours from other builds, never another app's. */
export function staleCaches(names: string[], current: string): string[] {
  return staleCachesFor(CACHE_PREFIX, names, current);
}
