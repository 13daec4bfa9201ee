import { memoryStore } from '../src/shared/storage';
import { startStaff } from '../src/staff/staff';
import { json, loadPage, mockFetch, settle, type Handler } from './helpers';

// The admin console in jsdom: the staff page at an admin address, signed in, with the API answered by `routes`.

export const admin = { userName: 'admin', displayName: 'Nguyễn Văn An', roles: ['admin'] };

export function open(path: string, routes: Record<string, Handler> = {}, user: object = admin) {
  window.history.replaceState(null, '', path);
  loadPage('staff.html');
  document.getElementById('main')!.className = '';
  const calls = mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json(200, { token: 't' });
    const key = `${init.method ?? 'GET'} ${url}`;
    if (routes[key]) return routes[key](url, init);
    if (key === 'GET /api/auth/me') return json(200, user);
    return json(404, { title: 'Not Found' });
  });
  const app = startStaff(document, memoryStore());
  return { app, calls };
}

export async function ready(app: ReturnType<typeof startStaff>) {
  await app.ready;
  await app.admin.ready();
  await settle();
  await settle();
}

export const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
export const button = (label: string, scope: ParentNode = document) => {
  const b = [...scope.querySelectorAll('button')].find((x) => x.textContent!.trim() === label);
  if (!b) throw new Error(`no button “${label}” in: ${$('main').textContent}`);
  return b as HTMLButtonElement;
};

