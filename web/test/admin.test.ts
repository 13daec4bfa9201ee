import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from '../src/shared/storage';
import type { ServicePointRow } from '../src/staff/admin/api';
import { startStaff } from '../src/staff/staff';
import { expectNoAxeViolations } from './axe';
import { header, json, loadPage, mockFetch, settle, type Handler } from './helpers';

const admin = { userName: 'admin', displayName: 'Nguyễn Văn An', roles: ['admin'] };
const analyst = { userName: 'lan', displayName: 'Trần Thị Lan', roles: ['analyst'] };

const areas = [
  { code: 'construction', nameVi: 'Xây dựng', nameEn: 'Construction' },
  { code: 'land', nameVi: 'Đất đai', nameEn: 'Land' },
];
const agencies: Record<string, unknown[]> = {
  construction: [
    { code: 'so-xay-dung', nameVi: 'Sở Xây dựng', nameEn: 'Department of Construction', kind: 'department', unitCode: null, verified: true, areas: ['construction'] },
    { code: 'ubnd-thanh-vinh', nameVi: 'UBND phường Thành Vinh', nameEn: null, kind: 'commune', unitCode: '16681', verified: false, areas: ['construction', 'land'] },
  ],
  land: [
    { code: 'ubnd-thanh-vinh', nameVi: 'UBND phường Thành Vinh', nameEn: null, kind: 'commune', unitCode: '16681', verified: false, areas: ['construction', 'land'] },
  ],
};
const units = [
  { code: '16681', name: 'Thành Vinh', fullName: 'Phường Thành Vinh', nameEn: 'Thanh Vinh Ward', type: 'ward' },
  { code: '16732', name: 'Vinh Hưng', fullName: 'Phường Vinh Hưng', nameEn: 'Vinh Hung Ward', type: 'ward' },
  { code: '17011', name: 'Diễn Châu', fullName: 'Xã Diễn Châu', nameEn: 'Dien Chau Commune', type: 'commune' },
];
const xd01: ServicePointRow = {
  code: 'XD-01',
  nameVi: 'Bộ phận Một cửa Sở Xây dựng',
  nameEn: 'One-stop desk, Department of Construction',
  agency: { code: 'so-xay-dung', nameVi: 'Sở Xây dựng', nameEn: 'Department of Construction' },
  areaCode: 'construction',
  unitCode: '16681',
  address: '16 Trường Thi, Thành Vinh',
  createdAt: '2025-05-14T02:00:00Z',
  retiredAt: null,
  link: 'http://localhost:3000/s/XD-01',
};
const dd02: ServicePointRow = {
  code: 'DD-02',
  nameVi: 'Quầy đất đai phường Thành Vinh',
  nameEn: null,
  agency: { code: 'ubnd-thanh-vinh', nameVi: 'UBND phường Thành Vinh', nameEn: null },
  areaCode: 'land',
  unitCode: null,
  address: null,
  createdAt: '2025-03-01T03:00:00Z',
  retiredAt: '2025-06-30T17:30:00Z', // 1 July in Việt Nam
  link: 'http://localhost:3000/s/DD-02',
};

const PATH = '/staff/admin/service-points';
const LIST = '/api/admin/service-points?includeRetired=true';

function open(user: object, routes: Record<string, Handler> = {}, path = PATH) {
  window.history.replaceState(null, '', path);
  loadPage('staff.html');
  document.getElementById('main')!.className = '';
  let csrf = 0;
  const calls = mockFetch((url, init) => {
    if (url === '/api/auth/csrf') return json(200, { token: `t${++csrf}` });
    const key = `${init.method ?? 'GET'} ${url}`;
    if (routes[key]) return routes[key](url, init);
    if (key === 'GET /api/auth/me') return json(200, user);
    if (key === `GET ${LIST}`) return json(200, [xd01, dd02]);
    if (key === 'GET /api/reference/areas') return json(200, areas);
    if (key === 'GET /api/reference/units') return json(200, units);
    const area = /^GET \/api\/reference\/agencies\?area=(\w+)$/.exec(key)?.[1];
    if (area) return json(200, agencies[area] ?? []);
    return json(404, { title: 'Not Found' });
  });
  const app = startStaff(document, memoryStore());
  return { app, calls };
}

async function ready(app: ReturnType<typeof startStaff>) {
  await app.ready;
  await app.admin.ready();
  await settle();
}

