import { describe, expect, it } from 'vitest';
import { memoryStore } from '../src/shared/storage';
import { startStaff } from '../src/staff/staff';
import { expectNoAxeViolations } from './axe';
import { json, loadPage, mockFetch, settle, type Handler } from './helpers';

const surveyor = { userName: 'dtv1', displayName: 'Trần Thị Bình', roles: ['surveyor'] };
const forms = [
  {
    code: '2025-H2',
    name: { vi: 'Đợt 2 năm 2025', en: 'Second half of 2025' },
    status: 'open',
    questionnaires: [
      {
        key: 'sipas-dvhcc@2025.1',
        title: { vi: 'Phiếu SIPAS', en: 'SIPAS form' },
        items: [
          { code: 'TC1', text: { vi: 'Nơi ngồi chờ', en: 'Waiting area' } },
          { code: 'TC2', text: { vi: 'Trang thiết bị', en: 'Equipment' } },
          { code: 'TC3', text: { vi: 'Biển hiệu', en: 'Signs' } },
        ],
      },
    ],
  },
];

function open(routes: Record<string, Handler>) {
  window.history.replaceState(null, '', '/staff/entry');
  loadPage('staff.html');
  const calls = mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json(200, { token: 't' });
    const route = routes[`${init.method ?? 'GET'} ${url.split('?')[0]}`];
    return route ? route(url, init) : json(404, { title: 'Not Found' });
  });
  const app = startStaff(document, memoryStore());
  return { app, calls };
}

const key = (k: string) =>
  document.getElementById('entry-answer')!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));

describe('paper form entry', () => {
  it('keys a form with the keyboard alone, refuses other keys, shows a summary and starts the next form', async () => {
    let saved = 0;
    const { app, calls } = open({
      'GET /api/auth/me': () => json(200, surveyor),
      'GET /api/surveyors/forms': () => json(200, forms),
      'GET /api/reference/areas': () => json(200, [{ code: 'construction', nameVi: 'Xây dựng', nameEn: 'Construction' }]),
      'GET /api/reference/agencies': () => json(200, [{ code: 'so-xay-dung', nameVi: 'Sở Xây dựng', nameEn: 'Department of Construction' }]),
      'POST /api/surveyors/keyings': () => json(201, { id: 'k', wave: '2025-H2', serial: '0007', state: ++saved === 1 ? 'waiting' : 'matched' }),
    });
    await app.ready;
    await app.entry.ready();
    await settle();
    expect(document.querySelector('h1')?.textContent).toBe('Nhập phiếu giấy');
    expect((document.getElementById('entry-agency') as HTMLSelectElement).value).toBe('so-xay-dung');
    await expectNoAxeViolations();

    (document.getElementById('entry-start') as HTMLButtonElement).click();
    const serial = document.getElementById('entry-serial') as HTMLInputElement;
    expect(document.activeElement).toBe(serial);
    serial.value = '0007';
    document.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(document.activeElement?.id).toBe('entry-answer');
    expect(document.querySelector('label[for=entry-answer]')?.textContent).toContain('Câu 1/3: TC1');

    key('7');
    expect(document.getElementById('entry-alert')?.textContent).toBe('Phím “7” không hợp lệ: chỉ dùng 1–5, 0 hoặc Enter.');
    expect(document.querySelector('label[for=entry-answer]')?.textContent).toContain('TC1');
    key('4');
    key('Backspace');
    expect(document.querySelector('label[for=entry-answer]')?.textContent).toContain('TC1');
    expect((document.getElementById('entry-answer') as HTMLInputElement).value).toBe('4');
    key('5');
    key('0');
    key('Enter');
    expect(document.querySelector('caption')?.textContent).toBe('Kiểm tra phiếu 0007');
    expect([...document.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['5', '0 (không ý kiến)', '(để trống)']);
    expect(document.activeElement?.id).toBe('entry-save');
    await expectNoAxeViolations();

    (document.getElementById('entry-save') as HTMLButtonElement).click();
    await settle();
    await settle();
    const post = calls.find((c) => c.url === '/api/surveyors/keyings')!;
    expect(post.body).toEqual({
      wave: '2025-H2', questionnaire: 'sipas-dvhcc@2025.1', serial: '0007', agency: 'so-xay-dung', area: 'construction',
      answers: { TC1: 5, TC2: 0, TC3: null },
    });
    expect(document.getElementById('entry-status')?.textContent).toBe('Đã lưu phiếu 0007. Chờ lần nhập thứ hai.');
    expect(document.activeElement?.id).toBe('entry-serial');
    expect((document.getElementById('entry-serial') as HTMLInputElement).value).toBe('');
    window.history.replaceState(null, '', '/');
  });

  it('switches to English and shows the link on the home screen only to surveyors', async () => {
    window.history.replaceState(null, '', '/staff');
    loadPage('staff.html');
    mockFetch((url) => (url === '/api/auth/me' ? json(200, surveyor) : json(200, { token: 't' })));
    const app = startStaff(document, memoryStore());
    await app.ready;
    expect([...document.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toContain('/staff/entry');
    (document.getElementById('lang') as HTMLButtonElement).click();
    expect([...document.querySelectorAll('a')].map((a) => a.textContent)).toContain('Key paper forms');
    window.history.replaceState(null, '', '/');
  });
});
