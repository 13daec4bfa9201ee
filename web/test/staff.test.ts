import { describe, expect, it } from 'vitest';
import { memoryStore } from '../src/shared/storage';
import { startStaff } from '../src/staff/staff';
import { expectNoAxeViolations } from './axe';
import { header, json, loadPage, mockFetch, settle, type Handler } from './helpers';

const admin = { userName: 'admin', displayName: 'Nguyễn Văn An', roles: ['admin', 'analyst'] };

function open(routes: Record<string, Handler>) {
  loadPage('staff.html');
  let csrf = 0;
  const calls = mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json(200, { token: `t${++csrf}` });
    const route = routes[`${init.method ?? 'GET'} ${url}`];
    return route ? route(url, init) : json(404, { title: 'Not Found' });
  });
  const app = startStaff(document, memoryStore());
  return { app, calls };
}

function signIn(user: string, password: string) {
  (document.getElementById('userName') as HTMLInputElement).value = user;
  (document.getElementById('password') as HTMLInputElement).value = password;
  document.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
}

describe('staff sign-in', () => {
  it('signs in with the antiforgery token, greets the user with their roles, and signs out', async () => {
    const { app, calls } = open({
      'GET /api/auth/me': () => json(401, { title: 'Unauthorized' }),
      'POST /api/auth/sign-in': () => json(200, admin),
      'POST /api/auth/sign-out': () => new Response(null, { status: 204 }),
    });
    await app.ready;
    expect(document.querySelector('h1')?.textContent).toBe('Đăng nhập cán bộ');
    expect(document.querySelector('label[for=userName]')?.textContent).toBe('Tên đăng nhập');
    expect(document.querySelector('label[for=password]')?.textContent).toBe('Mật khẩu');
    await expectNoAxeViolations();

    signIn('admin', 'secret');
    await settle();
    await settle();
    const post = calls.find((c) => c.url === '/api/auth/sign-in')!;
    expect(post.body).toEqual({ userName: 'admin', password: 'secret' });
    expect(header(post.init, 'X-CSRF-TOKEN')).toBe('t1');
    expect(post.init.credentials).toBe('same-origin');
    expect(document.querySelector('h1')?.textContent).toBe('Xin chào, Nguyễn Văn An');
    expect([...document.querySelectorAll('ul[aria-labelledby="roles"] li')].map((li) => li.textContent)).toEqual([
      'Quản trị viên',
      'Chuyên viên phân tích',
    ]);
    await expectNoAxeViolations();

    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Đăng xuất')!.click();
    await settle();
    await settle();
    const out = calls.find((c) => c.url === '/api/auth/sign-out')!;
    expect(header(out.init, 'X-CSRF-TOKEN')).toBe('t2'); // refreshed after sign-in
    expect(document.querySelector('h1')?.textContent).toBe('Đăng nhập cán bộ');
  });

  it('shows who is signed in already', async () => {
    const { app } = open({ 'GET /api/auth/me': () => json(200, admin) });
    await app.ready;
    expect(document.querySelector('h1')?.textContent).toBe('Xin chào, Nguyễn Văn An');
  });

  it('says when the credentials are wrong, or after too many failures when to try again', async () => {
    let throttled = false;
    const { app } = open({
      'GET /api/auth/me': () => json(401, {}),
      'POST /api/auth/sign-in': () =>
        throttled
          ? json(429, { title: 'Too many failed sign-ins', status: 429 }, { 'Retry-After': '300' })
          : json(401, { title: 'Unauthorized' }),
    });
    await app.ready;
    signIn('admin', 'wrong');
    await settle();
    expect(document.querySelector('[role=alert]')?.textContent).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(document.getElementById('password')?.getAttribute('aria-describedby')).toBe('sign-in-err');
    expect((document.getElementById('userName') as HTMLInputElement).value).toBe('admin');
    await expectNoAxeViolations();
    throttled = true;
    signIn('admin', 'wrong');
    await settle();
    expect(document.querySelector('[role=alert]')?.textContent).toBe(
      'Quá nhiều lần đăng nhập không thành công. Vui lòng thử lại sau 5 phút.',
    );
  });

  it('switches to English', async () => {
    const { app } = open({ 'GET /api/auth/me': () => json(401, {}) });
    await app.ready;
    (document.getElementById('lang') as HTMLButtonElement).click();
    expect(document.documentElement.lang).toBe('en');
    expect(document.querySelector('h1')?.textContent).toBe('Staff sign-in');
    expect(document.querySelector('label[for=password]')?.textContent).toBe('Password');
  });
});
