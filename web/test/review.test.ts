import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../src/shared/api';
import { replaceChildren } from '../src/shared/dom';
import type { FlaggedPage, ReviewGroup, ReviewHistory, ReviewOverview, SupervisionApi } from '../src/staff/supervision/api';
import { reviewBody, reviewView } from '../src/staff/supervision/review';
import { expectNoAxeViolations } from './axe';
import { settle } from './helpers';

const ok = <T>(data: T): Promise<ApiResult<T>> => Promise.resolve({ ok: true, data } as ApiResult<T>);
const counts = (responses: number, undecided: number, kept: number, excluded: number) => ({ responses, undecided, kept, excluded });

const overview = (excluded = 0): ReviewOverview => ({
  wave: '2025-H2',
  totals: counts(14, 14 - excluded, 0, excluded),
  causes: [
    {
      cause: 'burst',
      vi: 'Số phiếu tại điểm phục vụ tăng đột biến so với thường lệ',
      en: 'A burst far above the service point’s usual hourly rate',
      counts: counts(12, 12 - excluded, 0, excluded),
      groups: [{ kind: 'service-point', key: 'XD-01', name: 'Một cửa Sở Xây dựng', counts: counts(12, 12 - excluded, 0, excluded),
        days: [{ day: '2025-09-14', dayText: '14/09/2025', counts: counts(12, 12 - excluded, 0, excluded), hours: [{ hour: 9, responses: 12 }] }] }],
    },
    {
      cause: 'near-duplicate',
      vi: 'Gần trùng với một phiếu khác của cùng điều tra viên',
      en: 'Nearly identical to another form by the same surveyor',
      counts: counts(2, 2, 0, 0),
      groups: [{ kind: 'surveyor', key: 'u-1', name: 'Nguyễn Văn An', counts: counts(2, 2, 0, 0), days: [] }],
    },
  ],
});

const page = (decided: boolean): FlaggedPage => ({
  total: 2, page: 1, pageSize: 50,
  items: ['r-1', 'r-2'].map((id) => ({
    id, receivedAt: '2025-09-14T02:05:00Z', receivedAtText: '09:05 14/09/2025', channel: 'web', agency: 'so-xay-dung', agencyName: 'Sở Xây dựng',
    placeKind: 'service-point', placeKey: 'XD-01', placeName: 'Một cửa Sở Xây dựng',
    flags: [{ code: 'burst', vi: 'Số phiếu tại điểm phục vụ tăng đột biến so với thường lệ', en: 'A burst' }],
    decision: decided ? { id: 'd-1', decision: 'exclude', reason: 'Cùng một máy', decidedBy: 'gsv', decidedAt: '', decidedAtText: '09:30 15/09/2025', inForce: true } : null,
  })),
});

function mount() {
  const posted: { wave: string; body: unknown }[] = [];
  const listed: ReviewGroup[] = [];
  let excluded = 0;
  const api = {
    waves: () => ok([{ code: '2025-H2', name: { vi: 'Đợt 2025-H2', en: 'Wave 2025-H2' }, status: 'open', startsOn: '2025-07-01', endsOn: '2025-12-31' }]),
    reviewOverview: () => ok(overview(excluded)),
    reviewResponses: (_: string, g: ReviewGroup) => (listed.push(g), ok(page(excluded > 0))),
    reviewDecide: (wave: string, body: { responses?: string[] }) => {
      posted.push({ wave, body });
      excluded = body.responses ? 1 : 12;
      return ok({ decision: 'exclude', decided: excluded, unchanged: 0, unflagged: 0, ids: [] });
    },
    reviewHistory: (id: string) => ok<ReviewHistory>({ response: id, inForce: 'keep', flags: [], decisions: [
      { id: 'd-2', decision: 'keep', reason: 'Đã gọi lại: phiếu thật', decidedBy: 'gsv', decidedAt: '', decidedAtText: '10:00 16/09/2025', inForce: true },
      { id: 'd-1', decision: 'exclude', reason: 'Cùng một máy', decidedBy: 'gsv', decidedAt: '', decidedAtText: '09:30 15/09/2025', inForce: false },
    ] }),
  } as unknown as SupervisionApi;
  document.documentElement.lang = 'vi';
  document.title = 'Rà soát phiếu có cảnh báo';
  const main = document.createElement('main');
  document.body.replaceChildren(main);
  const view = reviewView(api, () => replaceChildren(main, ...view.view('vi')), () => 'Lỗi / Error');
  return { view, main, posted, listed, draw: () => replaceChildren(main, ...view.view('vi')) };
}

