import { describe, expect, it } from 'vitest';
import { startResults } from '../src/results/results';
import { memoryStore } from '../src/shared/storage';
import { expectNoAxeViolations } from './axe';
import { json, loadPage, mockFetch, settle } from './helpers';

const published = (id: number, wave = '2025-H2') => ({
  id, wave, waveNameVi: `Đợt ${wave}`, waveNameEn: `Wave ${wave}`, startsOn: '2025-07-01', endsOn: '2025-12-31',
  publishedAt: '2026-01-05T02:00:00Z', publishedAtText: '09:00 05/01/2026', responsesCounted: 12345, methodVersion: 'sipas-method/1',
  families: ['HEALTH', 'SIPAS'],
});

const place = (code: string, rank: number | null, flags: string[] = []) => ({
  rank, rankLow: rank && 1, rankHigh: rank && rank + 2, rankDisplay: rank == null ? '' : `${rank} (1–${rank + 2})`, groupCode: code,
  nameVi: `Xã ${code}`, nameEn: `Commune ${code}`, estimate: rank == null ? null : 0.9512, se: 0.01, ciLow: 0.94, ciHigh: 0.96,
  nValid: rank == null ? 0 : 1234, flags, display: rank == null ? '' : '95,12%', ciDisplay: '',
});

const square = (code: string, x: number) => ({
  type: 'Feature', properties: { code },
  geometry: { type: 'Polygon', coordinates: [[[x, 19], [x + 0.1, 19], [x + 0.1, 19.1], [x, 19.1], [x, 19]]] },
});

function open(pathname = '/ket-qua', overrides: Record<string, () => Response> = {}) {
  loadPage('results.html');
  const calls = mockFetch((url) => {
    const path = url.split('?')[0];
    if (overrides[path]) return overrides[path]();
    if (path === '/api/public/results') return json(200, [published(7), published(3, '2025-H1')]);
    if (path === '/api/public/results/snapshots/3') return json(200, published(3, '2025-H1'));
    if (/\/snapshots\/\d+\/indicators$/.test(path))
      return json(200, [{ indicator: 'SIPAS', estimate: 0.8452, ciLow: 0.8352, ciHigh: 0.8552, nValid: 783, flags: [], display: '84,52%', ciDisplay: '',
        target: { year: 2025, comparator: '>', threshold: 0.9, display: '> 90,00%', legalBasis: 'QĐ' }, verdict: 'not met', qualifier: 'certain' }]);
    if (/\/snapshots\/\d+\/rankings$/.test(path)) {
      const unit = url.includes('groupType=unit');
      return json(200, { snapshotId: 7, indicator: 'SIPAS', groupType: unit ? 'unit' : 'agency', channel: '', approximate: unit,
        ranked: [place('16681', 1), place('16732', 3, ['small-sample'])], apart: [place('16999', null, ['small-sample', 'undefined'])] });
    }
    if (path === '/api/reference/communes.geojson') return json(200, { features: [square('16681', 105.6), square('16800', 105.8)] });
    return json(404, { title: 'Not Found' });
  });
  const store = memoryStore();
  const app = startResults({ store, main: document.getElementById('main')!, langButton: document.getElementById('lang') as HTMLButtonElement,
    footer: document.getElementById('footer'), pathname });
  return { app, calls };
}

async function ready(app: ReturnType<typeof startResults>) {
  await app.ready;
  for (let i = 0; i < 5; i++) await settle();
}

describe('public results page', () => {
  it('shows the latest published snapshot: indicators against targets in words, league table with intervals, map, open data', async () => {
    const { app, calls } = open();
    await ready(app);
    expect(document.querySelector('li.tile[data-indicator=SIPAS] .estimate')?.textContent).toBe('84,52%');
    expect(document.querySelector('li.tile[data-indicator=SIPAS] .verdict')?.textContent).toBe('✗ Chưa đạt chỉ tiêu — chắc chắn (cả khoảng tin cậy cùng phía)');
    expect([...document.querySelectorAll('table.league-table td.rank')].map((td) => td.textContent)).toEqual(['1 (1–3)', '3 (1–5)']);
    expect(document.querySelector('table.league-table tr.small')?.textContent).toContain('mẫu nhỏ');
    expect(document.querySelector('.league .apart li')?.textContent).toBe('Xã 16999 (n = 0)');
    expect(document.querySelector('svg.map path[data-code="16800"]')?.getAttribute('fill')).toBe('url(#nodata)');
    expect(document.querySelector('svg.map path[data-code="16681"]')?.getAttribute('fill')).not.toBe('url(#nodata)');
    expect([...document.querySelectorAll('.open-data a')].map((a) => a.getAttribute('href'))).toEqual([
      '/api/public/results/snapshots/7/results.csv',
      '/api/public/results/snapshots/7/rankings.csv',
      '/api/public/results/dictionary.csv',
    ]);
    expect(document.querySelector('.published')?.textContent).toContain('12.345 phiếu');
    expect(calls.every((c) => c.url.startsWith('/api/public/results') || c.url === '/api/reference/communes.geojson')).toBe(true);
    await expectNoAxeViolations();
  });

  it('ranks communes with the approximation note, and switches to English', async () => {
    const { app } = open();
    await ready(app);
    const choose = document.getElementById('ranked-group') as HTMLSelectElement;
    choose.value = 'unit';
    choose.dispatchEvent(new Event('change'));
    for (let i = 0; i < 5; i++) await settle();
    expect(document.querySelector('.league .approx')?.textContent).toContain('gần đúng');
    (document.getElementById('lang') as HTMLButtonElement).click();
    expect(document.querySelector('h1')?.textContent).toBe('Satisfaction survey results');
    expect(document.documentElement.lang).toBe('en');
    expect(document.querySelector('li.tile[data-indicator=SIPAS] .estimate')?.textContent).toBe('84.52%');
    expect(document.querySelector('.league .approx')?.textContent).toContain('approximation');
  });

  it('opens a snapshot by its address, and says so when it is not published', async () => {
    const one = open('/ket-qua/3');
    await ready(one.app);
    expect((document.getElementById('wave') as HTMLSelectElement).value).toBe('3');
    const missing = open('/ket-qua/5');
    await ready(missing.app);
    expect(document.querySelector('[role=alert]')?.textContent).toBe('Không có bản kết quả đã công bố này.');
  });
});
