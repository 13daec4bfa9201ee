// What the staff screens' service worker (offline/sw.ts, served at /staff/sw.js) does with each request. Pure,
// so the rules are tested without a browser. It keeps the staff shell (staff.html and its hashed files) so a
// surveyor signed in once can open the interview screen with no network; the API is never cached here (the
// screen keeps its assignments and questionnaires in localStorage, the outbox keeps unsent interviews).

export const STAFF_SW_SCOPE = '/staff/';
export const STAFF_SW_URL = '/staff/sw.js';
export const STAFF_PAGE = '/staff.html';
export const STAFF_CACHE_PREFIX = 'sipas-staff-';
export const STAFF_NAVIGATION_TIMEOUT_MS = 4000;

export type StaffStrategy = 'page' | 'asset' | 'network';

export interface RequestLike {
  method: string;
  url: string;
  mode?: string;
}

/** `page`: a navigation under /staff/ (network first, the saved shell offline); `asset`: /assets/* cache first. */
export function staffStrategy(request: RequestLike, origin: string): StaffStrategy {
  if (request.method !== 'GET') return 'network';
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return 'network';
  }
  if (url.origin !== origin || url.pathname.startsWith('/api/')) return 'network';
  if (request.mode === 'navigate')
    return (url.pathname === '/staff' || url.pathname.startsWith(STAFF_SW_SCOPE)) && url.pathname !== STAFF_SW_URL ? 'page' : 'network';
  if (url.pathname.startsWith('/assets/')) return 'asset';
  return 'network';
}

export function staleStaffCaches(names: string[], current: string): string[] {
  return names.filter((n) => n.startsWith(STAFF_CACHE_PREFIX) && n !== current);
}
