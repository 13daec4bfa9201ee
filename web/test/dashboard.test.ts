import { describe, expect, it } from 'vitest';
import type { SnapshotSummary, WaveSnapshots } from '../src/staff/dashboard/api';
import { band, project } from '../src/shared/map';
import { memoryStore } from '../src/shared/storage';
import { startStaff } from '../src/staff/staff';
import { expectNoAxeViolations } from './axe';
import { header, json, loadPage, mockFetch, questionnaire, settle } from './helpers';

const analyst = { userName: 'analyst', displayName: 'Chuyên viên', roles: ['analyst'] };

const summary = (id: number, over: Partial<SnapshotSummary> = {}): SnapshotSummary => ({
  id,
  wave: '2025-H2',
  status: 'completed',
  progress: 100,
  phase: 'done',
  methodVersion: 'sipas-method/1',
  allChannels: false,
  channels: ['paper', 'interview', 'import'],
  frame: 'none',
  requestedAt: '2025-12-31T16:00:00Z',
  requestedAtText: '23:00 31/12/2025',
  requestedBy: 'scheduler',
  completedAt: '2025-12-31T16:00:05Z',
  completedAtText: '23:00 31/12/2025',
  dataHash: 'ab',
  responsesRead: 1800,
  responsesCounted: 1170,
  published: false,
  publishedAt: null,
  publishedBy: null,
  supersedesId: null,
  changes: null,
  error: null,
  ...over,
});

const waves = (): WaveSnapshots[] => [
  {
    code: '2025-H2',
    nameVi: 'Đợt 6 tháng cuối năm 2025',
    nameEn: 'Second half of 2025',
    startsOn: '2025-07-01',
    endsOn: '2025-12-31',
    status: 'open',
    officialChannels: ['paper', 'interview', 'import'],
    questionnaires: [{ family: 'SIPAS', code: 'sipas-dvhcc', version: '2025.1' }],
    snapshots: [summary(2)],
  },
];

const tile = (indicator: string, estimate: number | null, over: object = {}) => ({
  indicator,
  family: indicator,
  groupType: 'province',
  groupCode: '40',
  estimate,
  se: 0.01,
  ciLow: estimate == null ? null : estimate - 0.01,
  ciHigh: estimate == null ? null : estimate + 0.01,
  nValid: estimate == null ? null : 783,
  flags: [],
  display: estimate == null ? '' : `${(estimate * 100).toFixed(2).replace('.', ',')}%`,
  ciDisplay: '',
  target: null,
  verdict: null,
  qualifier: null,
  ...over,
});

const row = (groupType: string, groupCode: string, section = '', item = '', estimate = 0.9) => ({
  indicator: 'SIPAS',
  groupType,
  groupCode,
  section,
  item,
  nValid: 25,
  estimate,
  ciLow: estimate - 0.05,
  ciHigh: estimate + 0.03,
  flags: ['small-sample'],
  nResponses: null,
  alpha: null,
  display: `${(estimate * 100).toFixed(2).replace('.', ',')}%`,
  ciDisplay: '',
});

const report = (language: 'vi' | 'en', over: object = {}) => ({
  snapshotId: 2,
  language,
  status: 'queued',
  progress: 0,
  phase: 'queued',
  requestedBy: 'analyst',
  requestedAt: '2025-12-31T16:00:00Z',
  renderedAt: null,
  sha256: null,
  bytes: null,
  error: null,
  download: null,
  ...over,
});

const square = (code: string, x: number) => ({
  type: 'Feature',
  properties: { code },
  geometry: { type: 'Polygon', coordinates: [[[x, 19], [x + 0.1, 19], [x + 0.1, 19.1], [x, 19.1], [x, 19]]] },
});

