import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLanding, surveyPath } from '../src/landing/landing';
import { CREDENTIAL_KEY } from '../src/shared/device';
import { Outbox } from '../src/shared/outbox';
import { browserStore } from '../src/shared/storage';
import { expectNoAxeViolations } from './axe';
import { header, json, loadPage, mockFetch, settle } from './helpers';

afterEach(() => localStorage.clear());

describe('landing page', () => {
  it('turns a typed code into the survey address', () => {
    expect(surveyPath(' xd-01 ')).toBe('/s/XD-01');
    expect(surveyPath('')).toBeUndefined();
    expect(surveyPath('XD 01')).toBeUndefined();
    expect(surveyPath('../staff')).toBeUndefined();
  });

  it('explains Sipas in Vietnamese and links to the survey, staff sign-in and API docs', async () => {
    mockFetch(() => json(201, {}));
    loadPage('index.html');
    startLanding();
    const text = document.body.textContent!.replace(/\s+/g, ' ');
    expect(document.querySelector('h1')?.textContent).toBe(
      'Sipas — Khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước tỉnh Nghệ An',
    );
    expect(text).toContain('Đánh giá dịch vụ');
    expect(text).toContain('Quét mã QR');
    const links = [...document.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toContainEqual(['Đăng nhập cán bộ', '/staff']);
    expect(links).toContainEqual(['Tài liệu API', '/api-docs']);
    expect(links.some(([, href]) => href?.includes('health'))).toBe(false);
    await expectNoAxeViolations();
  });

  it('asks for a code before leaving, with the message linked to the field', async () => {
    mockFetch(() => json(201, {}));
    loadPage('index.html');
    startLanding();
    document.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    const input = document.getElementById('code')!;
    expect(document.activeElement).toBe(input);
    expect(input.getAttribute('aria-describedby')).toContain('code-err');
    expect(document.getElementById('code-err')?.textContent).toBe('Vui lòng nhập mã điểm phục vụ.');
    await expectNoAxeViolations();
  });

  it('switches to English', () => {
    mockFetch(() => json(201, {}));
    loadPage('index.html');
    startLanding();
    (document.getElementById('lang') as HTMLButtonElement).click();
    expect(document.documentElement.lang).toBe('en');
    expect(document.body.textContent).toContain('Staff sign-in');
    expect(localStorage.getItem('sipas.lang')).toBe('en');
  });

  it('sends responses left waiting by the survey page', async () => {
    const calls = mockFetch(() => {
      throw new TypeError('offline');
    });
    const store = browserStore();
    const outbox = new Outbox(store, async () => ({ ok: false, kind: 'network', status: 0 }));
    await outbox.submit('XD-01', { clientId: 'c-1', answers: { TC1: 5 } });
    calls.length = 0;
    const later = mockFetch(() => json(201, { id: 'x', receipt: 'AB12-CD34', receivedAt: '2025-05-14T02:31:07Z' }));
    loadPage('index.html');
    startLanding();
    await vi.waitFor(() => expect(document.getElementById('outbox')?.textContent).toContain('AB12-CD34'));
    await settle();
    expect(later[0].url).toBe('/api/public/service-points/XD-01/responses');
    expect(outbox.entries()).toEqual([]);
  });

  it('sends an invitation’s rating left waiting to the invitation, with the credential of its start', async () => {
    localStorage.clear();
    const store = browserStore();
    store.setItem(CREDENTIAL_KEY, JSON.stringify({ credential: 'held-now', issuedAt: '2025-05-14T03:00:00Z' }));
    const outbox = new Outbox(store, async () => ({ ok: false, kind: 'network', status: 0 }));
    const url = '/api/public/invitations/Zx_9-aB/responses';
    await outbox.submit('XD-01', { clientId: 'c-2', answers: { TC1: 4 } }, { url, device: 'cred-at-start' });
    const later = mockFetch(() => json(201, { id: 'y', receipt: 'EF56-GH78', receivedAt: '2025-05-14T02:31:07Z' }));
    loadPage('index.html');
    startLanding();
    await vi.waitFor(() => expect(document.getElementById('outbox')?.textContent).toContain('EF56-GH78'));
    expect(later[0].url).toBe(url);
    expect(header(later[0].init, 'X-Sipas-Device')).toBe('cred-at-start');
    expect(outbox.entries()).toEqual([]);
  });
});
