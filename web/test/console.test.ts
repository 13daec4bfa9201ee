import { afterEach, describe, expect, it, vi } from 'vitest';
import { $, admin, button, open, ready } from './admin-console';
import { expectNoAxeViolations } from './axe';
import { json, questionnaire, settle } from './helpers';

const rowsOf = [
  { key: 'sipas-dvhcc@2025.1', code: 'sipas-dvhcc', version: '2025.1', family: 'SIPAS', titleVi: 'Phiếu SIPAS', titleEn: 'SIPAS form',
    status: 'published', scoredItems: 22, publishedAt: '2025-05-14T02:00:00Z' },
  { key: 'sipas-dvhcc@2026.1', code: 'sipas-dvhcc', version: '2026.1', family: 'SIPAS', titleVi: 'Phiếu SIPAS 2026', titleEn: null,
    status: 'draft', scoredItems: 22, publishedAt: null },
];

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('admin console', () => {
  it('links every admin section from the staff home', async () => {
    const { app } = open('/staff');
    await ready(app);
    const links = [...document.querySelectorAll('.admin-links a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['service-points', 'questionnaires', 'waves', 'targets', 'par-rules', 'agencies', 'communes', 'users', 'audit', 'clients']
      .map((s) => `/staff/admin/${s}`));
  });

  it('lists every fault of an uploaded questionnaire with its JSON path, and sends the text as it is', async () => {
    const { app, calls } = open('/staff/admin/questionnaires', {
      'GET /api/questionnaires': () => json(200, rowsOf),
      'POST /api/admin/questionnaires': () => json(400, {
        title: 'Phiếu khảo sát không hợp lệ / The questionnaire is not valid',
        errors: { '$.family': ['nhóm phiếu không hợp lệ / unknown family'], '$.sections[0].items[0].scale': ['thang đo không hợp lệ / unknown scale'] },
      }),
    });
    await ready(app);
    expect($('h1').textContent).toBe('Phiếu khảo sát');
    expect(document.title).toBe('Phiếu khảo sát — Sipas');
    $<HTMLTextAreaElement>('#q-json').value = '{"code": "x"}';
    button('Kiểm tra và lưu bản nháp').click();
    await settle();
    await settle();
    const post = calls.find((c) => c.url === '/api/admin/questionnaires')!;
    expect(post.init.body).toBe('{"code": "x"}');
    const faults = [...document.querySelectorAll('#q-faults li')].map((li) => li.textContent);
    expect($('#q-faults p').textContent).toBe('Phiếu chưa hợp lệ (2 lỗi); chưa lưu gì:');
    expect(faults).toEqual([
      '$.family — nhóm phiếu không hợp lệ / unknown family',
      '$.sections[0].items[0].scale — thang đo không hợp lệ / unknown scale',
    ]);
    expect($<HTMLTextAreaElement>('#q-json').value).toBe('{"code": "x"}');
    expect(document.activeElement?.id).toBe('q-faults');
    await expectNoAxeViolations();
  });

  it('previews a version as citizens and surveyors see it, and publishes a draft', async () => {
    const { app, calls } = open('/staff/admin/questionnaires', {
      'GET /api/questionnaires': () => json(200, rowsOf),
      'GET /api/questionnaires/sipas-dvhcc/2026.1': () => json(200, questionnaire),
      'POST /api/admin/questionnaires/sipas-dvhcc/2026.1/publish': () => json(200, { ...rowsOf[1], status: 'published' }),
    });
    await ready(app);
    const draft = $('tr[data-key="sipas-dvhcc@2026.1"]');
    expect(draft.textContent).toContain('Bản nháp');
    button('Xem trước', draft).click();
    await settle();
    await settle();
    expect($('#q-preview-title').textContent).toBe('Xem trước sipas-dvhcc@2026.1');
    const first = questionnaire.sections[0].items[0];
    expect($('#q-citizen').textContent).toContain(first.text.vi);
    expect(document.querySelectorAll(`#q-citizen input[name="q-${first.code}"]`).length).toBe(6);
    expect($('#q-surveyor').textContent).toContain(first.code);
    expect($('#q-surveyor').textContent).toContain('1–5, 0 = không ý kiến');
    await expectNoAxeViolations();
    button('Ban hành', $('tr[data-key="sipas-dvhcc@2026.1"]')).click();
    await settle();
    await settle();
    expect(calls.some((c) => c.url === '/api/admin/questionnaires/sipas-dvhcc/2026.1/publish' && c.init.method === 'POST')).toBe(true);
    expect($('#q-notice').textContent).toBe('Đã ban hành sipas-dvhcc@2026.1; phiên bản này không thể sửa nữa.');
  });

  it('shows why a wave cannot open, and each channel’s count', async () => {
    const wave = {
      code: '2026-H1', nameVi: 'Đợt 1 năm 2026', nameEn: 'First half of 2026', status: 'draft', startsOn: '2026-01-01', endsOn: '2026-06-30',
      lookbackFrom: '2025-10-01', lookbackTo: '2026-03-31', questionnaires: [], officialChannels: [], areaCodes: [], agencyCodes: [],
      unitCodes: [], counts: { web: 1200, paper: 35, interview: 0, import: 0, portal: 7 }, servicePoints: 0, assignments: 0,
    };
    const { app } = open('/staff/admin/waves', {
      'GET /api/admin/waves': () => json(200, [wave]),
      'GET /api/questionnaires': () => json(200, rowsOf),
      'GET /api/reference/areas': () => json(200, []),
      'POST /api/admin/waves/2026-H1/open': () => json(409, {
        title: 'Chưa thể mở đợt 2026-H1 / Wave 2026-H1 cannot be opened yet',
        reasons: ['Đợt chưa có phiếu khảo sát đã ban hành / The wave has no published questionnaire'],
      }),
    });
    await ready(app);
    const row = $('tr[data-code="2026-H1"]');
    expect(row.textContent).toContain('Trực tuyến: 1.200');
    expect(row.textContent).toContain('Hệ thống một cửa: 7');
    expect(row.textContent).toContain('01/01/2026 – 30/06/2026');
    button('Mở đợt', row).click();
    await settle();
    await settle();
    expect($('#w-faults').textContent).toContain('Đợt chưa có phiếu khảo sát đã ban hành');
    await expectNoAxeViolations();
  });

  it('sets a target and keeps the replaced one in the history, with who and when', async () => {
    const rows = [
      { id: 2, indicator: 'SIPAS', year: 2026, comparator: '>', thresholdPercent: 92, legalBasis: 'KH 2026/UBND', createdAt: '2026-01-05T02:00:00Z',
        createdBy: 'admin', supersededAt: null, current: true },
      { id: 1, indicator: 'SIPAS', year: 2026, comparator: '≥', thresholdPercent: 90, legalBasis: 'KH 2025/UBND', createdAt: '2025-12-01T02:00:00Z',
        createdBy: null, supersededAt: '2026-01-05T02:00:00Z', current: false },
    ];
    const { app, calls } = open('/staff/admin/targets', {
      'GET /api/admin/targets': () => json(200, rows),
      'PUT /api/admin/targets/TTHC/2026': () => json(200, { ...rows[0], id: 3, indicator: 'TTHC', thresholdPercent: 95.5 }),
    });
    await ready(app);
    const lines = [...document.querySelectorAll('tbody tr')];
    expect(lines[0].textContent).toContain('92%');
    expect(lines[0].textContent).toContain('Hiện hành');
    expect(lines[1].className).toBe('old');
    expect(lines[1].textContent).toContain('Thay thế lúc');
    $<HTMLSelectElement>('#t-indicator').value = 'TTHC';
    $<HTMLInputElement>('#t-year').value = '2026';
    $<HTMLSelectElement>('#t-comparator').value = '>';
    $<HTMLInputElement>('#t-threshold').value = '95,5';
    $<HTMLInputElement>('#t-basis').value = 'KH 99/KH-UBND';
    $('#t-save').click();
    await settle();
    await settle();
    expect(calls.find((c) => c.init.method === 'PUT')!.body).toEqual({ comparator: '>', thresholdPercent: 95.5, legalBasis: 'KH 99/KH-UBND' });
    expect($('#t-notice').textContent).toBe('Đã đặt chỉ tiêu TTHC năm 2026; giá trị cũ vẫn được lưu trong lịch sử.');
    await expectNoAxeViolations();
  });

  it('shows who did what in the audit log and filters it by kind and user', async () => {
    const entry = { id: 7, at: '2026-01-05T02:00:00Z', userName: 'admin', entity: 'wave', entityId: '2026-H1', action: 'open',
      before: { status: 'draft' }, after: { status: 'open' } };
    const { app, calls } = open('/staff/admin/audit', {
      'GET /api/admin/audit?': () => json(200, { entries: [entry], nextBefore: null }),
      'GET /api/admin/audit?entity=wave&user=admin': () => json(200, { entries: [entry], nextBefore: null }),
    });
    await ready(app);
    const row = $('tbody tr');
    expect(row.textContent).toContain('admin');
    expect(row.textContent).toContain('wave 2026-H1');
    expect(row.textContent).toContain('open');
    expect(row.textContent).toContain('draft');
    $<HTMLSelectElement>('#l-entity').value = 'wave';
    $<HTMLInputElement>('#l-user').value = 'admin';
    $('#l-apply').click();
    await settle();
    await settle();
    expect(calls.map((c) => c.url)).toContain('/api/admin/audit?entity=wave&user=admin');
    await expectNoAxeViolations();
  });

  it('shows a new account’s one-time password once', async () => {
    const created = { userName: 'dtv.an', displayName: 'Nguyễn An', roles: ['surveyor'], createdAt: '2026-01-01T00:00:00Z', disabledAt: null, mustChangePassword: true };
    const { app, calls } = open('/staff/admin/users', {
      'GET /api/admin/users': () => json(200, [created]),
      'POST /api/admin/users': () => json(201, { user: created, password: 'abcdefgh23456789' }),
    });
    await ready(app);
    $<HTMLInputElement>('#p-userName').value = 'dtv.an';
    $<HTMLInputElement>('#p-displayName').value = 'Nguyễn An';
    $<HTMLInputElement>('input[name="p-roles"][value="surveyor"]').checked = true;
    button('Tạo tài khoản').click();
    await settle();
    await settle();
    expect(calls.find((c) => c.url === '/api/admin/users' && c.init.method === 'POST')!.body).toEqual({
      userName: 'dtv.an', displayName: 'Nguyễn An', roles: ['surveyor'],
    });
    expect($('#p-password').textContent).toBe('abcdefgh23456789');
    expect($('tr[data-user="dtv.an"]').textContent).toContain('Chờ đổi mật khẩu');
    await expectNoAxeViolations();
  });

  it('asks an account with a one-time password to choose a new one before anything else', async () => {
    const { app, calls } = open('/staff/admin/waves', {
      'POST /api/auth/change-password': () => json(200, { ...admin, mustChangePassword: false }),
      'GET /api/admin/waves': () => json(200, []),
      'GET /api/questionnaires': () => json(200, []),
      'GET /api/reference/areas': () => json(200, []),
    }, { ...admin, mustChangePassword: true });
    await app.ready;
    await settle();
    expect($('h1').textContent).toBe('Đổi mật khẩu');
    await expectNoAxeViolations();
    $<HTMLInputElement>('#currentPassword').value = 'mot-lan-123456';
    $<HTMLInputElement>('#newPassword').value = 'mat-khau-moi-rat-dai';
    $('main form').dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    await settle();
    await settle();
    expect(calls.find((c) => c.url === '/api/auth/change-password')!.body).toEqual({
      currentPassword: 'mot-lan-123456', newPassword: 'mat-khau-moi-rat-dai',
    });
    expect($('h1').textContent).toBe('Đợt khảo sát');
  });
});