const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const text = (sel = 'main') => $(sel).textContent!.replace(/\s+/g, ' ').trim();
const rows = () => [...document.querySelectorAll('#sp-rows tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
const button = (label: string) => {
  const b = [...document.querySelectorAll('button')].find((x) => x.textContent!.replace(/\s+/g, ' ').trim() === label);
  if (!b) throw new Error(`no button “${label}” in: ${text()}`);
  return b as HTMLButtonElement;
};
const type = (id: string, value: string) => {
  const el = $<HTMLInputElement>(`#${id}`);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
};
const choose = (id: string, value: string) => {
  const el = $<HTMLSelectElement>(`#${id}`);
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
};
const submit = () => $('main form').dispatchEvent(new Event('submit', { cancelable: true }));

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('service points (admin)', () => {
  it('links to the screen from the staff home for admins', async () => {
    const { app } = open(admin, {}, '/staff');
    await ready(app);
    const link = [...document.querySelectorAll('a')].find((a) => a.textContent === 'Quản lý điểm phục vụ');
    expect(link?.getAttribute('href')).toBe(PATH);
    await expectNoAxeViolations();
  });

  it('lists the service points with a filter, in Vietnamese date format', async () => {
    const { app, calls } = open(admin);
    await ready(app);
    expect(calls.some((c) => c.url === LIST)).toBe(true);
    expect($('h1').textContent).toBe('Điểm phục vụ');
    expect(document.title).toBe('Điểm phục vụ — Sipas');
    expect([...document.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Mã', 'Tên điểm phục vụ', 'Cơ quan', 'Lĩnh vực', 'Xã/phường', 'Ngày tạo', 'Trạng thái', 'Đường dẫn', 'Thao tác',
    ]);
    expect(rows()).toEqual([
      [
        'XD-01',
        'Bộ phận Một cửa Sở Xây dựng16 Trường Thi, Thành Vinh',
        'Sở Xây dựng',
        'Xây dựng',
        'Phường Thành Vinh',
        '14/05/2025',
        'Đang hoạt động',
        'http://localhost:3000/s/XD-01',
        'Sửa XD-01Mã QR XD-01Áp phích PDF XD-01Ngừng hoạt động XD-01',
      ],
    ]);
    expect(text('#sp-count')).toBe('Đang hiển thị 1/1 điểm phục vụ.');
    const poster = document.querySelector<HTMLAnchorElement>('a[data-act=poster][data-code="XD-01"]')!;
    expect(poster.getAttribute('href')).toBe('/api/admin/service-points/XD-01/poster.pdf');
    expect(poster.getAttribute('download')).toBe('poster-XD-01.pdf');
    await expectNoAxeViolations();

    $<HTMLInputElement>('#sp-retired').click();
    expect(rows().map((r) => r[0])).toEqual(['DD-02', 'XD-01']);
    expect(rows()[0][6]).toBe('Ngừng từ 01/07/2025');
    expect(rows()[0][8]).toBe('Mã QR DD-02'); // a retired point cannot be edited or retired again

    const filter = $<HTMLInputElement>('#sp-filter');
    filter.focus();
    type('sp-filter', 'quay dat dai'); // without accents
    expect(rows().map((r) => r[0])).toEqual(['DD-02']);
    expect(document.activeElement).toBe(filter); // the box is not re-rendered while typing
    type('sp-filter', 'Phường Thành Vinh');
    expect(rows().map((r) => r[0])).toEqual(['DD-02', 'XD-01']);
    type('sp-filter', 'không có');
    expect(rows()).toEqual([]);
    expect(text('#sp-empty')).toBe('Không có điểm phục vụ nào khớp với “không có”.');
  });

  it('creates a service point, showing the server’s field errors next to their fields', async () => {
    let reply: () => Response = () =>
      json(400, {
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: {
          agencyCode: ['Cơ quan không phụ trách lĩnh vực này. / The agency does not serve this area.'],
          unitCode: ['Xã/phường không còn hiệu lực. / The commune no longer exists.'],
        },
      });
    const { app, calls } = open(admin, { 'POST /api/admin/service-points': () => reply() });
    await ready(app);
    button('Thêm điểm phục vụ').click();
    expect($('h1').textContent).toBe('Thêm điểm phục vụ');
    expect(document.activeElement).toBe($('h1'));
    await expectNoAxeViolations();

    // nothing reaches the server while required fields are empty
    submit();
    expect(calls.filter((c) => c.init.method === 'POST')).toEqual([]);
    expect(text('#sp-code-err')).toBe('Vui lòng nhập hoặc chọn mục này.');
    expect(text('#sp-nameVi-err')).toBe('Vui lòng nhập hoặc chọn mục này.');

    type('sp-code', 'xd-02');
    type('sp-nameVi', 'Quầy tiếp nhận Sở Xây dựng'.normalize('NFD'));
    expect(text('#sp-agencyCode')).toBe('— Chọn lĩnh vực trước —');
    choose('sp-areaCode', 'construction');
    await settle();
    expect([...$<HTMLSelectElement>('#sp-agencyCode').options].map((o) => o.text)).toEqual([
      '— Chọn cơ quan —',
      'Sở Xây dựng',
      'UBND phường Thành Vinh (chưa xác minh)',
    ]);
    choose('sp-agencyCode', 'ubnd-thanh-vinh');
    type('sp-unit-search', 'vinh hung');
    expect([...$<HTMLSelectElement>('#sp-unitCode').options].map((o) => o.value)).toEqual(['', '16732']);
    expect(text('#sp-unit-count')).toBe('1 xã/phường khớp.');
    choose('sp-unitCode', '16732');
    submit();
    await settle();
    await settle();

    const post = calls.find((c) => c.init.method === 'POST' && c.url === '/api/admin/service-points')!;
    expect(header(post.init, 'X-CSRF-TOKEN')).toMatch(/^t\d$/);
    expect(post.body).toEqual({
      code: 'XD-02',
      nameVi: 'Quầy tiếp nhận Sở Xây dựng'.normalize('NFC'),
      nameEn: null,
      agencyCode: 'ubnd-thanh-vinh',
      areaCode: 'construction',
      unitCode: '16732',
      address: null,
      openingHours: null,
    });
    expect(text('#sp-agencyCode-err')).toBe('Cơ quan không phụ trách lĩnh vực này. / The agency does not serve this area.');
    expect($('#sp-agencyCode').getAttribute('aria-describedby')).toBe('sp-agencyCode-hint sp-agencyCode-err');
    expect($('#sp-agencyCode').getAttribute('aria-invalid')).toBe('true');
    expect(text('#sp-unitCode-err')).toBe('Xã/phường không còn hiệu lực. / The commune no longer exists.');
    expect($('#sp-code').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe($('#sp-errors'));
    expect([...document.querySelectorAll('#sp-errors a')].map((a) => a.getAttribute('href'))).toEqual([
      '#sp-agencyCode',
      '#sp-unitCode',
    ]);
    $<HTMLAnchorElement>('#sp-errors a[href="#sp-unitCode"]').click();
    expect(document.activeElement).toBe($('#sp-unitCode'));
    // what was typed and chosen is still there
    expect($<HTMLInputElement>('#sp-code').value).toBe('xd-02');
    expect($<HTMLSelectElement>('#sp-unitCode').value).toBe('16732');
    await expectNoAxeViolations();

    reply = () => json(409, { title: 'Conflict', status: 409, detail: 'Mã XD-02 đã tồn tại. / The code XD-02 already exists.' });
    submit();
    await settle();
    await settle();
    expect(text('#sp-code-err')).toBe('Mã XD-02 đã tồn tại. / The code XD-02 already exists.');

    const created = { ...xd01, code: 'XD-02', nameVi: 'Quầy tiếp nhận Sở Xây dựng', link: 'http://localhost:3000/s/XD-02' };
    reply = () => json(201, created);
    submit();
    await settle();
    await settle();
    expect($('h1').textContent).toBe('Điểm phục vụ');
    expect(text('#sp-notice')).toBe('Đã thêm điểm phục vụ XD-02.');
    expect(rows().map((r) => r[0])).toEqual(['XD-01', 'XD-02']);
  });

  it('edits with PUT (no code in the body) and says when the point was retired meanwhile', async () => {
    let status = 409;
    const { app, calls } = open(admin, {
      'PUT /api/admin/service-points/XD-01': () =>
        status === 409
          ? json(409, { title: 'Conflict', status: 409 })
          : json(200, { ...xd01, nameEn: 'One-stop desk' }),
    });
    await ready(app);
    button('Sửa XD-01').click();
    await settle();
    expect($('h1').textContent).toBe('Sửa điểm phục vụ XD-01');
    expect(document.getElementById('sp-code')).toBeNull();
    expect($<HTMLSelectElement>('#sp-agencyCode').value).toBe('so-xay-dung');
    expect($<HTMLSelectElement>('#sp-unitCode').value).toBe('16681');
    type('sp-nameEn', 'One-stop desk');
    submit();
    await settle();
    await settle();
    const put = calls.find((c) => c.init.method === 'PUT')!;
    expect(put.body).toEqual({
      nameVi: xd01.nameVi,
      nameEn: 'One-stop desk',
      agencyCode: 'so-xay-dung',
      areaCode: 'construction',
      unitCode: '16681',
      address: xd01.address,
      openingHours: null,
    });
    expect(header(put.init, 'X-CSRF-TOKEN')).toMatch(/^t\d$/);
    expect(text('#sp-errors')).toContain('Điểm phục vụ này đã ngừng hoạt động nên không sửa được.');
    status = 200;
    submit();
    await settle();
    await settle();
    expect(text('#sp-notice')).toBe('Đã lưu điểm phục vụ XD-01.');
  });

  it('asks for confirmation before retiring, and Cancel changes nothing', async () => {
    const { app, calls } = open(admin, {
      'POST /api/admin/service-points/XD-01/retire': () => json(200, { ...xd01, retiredAt: '2025-11-25T03:00:00Z' }),
    });
    await ready(app);
    const retire = button('Ngừng hoạt động XD-01');
    retire.click();
    const dialog = $('#sp-dialog');
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(text('#sp-dialog-title')).toBe('Ngừng hoạt động điểm phục vụ XD-01?');
    expect(text('#sp-dialog-text')).toContain('Các phiếu đã nhận vẫn được giữ');
    expect(document.activeElement).toBe($('#sp-dialog-cancel'));
    expect(calls.filter((c) => c.url.endsWith('/retire'))).toEqual([]);
    await expectNoAxeViolations();

    button('Hủy').click();
    expect(document.getElementById('sp-dialog')).toBeNull();
    expect(calls.filter((c) => c.url.endsWith('/retire'))).toEqual([]);
    expect(document.activeElement?.getAttribute('data-code')).toBe('XD-01'); // focus goes back to the row

    button('Ngừng hoạt động XD-01').click();
    $('#sp-dialog').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(document.getElementById('sp-dialog')).toBeNull();

    button('Ngừng hoạt động XD-01').click();
    $<HTMLButtonElement>('#sp-confirm').click();
    await settle();
    await settle();
    const post = calls.find((c) => c.url === '/api/admin/service-points/XD-01/retire')!;
    expect(post.init.method).toBe('POST');
    expect(header(post.init, 'X-CSRF-TOKEN')).toMatch(/^t\d$/);
    expect(document.getElementById('sp-dialog')).toBeNull();
    expect(text('#sp-notice')).toBe('Đã ngừng hoạt động điểm phục vụ XD-01.');
    $<HTMLInputElement>('#sp-retired').click();
    expect(rows().find((r) => r[0] === 'XD-01')![6]).toBe('Ngừng từ 25/11/2025');
  });

  it('shows the QR code with the link and copies the link', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { app } = open(admin);
    await ready(app);
    button('Mã QR XD-01').click();
    const img = $<HTMLImageElement>('#sp-dialog img');
    expect(img.getAttribute('src')).toBe('/api/service-points/XD-01/qr.svg');
    expect(img.alt).toBe('Mã QR dẫn tới http://localhost:3000/s/XD-01');
    expect($<HTMLInputElement>('#sp-link').value).toBe('http://localhost:3000/s/XD-01');
    await expectNoAxeViolations();
    button('Sao chép đường dẫn').click();
    await settle();
    expect(writeText).toHaveBeenCalledWith('http://localhost:3000/s/XD-01');
    expect(text('#sp-copy-status')).toBe('Đã sao chép đường dẫn.');
    button('Đóng').click();
    expect(document.getElementById('sp-dialog')).toBeNull();
  });

  it('says when the list cannot be loaded, and loads it again on request', async () => {
    let down = true;
    const { app } = open(admin, {
      [`GET ${LIST}`]: () => {
        if (down) throw new TypeError('Failed to fetch');
        return json(200, [xd01]);
      },
    });
    await ready(app);
    expect(text('[role=alert]')).toBe('Không tải được danh sách điểm phục vụ.');
    down = false;
    button('Thử lại').click();
    await settle();
    await settle();
    expect(rows().map((r) => r[0])).toEqual(['XD-01']);
  });

  it('switches to English', async () => {
    const { app } = open(admin);
    await ready(app);
    $<HTMLButtonElement>('#lang').click();
    expect($('h1').textContent).toBe('Service points');
    expect(rows()[0].slice(1, 7)).toEqual([
      'One-stop desk, Department of Construction16 Trường Thi, Thành Vinh',
      'Department of Construction',
      'Construction',
      'Thanh Vinh Ward',
      '14/05/2025',
      'Active',
    ]);
    await expectNoAxeViolations();
  });

  it('is not shown to staff without the admin role', async () => {
    const home = open(analyst, {}, '/staff');
    await ready(home.app);
    expect([...document.querySelectorAll('a')].some((a) => a.getAttribute('href') === PATH)).toBe(false);

    const { app, calls } = open(analyst);
    await ready(app);
    expect($('h1').textContent).toBe('Xin chào, Trần Thị Lan');
    expect(document.querySelector('table')).toBeNull();
    expect(text()).toContain('Màn hình này chỉ dành cho quản trị viên.');
    expect(calls.some((c) => c.url.startsWith('/api/admin/'))).toBe(false);
    await expectNoAxeViolations();
  });
});
