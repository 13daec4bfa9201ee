import { afterEach, describe, expect, it, vi } from 'vitest';
import { $, button, open, ready } from './admin-console';
import { expectNoAxeViolations } from './axe';
import { header, json, settle } from './helpers';

const at = (day: number) => `2026-01-0${day}T02:00:00Z`;
const rules = [
  { id: 3, indicator: 'SIPAS', year: 2026, kind: 'bands', maxPoints: 10, fromPercent: null, toPercent: null,
    bands: [{ minPercent: 80, points: 5 }, { minPercent: 90, points: 8 }, { minPercent: 95.5, points: 10 }], legalBasis: 'QĐ 12/QĐ-UBND',
    createdAt: at(5), createdBy: 'admin', supersededAt: null, current: true },
  { id: 2, indicator: 'TTHC', year: 2026, kind: 'linear', maxPoints: 7.5, fromPercent: 70, toPercent: 95, bands: [], legalBasis: 'KH 2026/UBND',
    createdAt: at(4), createdBy: 'admin', supersededAt: null, current: true },
  { id: 1, indicator: 'TTHC', year: 2026, kind: 'linear', maxPoints: 5, fromPercent: 60, toPercent: 90, bands: [], legalBasis: 'KH 2025/UBND',
    createdAt: at(1), createdBy: null, supersededAt: at(4), current: false },
  { id: 4, indicator: 'HEALTH', year: 2025, kind: 'linear', maxPoints: 2, fromPercent: 50, toPercent: 100, bands: [], legalBasis: 'KH 2025/UBND',
    createdAt: at(2), createdBy: 'admin', supersededAt: null, current: true },
];

