// What the staff screens' service worker (offline/sw.ts, served at /staff/sw.js) does with each request. Pure,
// so the rules are tested without a browser. It keeps the staff shell (staff.html and its hashed files) so a
// surveyor signed in once can open the interview screen with no network; the API is never cached here (the
// screen keeps its assignments and questionnaires in localStorage, the outbox keeps unsent interviews).
import { staleCachesFor, strategyFor, type RequestLike, type Strategy } from '../../shared/sw-routing';

export const STAFF_SW_SCOPE = '/staff/';
export const STAFF_SW_URL = '/staff/sw.js';
export const STAFF_PAGE = '/staff.html';
export const STAFF_CACHE_PREFIX = 'sipas-staff-';
export const STAFF_NAVIGATION_TIMEOUT_MS = 4000;

export type StaffStrategy = Strategy;
export type { RequestLike } from '../../shared/sw-routing';

/** `page`: a navigation under /staff/ (network first, the saved shell offline); `asset`: /assets/* cache first. */
export function staffStrategy(request: RequestLike, origin: string): StaffStrategy {
  return strategyFor(request, origin, (path) => (path === '/staff' || path.startsWith(STAFF_SW_SCOPE)) && path !== STAFF_SW_URL);
}

export function staleStaffCaches(names: string[], current: string): string[] {
  return staleCachesFor(STAFF_CACHE_PREFIX, names, current);
}