const click = async (el: Element | null | undefined) => {
  expect(el).toBeTruthy();
  (el as HTMLElement).click();
  for (let i = 0; i < 5; i++) await settle();
};

describe('review of flagged responses', () => {
  it('builds a decision for listed responses or for a whole group, with the reason trimmed', () => {
    expect(reviewBody('exclude', '  Cùng một máy ', { ids: ['a'] })).toEqual({ decision: 'exclude', reason: 'Cùng một máy', responses: ['a'] });
    expect(reviewBody('keep', 'x', { group: { cause: 'burst', kind: 'service-point', key: 'XD-01', day: '2025-09-14' } }))
      .toEqual({ decision: 'keep', reason: 'x', group: { cause: 'burst', kind: 'service-point', key: 'XD-01', day: '2025-09-14' } });
  });

  it('shows the groups by cause and place, opens one, excludes the whole group with a reason and shows a response’s history', async () => {
    const { view, main, posted, listed } = mount();
    await view.load();
    expect(main.querySelector('.review-totals')?.textContent).toBe('14 phiếu có cảnh báo hoặc đã quyết định: 14 chưa xem xét, 0 giữ lại, 0 bị loại.');
    const burst = main.querySelector('table.review-cause[data-cause=burst]')!;
    expect(burst.querySelector('caption')?.textContent).toBe('Số phiếu tại điểm phục vụ tăng đột biến so với thường lệ (burst)');
    expect(burst.querySelector('tbody tr')?.textContent).toBe('Điểm phục vụ: Một cửa Sở Xây dựng12120014/09/2025 (12) ');
    expect(main.querySelector('table.review-cause[data-cause=near-duplicate] tbody th')?.textContent).toBe('Điều tra viên: Nguyễn Văn An');
    await expectNoAxeViolations();

    await click(burst.querySelector('button.open-day'));
    expect(listed).toEqual([{ cause: 'burst', kind: 'service-point', key: 'XD-01', day: '2025-09-14' }]);
    expect(main.querySelector('h2')?.textContent).toBe('Số phiếu tại điểm phục vụ tăng đột biến so với thường lệ — Điểm phục vụ Một cửa Sở Xây dựng · 14/09/2025');
    expect(main.querySelectorAll('table.review-responses tbody tr').length).toBe(2);
    expect(main.querySelector('table.review-responses td.decision')?.textContent).toBe('chưa có');
    await expectNoAxeViolations();

    const reason = main.querySelector('#sv-review-reason') as HTMLTextAreaElement;
    reason.value = 'Đột biến lúc 9 giờ: cùng một máy';
    reason.dispatchEvent(new Event('input'));
    await click(main.querySelector('#sv-review-apply-group'));
    expect(posted).toEqual([{ wave: '2025-H2', body: { decision: 'exclude', reason: 'Đột biến lúc 9 giờ: cùng một máy',
      group: { cause: 'burst', kind: 'service-point', key: 'XD-01', day: '2025-09-14' } } }]);
    expect(main.querySelector('#sv-review-status')?.textContent).toBe('Đã lưu: 12 phiếu thay đổi, 0 phiếu giữ nguyên.');
    expect(main.querySelector('table.review-responses td.decision')?.textContent).toBe('Bị loại: Cùng một máy');

    await click(main.querySelector('table.review-responses tr[data-id=r-1] button.apply-one'));
    expect(posted[1].body).toEqual({ decision: 'exclude', reason: '', responses: ['r-1'] });

    await click(main.querySelector('table.review-responses tr[data-id=r-2] button.history'));
    const history = [...main.querySelectorAll('.review-history tbody tr')].map((r) => r.textContent);
    expect(history).toEqual(['Giữ lạiĐã gọi lại: phiếu thậtgsv10:00 16/09/2025Đang áp dụng', 'Bị loạiCùng một máygsv09:30 15/09/2025Đã thay thế']);
    await expectNoAxeViolations();
  });
});