const set = (id: string, value: string) => {
  $<HTMLInputElement>(`#${id}`).value = value;
};

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('PAR scoring rules', () => {
  it('lists each year’s rules with their history, in Vietnamese number format, reachable from the admin navigation', async () => {
    const { app } = open('/staff/admin/par-rules', { 'GET /api/admin/par-rules': () => json(200, rules) });
    await ready(app);
    expect($('h1').textContent).toBe('Quy tắc tính điểm CCHC');
    expect(document.title).toBe('Điểm CCHC — Sipas');
    expect($('.admin-nav a[aria-current="page"]').getAttribute('href')).toBe('/staff/admin/par-rules');
    expect($('#r-rows-2026-caption').textContent).toBe('Quy tắc năm 2026 (cả lịch sử thay đổi)');
    const lines = [...document.querySelectorAll('#r-rows-2026 tbody tr')];
    expect(lines.map((l) => l.getAttribute('data-rule'))).toEqual(['SIPAS/2026', 'TTHC/2026', 'TTHC/2026']);
    expect(lines[0].textContent).toContain('Theo mức');
    expect([...lines[0].querySelectorAll('li')].map((li) => li.textContent)).toEqual(['≥ 80%: 5 điểm', '≥ 90%: 8 điểm', '≥ 95,5%: 10 điểm']);
    expect(lines[1].textContent).toContain('0 điểm khi ≤ 70%; 7,5 điểm khi ≥ 95%');
    expect(lines[1].textContent).toContain('Hiện hành');
    expect(lines[2].className).toBe('old');
    expect(lines[2].textContent).toContain('Thay thế lúc');
    expect($('#r-rows-2025 tbody tr').textContent).toContain('HEALTH');
    await expectNoAxeViolations();
  });

  it('sets a linear rule, reading “95,5” as 95.5, and lists it', async () => {
    const saved = { ...rules[1], id: 5, maxPoints: 10, fromPercent: 75, toPercent: 95.5, legalBasis: 'QĐ 99/QĐ-UBND', createdAt: at(6) };
    let listed: object[] = rules;
    const { app, calls } = open('/staff/admin/par-rules', {
      'GET /api/admin/par-rules': () => json(200, listed),
      'PUT /api/admin/par-rules/TTHC/2026': () => {
        listed = [rules[0], saved, { ...rules[1], current: false, supersededAt: at(6) }, ...rules.slice(2)];
        return json(200, saved);
      },
    });
    await ready(app);
    $<HTMLSelectElement>('#r-indicator').value = 'TTHC';
    set('r-year', '2026');
    expect($<HTMLInputElement>('#r-kind-linear').checked).toBe(true);
    set('r-maxPoints', '10');
    set('r-fromPercent', '75');
    set('r-toPercent', '95,5');
    set('r-legalBasis', 'QĐ 99/QĐ-UBND');
    $('#r-save').click();
    await app.admin.ready();
    await settle();
    const put = calls.find((c) => c.init.method === 'PUT')!;
    expect(put.body).toEqual({ kind: 'linear', maxPoints: 10, fromPercent: 75, toPercent: 95.5, bands: [], legalBasis: 'QĐ 99/QĐ-UBND' });
    expect(header(put.init, 'X-CSRF-TOKEN')).toBe('t');
    expect($('#r-notice').textContent).toBe('Đã đặt quy tắc TTHC năm 2026; quy tắc cũ vẫn được lưu trong lịch sử.');
    expect($('#r-rows-2026 tr[data-rule="TTHC/2026"]').textContent).toContain('0 điểm khi ≤ 75%; 10 điểm khi ≥ 95,5%');
    expect($<HTMLInputElement>('#r-maxPoints').value).toBe('');
  });

  it('sets bands, adding and removing rows, and changes a current rule from its row', async () => {
    const { app, calls } = open('/staff/admin/par-rules', {
      'GET /api/admin/par-rules': () => json(200, rules),
      'PUT /api/admin/par-rules/EDUCATION/2027': () => json(200, { ...rules[0], id: 9, indicator: 'EDUCATION', year: 2027 }),
      'PUT /api/admin/par-rules/SIPAS/2026': () => json(200, rules[0]),
    });
    await ready(app);
    $<HTMLSelectElement>('#r-indicator').value = 'EDUCATION';
    set('r-year', '2027');
    set('r-maxPoints', '10');
    $('#r-kind-bands').click();
    expect(document.activeElement?.id).toBe('r-kind-bands');
    expect(document.querySelector('#r-fromPercent')).toBeNull();
    expect($<HTMLInputElement>('#r-maxPoints').value).toBe('10'); // what was typed survives the change of kind
    set('r-band-0-min', '80');
    set('r-band-0-points', '5');
    button('Thêm mức').click();
    expect(document.activeElement?.id).toBe('r-band-1-min');
    set('r-band-1-min', '85');
    set('r-band-1-points', '6');
    button('Thêm mức').click();
    set('r-band-2-min', '90,5');
    set('r-band-2-points', '10');
    button('Bỏ mức 2').click();
    expect($<HTMLInputElement>('#r-band-0-min').value).toBe('80');
    expect($<HTMLInputElement>('#r-band-1-min').value).toBe('90,5');
    expect($('label[for="r-band-1-points"]').textContent).toBe('Mức 2: điểm');
    set('r-legalBasis', 'QĐ 7/QĐ-UBND');
    await expectNoAxeViolations();
    $('#r-save').click();
    await app.admin.ready();
    await settle();
    expect(calls.find((c) => c.url === '/api/admin/par-rules/EDUCATION/2027')!.body).toEqual({
      kind: 'bands', maxPoints: 10, fromPercent: null, toPercent: null,
      bands: [{ minPercent: 80, points: 5 }, { minPercent: 90.5, points: 10 }], legalBasis: 'QĐ 7/QĐ-UBND',
    });
    expect($('#r-notice').textContent).toContain('EDUCATION năm 2027');

    // "Sửa" on the current SIPAS row fills the form with it, its numbers as Vietnamese type them.
    button('Sửa SIPAS 2026', $('tr[data-rule="SIPAS/2026"]')).click();
    expect($<HTMLSelectElement>('#r-indicator').value).toBe('SIPAS');
    expect($<HTMLInputElement>('#r-kind-bands').checked).toBe(true);
    expect($<HTMLInputElement>('#r-band-2-min').value).toBe('95,5');
    expect(document.activeElement?.id).toBe('r-maxPoints');
    $('#r-save').click();
    await app.admin.ready();
    expect(calls.find((c) => c.url === '/api/admin/par-rules/SIPAS/2026')!.body).toMatchObject({
      kind: 'bands', maxPoints: 10, bands: rules[0].bands, legalBasis: 'QĐ 12/QĐ-UBND',
    });
  });

  it('shows the server’s field errors next to their fields and lists them, nothing lost', async () => {
    const { app } = open('/staff/admin/par-rules', {
      'GET /api/admin/par-rules': () => json(200, rules),
      'PUT /api/admin/par-rules/SIPAS/2026': () => json(400, {
        title: 'Quy tắc tính điểm không hợp lệ / The scoring rule is not valid',
        errors: {
          maxPoints: ['Điểm tối đa phải lớn hơn 0 và không quá 1000 / The maximum must be above 0 and at most 1000'],
          'bands[1].minPercent': ['Các ngưỡng phải tăng dần / Thresholds must increase'],
        },
      }),
    });
    await ready(app);
    $<HTMLSelectElement>('#r-indicator').value = 'SIPAS';
    set('r-year', '2026');
    $('#r-kind-bands').click();
    set('r-maxPoints', '0');
    set('r-band-0-min', '90');
    set('r-band-0-points', '5');
    button('Thêm mức').click();
    set('r-band-1-min', '80');
    set('r-band-1-points', '6');
    set('r-legalBasis', 'QĐ 7/QĐ-UBND');
    $('#r-save').click();
    await app.admin.ready();
    await settle();
    expect(document.activeElement?.id).toBe('r-faults');
    expect($('#r-faults').textContent).toContain('Chưa lưu được');
    expect([...document.querySelectorAll('#r-faults li')].map((li) => li.textContent)).toContain(
      'Mức 2: ngưỡng (%): Các ngưỡng phải tăng dần / Thresholds must increase');
    expect($('#r-band-1-min-err').textContent).toBe('Các ngưỡng phải tăng dần / Thresholds must increase');
    expect($('#r-band-1-min').getAttribute('aria-invalid')).toBe('true');
    expect($('#r-band-1-min').getAttribute('aria-describedby')).toBe('r-band-1-min-err');
    expect($('#r-maxPoints-err').textContent).toContain('The maximum must be above 0');
    expect(document.querySelector('#r-band-0-min-err')).toBeNull();
    expect($<HTMLInputElement>('#r-band-1-min').value).toBe('80');
    await expectNoAxeViolations();
  });

  it('tells, by field, what cannot be sent at all, without asking the server', async () => {
    const { app, calls } = open('/staff/admin/par-rules', { 'GET /api/admin/par-rules': () => json(200, []) });
    await ready(app);
    expect($('main').textContent).toContain('Chưa có mục nào.');
    set('r-year', '26');
    set('r-maxPoints', 'mười');
    $('#r-save').click();
    await app.admin.ready();
    expect(calls.some((c) => c.init.method === 'PUT')).toBe(false);
    expect($('#r-year-err').textContent).toBe('Nhập năm gồm 4 chữ số, ví dụ 2026');
    expect($('#r-maxPoints-err').textContent).toBe('Nhập một số, ví dụ 95,5');
    expect($<HTMLInputElement>('#r-maxPoints').value).toBe('mười');
  });

  it('speaks English after the switch', async () => {
    const { app } = open('/staff/admin/par-rules', { 'GET /api/admin/par-rules': () => json(200, rules) });
    await ready(app);
    $('#lang').click();
    await settle();
    expect($('h1').textContent).toBe('PAR scoring rules');
    expect($('#r-rows-2026 tr[data-rule="TTHC/2026"]').textContent).toContain('0 points at ≤ 70%; 7,5 points at ≥ 95%');
    expect($('.admin-nav a[aria-current="page"]').textContent).toBe('PAR scoring');
  });
});