function open(overrides: Record<string, (url: string, init: RequestInit) => Response> = {}) {
  loadPage('staff.html');
  let csrf = 0;
  const calls = mockFetch((url, init) => {
    const method = init.method ?? 'GET';
    const path = url.split('?')[0];
    const key = `${method} ${path}`;
    for (const [k, handler] of Object.entries(overrides)) if (key === k || key.startsWith(k)) return handler(url, init);
    if (url === '/api/auth/csrf') return json(200, { token: `t${++csrf}` });
    if (key === 'GET /api/auth/me') return json(200, analyst);
    if (key === 'GET /api/results/waves') return json(200, waves());
    if (key === 'GET /api/reference/areas') return json(200, [{ code: 'land', nameVi: 'Đất đai', nameEn: 'Land' }]);
    if (key === 'GET /api/reference/agencies')
      return json(200, [{ code: 'ubnd-16681', nameVi: 'UBND phường Thành Vinh', nameEn: 'Thanh Vinh Ward' }]);
    if (key === 'GET /api/reference/units') return json(200, [{ code: '16681', name: 'Thành Vinh', fullName: 'Phường Thành Vinh', nameEn: 'Thanh Vinh' }]);
    if (key === 'GET /api/questionnaires/sipas-dvhcc/2025.1') return json(200, questionnaire);
    if (key === 'GET /api/reference/communes.geojson') return json(200, { features: [square('16681', 105.6), square('16732', 105.8)] });
    if (key === 'GET /api/results/snapshots/2/indicators')
      return json(200, [
        tile('TTHC', null, { target: { year: 2025, comparator: '>', threshold: 0.95, display: '> 95,00%', legalBasis: 'QĐ' } }),
        tile('SIPAS', 0.8452, {
          target: { year: 2025, comparator: '>', threshold: 0.9, display: '> 90,00%', legalBasis: 'QĐ' },
          verdict: 'not met',
          qualifier: 'certain',
        }),
        tile('HEALTH', 0.9, { target: { year: 2025, comparator: '>', threshold: 0.85, display: '> 85,00%', legalBasis: 'QĐ' }, verdict: 'met', qualifier: 'within margin' }),
      ]);
    if (key === 'GET /api/results/snapshots/2/change')
      return json(200, {
        previousWave: '2025-H1',
        previousSnapshotId: 1,
        previousPublished: true,
        indicators: [
          { indicator: 'SIPAS', before: 0.8, after: 0.8452, beforeDisplay: '80,00%', afterDisplay: '84,52%', difference: 0.0452, differenceDisplay: '+4,52', pValue: 0.001, significant: true },
        ],
      });
    if (key === 'GET /api/results/snapshots/2/rows') {
      const q = new URLSearchParams(url.split('?')[1]);
      const type = q.get('groupType');
      if (type === 'unit') return json(200, [row('unit', '16681')]);
      if (type === 'area') return json(200, [row('area', 'land')]);
      if (type === 'area-agency') return json(200, [row('area-agency', 'land/ubnd-16681')]);
      if (type === 'area-agency-unit' && q.get('parent')) return json(200, [row('area-agency-unit', 'land/ubnd-16681/16681')]);
      if (q.get('section')) return json(200, [row(type!, q.get('groupCode')!, 'TIEP_CAN'), row(type!, q.get('groupCode')!, 'TIEP_CAN', 'TC1', 0.8)]);
      return json(200, [row(type!, q.get('groupCode')!), row(type!, q.get('groupCode')!, 'TIEP_CAN')]);
    }
    return json(404, { title: 'Not Found' });
  });
  const app = startStaff(document, memoryStore());
  return { app, calls };
}

async function ready(app: ReturnType<typeof startStaff>) {
  await app.ready;
  await settle();
  await app.dashboard()!.ready;
  for (let i = 0; i < 5; i++) await settle();
}

const click = async (el: Element | null | undefined) => {
  (el as HTMLElement).click();
  for (let i = 0; i < 5; i++) await settle();
};

describe('analysts dashboard', () => {
  it('shows each indicator with its estimate, interval, target and a verdict in words and icon', async () => {
    const { app } = open();
    await ready(app);
    const sipas = document.querySelector('li.tile[data-indicator=SIPAS]')!;
    expect(sipas.querySelector('.estimate')?.textContent).toBe('84,52%');
    expect(sipas.querySelector('.ci')?.textContent).toBe('Khoảng tin cậy 95%: 83,52% – 85,52%');
    expect(sipas.querySelector('.target')?.textContent).toBe('Chỉ tiêu năm 2025: > 90,00%');
    expect(sipas.querySelector('.verdict')?.textContent).toBe('✗ Chưa đạt chỉ tiêu — chắc chắn (cả khoảng tin cậy cùng phía)');
    expect(document.querySelector('li.tile[data-indicator=HEALTH] .verdict')?.textContent).toContain('✓ Đạt chỉ tiêu — trong biên sai số');
    expect(document.querySelector('li.tile[data-indicator=TTHC] .estimate')?.textContent).toBe('Chưa có số liệu');
    expect(document.querySelector('caption')?.textContent).toBe('So với đợt 2025-H1 (bản #1, đã công bố)');
    expect([...document.querySelectorAll('table.grid tbody tr')][0].textContent).toBe('Chỉ số SIPAS80,00%84,52%+4,52Có (p < 0,05)');
    expect(document.querySelectorAll('svg.map path').length).toBe(2);
    expect(document.querySelector('svg.map path[data-code="16732"]')?.getAttribute('fill')).toBe('url(#nodata)');
    await expectNoAxeViolations();
  });

  it('lists each run with who started it, when, and its parameters: method, frame and data hash', async () => {
    const { app } = open();
    await ready(app);
    const params = [...document.querySelectorAll('table.runs td.params')].map((td) => td.textContent);
    expect(params.length).toBeGreaterThan(0);
    expect(params[0]).toBe('Phương pháp: sipas-method/1; Khung mẫu: không (mẫu ngẫu nhiên đơn giản); Mã băm dữ liệu: ab…');
    expect(document.querySelector('table.runs thead')?.textContent).toContain('Tham số');
  });

  it('shows the web channel apart, labelled self-selected, without verdicts', async () => {
    const { app, calls } = open();
    await ready(app);
    const select = document.getElementById('channel') as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).toContain('Web — người dân tự đánh giá (tự chọn tham gia)');
    select.value = 'web';
    select.dispatchEvent(new Event('change'));
    for (let i = 0; i < 5; i++) await settle();
    expect(calls.some((c) => c.url === '/api/results/snapshots/2/indicators?channel=web')).toBe(true);
    expect(document.querySelector('.web-note')?.textContent).toContain('tự chọn tham gia');
    expect(document.querySelector('.verdict')).toBeNull();
  });

  it('shows how many responses were excluded and why, the flagged ones kept, and each indicator without them', async () => {
    const integrity = [
      { cause: 'burst', vi: 'Số phiếu tại điểm phục vụ tăng đột biến so với thường lệ', en: 'A burst far above the service point’s usual hourly rate', excluded: 1200, flaggedKept: 3 },
      { cause: 'too-fast', vi: 'Trả lời quá nhanh (thời gian do máy chủ đo)', en: 'Answered too fast (time measured by the server)', excluded: 0, flaggedKept: 41 },
    ];
    const snap = summary(2, { responsesExcluded: 1200, responsesFlaggedKept: 44, integrity });
    const { app, calls } = open({
      'GET /api/results/waves': () => json(200, [{ ...waves()[0], snapshots: [snap] }]),
      'GET /api/results/snapshots/2/indicators': (url) =>
        json(200, url.includes('channel=web') ? [tile('SIPAS', 0.7)] : [tile('SIPAS', 0.8452, { unflaggedEstimate: 0.8611, unflaggedDisplay: '86,11%', unflaggedNValid: 700 })]),
    });
    await ready(app);
    expect(document.querySelector('.integrity-summary')?.textContent).toBe('1.200 phiếu bị giám sát viên loại; 44 phiếu có cảnh báo vẫn được tính.');
    const rows = [...document.querySelectorAll('table.integrity-causes tbody tr')].map((r) => r.textContent);
    expect(rows).toEqual(['Số phiếu tại điểm phục vụ tăng đột biến so với thường lệ1.2003', 'Trả lời quá nhanh (thời gian do máy chủ đo)041']);
    expect(document.querySelector('li.tile[data-indicator=SIPAS] .unflagged')?.textContent).toBe('Không tính phiếu có cảnh báo: 86,11%');
    await expectNoAxeViolations();

    const select = document.getElementById('channel') as HTMLSelectElement;
    const options = [...select.options].map((o) => o.value);
    expect(options).toEqual(expect.arrayContaining(['web', 'web-verified', 'web-unverified']));
    select.value = 'web-verified';
    select.dispatchEvent(new Event('change'));
    for (let i = 0; i < 5; i++) await settle();
    expect(calls.some((c) => c.url === '/api/results/snapshots/2/indicators?channel=web-verified')).toBe(true);
    expect(document.querySelector('.integrity')).toBeNull();
    expect(document.querySelector('.unflagged')).toBeNull();
    expect(document.querySelector('.web-note')).not.toBeNull();
  });

  it('says so when no response was flagged or excluded', async () => {
    const { app } = open();
    await ready(app);
    expect(document.querySelector('.integrity-summary')?.textContent).toBe('Không có phiếu nào bị cảnh báo hay bị loại.');
    expect(document.querySelector('.unflagged')).toBeNull();
  });

  it('drills down from area to agency, commune, element and criterion', async () => {
    const { app, calls } = open();
    await ready(app);
    const first = () => document.querySelector('table.drill tbody th button');
    expect(document.getElementById('drill-caption')?.textContent).toBe('Lĩnh vực');
    await click(first());
    expect(calls.at(-1)?.url).toContain('groupType=area-agency&parent=land');
    expect(first()?.textContent).toBe('UBND phường Thành Vinh');
    await click(first());
    expect(document.getElementById('drill-caption')?.textContent).toBe('Xã, phường');
    await click(first());
    expect(document.getElementById('drill-caption')?.textContent).toBe('Yếu tố');
    await click(first());
    expect(document.getElementById('drill-caption')?.textContent).toBe('Tiêu chí');
    const rows = [...document.querySelectorAll('table.drill tbody tr')].map((r) => r.textContent);
    expect(rows[1]).toMatch(/^TC1\. .*80,00%75,00% – 83,00%25mẫu nhỏ$/);
    expect(document.activeElement?.id).toBe('drill-caption');
    await expectNoAxeViolations();
  });

  it('starts a run with the antiforgery token and follows its progress', async () => {
    let polls = 0;
    const { app, calls } = open({
      'POST /api/results/waves/2025-H2/snapshots': () => json(202, summary(3, { status: 'queued', progress: 0, phase: 'queued', requestedBy: 'analyst' })),
      'GET /api/results/snapshots/3': () =>
        json(200, ++polls < 2 ? summary(3, { status: 'running', progress: 40, phase: 'estimating' }) : summary(3)),
    });
    await ready(app);
    await click(document.getElementById('start-run'));
    const post = calls.find((c) => c.url === '/api/results/waves/2025-H2/snapshots')!;
    expect(post.body).toEqual({ allChannels: false });
    expect(header(post.init, 'X-CSRF-TOKEN')).toBeTruthy();
    expect(document.querySelector('.run-progress')?.textContent).toMatch(/Tiến độ: (0|40)%/);
    await new Promise((r) => setTimeout(r, 2500));
    expect(polls).toBeGreaterThanOrEqual(2);
  });

  it('offers the snapshot’s downloads: results CSV, workbook, microdata per questionnaire, both PDF reports and the PAR scoring input', async () => {
    const { app } = open({
      'GET /api/results/snapshots/2/reports/en': () => json(200, report('en', { status: 'completed', progress: 100, download: '/api/results/snapshots/2/reports/en.pdf' })),
    });
    await ready(app);
    const hrefs = [...document.querySelectorAll('section.downloads a[download]')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual([
      '/api/results/snapshots/2/results.csv',
      '/api/results/snapshots/2/summary.xlsx',
      '/api/results/waves/2025-H2/responses.csv?questionnaire=sipas-dvhcc%402025.1',
      '/api/results/snapshots/2/reports/en.pdf',
      '/api/results/snapshots/2/par.csv',
      '/api/results/snapshots/2/par.xlsx',
    ]);
    expect(document.getElementById('downloads-title')?.textContent).toBe('Tải về');
    expect(document.querySelector('li[data-report=vi]')?.textContent).toBe('Báo cáo PDF tiếng Việt: Lập báo cáo');
    expect(document.querySelector('li[data-report=en]')?.textContent).toBe('Báo cáo PDF tiếng Anh: Tải báo cáo Lập lại');
    await expectNoAxeViolations();
  });

  it('renders the Vietnamese PDF report on request with the antiforgery token, follows its progress, then links it', async () => {
    let polls = 0;
    const { app, calls } = open({
      'POST /api/results/snapshots/2/reports/vi': () => json(202, report('vi', { status: 'queued' })),
      'GET /api/results/snapshots/2/reports/vi': () =>
        polls++ === 0
          ? json(404, { title: 'Not Found' })
          : polls < 3
            ? json(200, report('vi', { status: 'running', progress: 40 }))
            : json(200, report('vi', { status: 'completed', progress: 100, download: '/api/results/snapshots/2/reports/vi.pdf' })),
    });
    await ready(app);
    await click(document.getElementById('render-vi'));
    const post = calls.find((c) => c.url === '/api/results/snapshots/2/reports/vi' && c.init.method === 'POST')!;
    expect(header(post.init, 'X-CSRF-TOKEN')).toBeTruthy();
    expect(document.querySelector('li[data-report=vi] .report-progress')?.textContent).toMatch(/Đang lập báo cáo… (0|40)%/);
    await new Promise((r) => setTimeout(r, 2500));
    for (let i = 0; i < 5; i++) await settle();
    expect(document.querySelector('a.dl-report-vi')?.getAttribute('href')).toBe('/api/results/snapshots/2/reports/vi.pdf');
    expect(document.getElementById('render-vi')?.textContent).toBe('Lập lại');
  });

  it('renders all agencies’ scorecards on request, follows the job, then links the PDF', async () => {
    let polls = 0;
    const path = '/api/results/snapshots/2/reports/agency-scorecards/en';
    const scorecards = (extra: Record<string, unknown>) => ({ ...report('en', extra), kind: 'agency-scorecards' });
    const { app, calls } = open({
      [`POST ${path}`]: () => json(202, scorecards({ status: 'queued' })),
      [`GET ${path}`]: () =>
        polls++ < 1
          ? json(200, scorecards({ status: 'running', progress: 40 }))
          : json(200, scorecards({ status: 'completed', progress: 100, download: `${path}.pdf`, bytes: 1_200_000 })),
    });
    await ready(app);
    expect(document.querySelector('li[data-report=commune-scorecards-vi]')?.textContent).toContain('Phiếu điểm các xã, phường');
    await click(document.getElementById('render-agency-scorecards-en'));
    const post = calls.find((c) => c.url === path && c.init.method === 'POST')!;
    expect(header(post.init, 'X-CSRF-TOKEN')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 2500));
    for (let i = 0; i < 5; i++) await settle();
    expect(document.querySelector('a.dl-agency-scorecards-en')?.getAttribute('href')).toBe(`${path}.pdf`);
    expect(document.querySelector('li[data-report=agency-scorecards-en]')?.textContent).toContain('(1,1 MB)');
    await expectNoAxeViolations();
  });

  it('offers each sector report and the health and education reports in both languages, labelled in the page language', async () => {
    const path = '/api/results/snapshots/2/reports/sector-land/vi';
    const land = (extra: Record<string, unknown>) => ({ ...report('vi', extra), kind: 'sector-land' });
    const { app, calls } = open({
      [`POST ${path}`]: () => json(202, land({ status: 'queued' })),
      [`GET ${path}`]: () => json(200, land({ status: 'completed', progress: 100, download: `${path}.pdf`, bytes: 90_000 })),
    });
    await ready(app);
    const labels: Record<string, string> = {
      'sector-land': 'Báo cáo lĩnh vực đất đai',
      'sector-construction': 'Báo cáo lĩnh vực xây dựng',
      'sector-investment': 'Báo cáo lĩnh vực đầu tư',
      health: 'Báo cáo hài lòng dịch vụ y tế',
      education: 'Báo cáo hài lòng dịch vụ giáo dục',
    };
    for (const [kind, label] of Object.entries(labels))
      for (const lang of ['vi', 'en']) {
        expect(document.querySelector(`li[data-report=${kind}-${lang}]`)?.textContent).toContain(label);
        expect(document.getElementById(`render-${kind}-${lang}`)).not.toBeNull();
      }
    await click(document.getElementById('render-sector-land-vi'));
    expect(calls.some((c) => c.url === path && c.init.method === 'POST')).toBe(true);
    await new Promise((r) => setTimeout(r, 2500));
    for (let i = 0; i < 5; i++) await settle();
    expect(document.querySelector('a.dl-sector-land-vi')?.getAttribute('href')).toBe(`${path}.pdf`);
    await expectNoAxeViolations();
  });

  it('shows the league table: rank with its 95% interval, small samples marked, undefined apart, communes approximate', async () => {
    const place = (code: string, rank: number | null, low: number | null, high: number | null, flags: string[] = []) => ({
      rank, rankLow: low, rankHigh: high, rankDisplay: rank == null ? '' : `${rank} (${low}–${high})`, groupCode: code,
      nameVi: `Cơ quan ${code}`, nameEn: `Agency ${code}`, estimate: rank == null ? null : 0.9, se: 0.01, ciLow: 0.88, ciHigh: 0.92,
      nValid: rank == null ? 0 : 120, flags, display: rank == null ? '' : '90,00%', ciDisplay: '',
    });
    const { app, calls } = open({
      'GET /api/results/snapshots/2/rankings': (url) => {
        const unit = url.includes('groupType=unit');
        return json(200, { snapshotId: 2, indicator: 'SIPAS', groupType: unit ? 'unit' : 'agency', channel: '', approximate: unit,
          ranked: [place('a', 1, 1, 2), place('b', 3, 1, 7, ['small-sample'])], apart: [place('c', null, null, null, ['small-sample', 'undefined'])] });
      },
      'GET /api/results/snapshots/2/reports': () =>
        json(200, [report('vi', { status: 'completed', progress: 100, bytes: 2_400_000, download: '/api/results/snapshots/2/reports/vi.pdf' }),
          { ...report('vi', { status: 'running', progress: 30 }), kind: 'wave-report' }]),
    });
    await ready(app);
    const rows = [...document.querySelectorAll('table.league-table tbody tr')];
    expect(rows.map((r) => r.querySelector('td.rank')?.textContent)).toEqual(['1 (1–2)', '3 (1–7)']);
    expect(rows[1].textContent).toContain('mẫu nhỏ');
    expect(document.querySelector('.league .apart li')?.textContent).toBe('Cơ quan c (n = 0)');
    expect(document.querySelector('.league .approx')).toBeNull();
    expect(calls.some((c) => c.url.includes('/rankings?indicator=SIPAS&groupType=agency'))).toBe(true);
    const choose = document.getElementById('ranked-group') as HTMLSelectElement;
    choose.value = 'unit';
    choose.dispatchEvent(new Event('change'));
    for (let i = 0; i < 5; i++) await settle();
    expect(document.querySelector('.league .approx')?.textContent).toContain('gần đúng');
    // Reports come from the list as they are: the PDF with its size, another kind with its progress.
    expect(document.querySelector('li[data-report=vi]')?.textContent).toContain('(2,3 MB)');
    expect(document.querySelector('li[data-report=wave-report-vi]')?.textContent).toContain('30%');
    // The PAR scoring input of the selected snapshot, as CSV and XLSX.
    expect(document.querySelector<HTMLAnchorElement>('a.dl-par-csv')?.getAttribute('href')).toMatch(/\/api\/results\/snapshots\/\d+\/par\.csv$/);
    expect(document.querySelector<HTMLAnchorElement>('a.dl-par-xlsx')?.getAttribute('href')).toMatch(/\/api\/results\/snapshots\/\d+\/par\.xlsx$/);
    await expectNoAxeViolations();
  });

  it('switches to English with English number formats', async () => {
    const { app } = open();
    await ready(app);
    (document.getElementById('lang') as HTMLButtonElement).click();
    expect(document.querySelector('#dash-title')?.textContent).toBe('Survey results');
    expect(document.querySelector('li.tile[data-indicator=SIPAS] .estimate')?.textContent).toBe('84.52%');
    expect(document.querySelector('li.tile[data-indicator=SIPAS] .verdict')?.textContent).toContain('Target not met');
  });
});

describe('commune map', () => {
  it('projects boundaries into the SVG box, keeping proportions', () => {
    const { shapes, width, height } = project({ features: [square('1', 105), square('2', 105.1)] as never }, 200);
    expect(width).toBe(200);
    expect(height).toBeGreaterThan(100);
    expect(shapes[0].d).toMatch(/^M0\.0,\d+\.\dL/);
  });

  it('puts an estimate in its band', () => {
    expect([0.5, 0.7, 0.84, 0.85, 0.95].map(band)).toEqual([0, 1, 2, 3, 4]);
  });
});
