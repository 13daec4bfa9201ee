import { describe, expect, it } from 'vitest';
import type { ApiResult, ResponseReceipt } from '../src/shared/api';
import { Outbox } from '../src/shared/outbox';
import { memoryStore } from '../src/shared/storage';
import type { InterviewBody } from '../src/staff/field/api';
import { holdsForSignIn } from '../src/staff/field/interviews';
import { staffStrategy } from '../src/staff/offline/sw-routes';
import { decidedBody } from '../src/staff/supervision/reconcile';

const interview = (clientId: string): InterviewBody => ({
  clientId, wave: '2025-H2', stratum: 'so-xay-dung/construction', disposition: 'refused', attemptedAt: '2025-09-14T09:30:00+07:00',
});
const receipt = (id: string): ApiResult<ResponseReceipt> => ({ ok: true, status: 201, data: { id, receipt: 'ABCDE-FGHJK', receivedAt: '2025-09-14T02:31:00Z' } });
const expired: ApiResult<ResponseReceipt> = { ok: false, kind: 'http', status: 401, problem: { title: 'Cần đăng nhập / Sign-in required' } };

describe('interview outbox', () => {
  it('keeps interviews pending while the session has expired, stops there, and sends them after a new sign-in', async () => {
    const store = memoryStore();
    let signedIn = false;
    const sent: string[] = [];
    const outbox = new Outbox<InterviewBody>(store, async (e) => {
      if (!signedIn) return expired;
      sent.push(e.clientId);
      return receipt(e.clientId);
    }, () => 0, () => 0.5, { outboxKey: 'k', sentKey: 's', keepSent: 200, holds: holdsForSignIn });
    outbox.enqueue('2025-H2', interview('a'));
    outbox.enqueue('2025-H2', interview('b'));

    const held = await outbox.flush(true);
    expect(held.map((d) => d.kind)).toEqual(['held']);
    expect(outbox.pending().map((e) => [e.clientId, e.attempts, e.state])).toEqual([['a', 0, 'pending'], ['b', 0, 'pending']]);

    signedIn = true;
    expect((await outbox.flush(true)).map((d) => d.kind)).toEqual(['sent', 'sent']);
    expect(sent).toEqual(['a', 'b']);
    expect(outbox.entries()).toEqual([]);
    expect(outbox.confirmed().map((r) => r.clientId)).toEqual(['b', 'a']);
  });

  it('keeps a cut connection pending with the same clientId for the retry', async () => {
    const bodies: string[] = [];
    let cut = true;
    const outbox = new Outbox<InterviewBody>(memoryStore(), async (e) => {
      bodies.push(JSON.stringify(e.body));
      if (cut) return { ok: false, kind: 'network', status: 0 };
      return receipt(e.clientId);
    }, () => 0, () => 0.5, { outboxKey: 'k', sentKey: 's', holds: holdsForSignIn });
    expect((await outbox.submit('2025-H2', interview('c'))).kind).toBe('queued');
    cut = false;
    expect((await outbox.flush(true))[0].kind).toBe('sent');
    expect(bodies[0]).toBe(bodies[1]);
  });

  it('holds on a stale antiforgery token and on 401, not on other refusals', () => {
    expect(holdsForSignIn({ ok: false, kind: 'http', status: 400, problem: { title: 'Thiếu hoặc sai mã chống giả mạo / Missing or invalid antiforgery token' } })).toBe(true);
    expect(holdsForSignIn({ ok: false, kind: 'http', status: 422, problem: { title: 'not assigned' } })).toBe(false);
    expect(holdsForSignIn({ ok: false, kind: 'network', status: 0 })).toBe(false);
  });
});

describe('staff service worker routing', () => {
  const origin = 'https://sipas.nghean.gov.vn';
  it.each([
    ['/staff/interviews', 'navigate', 'page'],
    ['/staff', 'navigate', 'page'],
    ['/staff/sw.js', 'navigate', 'network'],
    ['/s/XD-01', 'navigate', 'network'],
    ['/assets/staff-abc.js', 'cors', 'asset'],
    ['/api/surveyors/assignments', 'cors', 'network'],
  ])('%s (%s) → %s', (path, mode, expected) => {
    expect(staffStrategy({ url: origin + path, method: 'GET', mode }, origin)).toBe(expected);
  });
  it('never handles a POST', () => expect(staffStrategy({ url: `${origin}/staff/x`, method: 'POST', mode: 'navigate' }, origin)).toBe('network'));
});

describe('reconciliation decision', () => {
  it('takes agreeing values as they are and each differing one as picked or typed', () => {
    const form = {
      wave: 'W', serial: 'PG-1', questionnaire: 'q@1', state: 'queued', keyers: [], responseId: null,
      fields: [
        { field: 'agency', label: null, first: 'so-xay-dung', second: 'so-xay-dung', differs: false },
        { field: 'area', label: null, first: 'construction', second: 'construction', differs: false },
        { field: 'unit', label: null, first: null, second: null, differs: false },
        { field: 'stratum', label: null, first: 's', second: 's', differs: false },
        { field: 'TC1', label: { vi: 'a' }, first: '4', second: '4', differs: false },
        { field: 'TC2', label: { vi: 'b' }, first: '3', second: '5', differs: true },
        { field: 'TC3', label: { vi: 'c' }, first: '1', second: null, differs: true },
        { field: 'SEX', label: { vi: 'd' }, first: '"nam"', second: '"nu"', differs: true },
      ],
    };
    const body = decidedBody(form, {
      TC2: { pick: 'second', other: '' },
      TC3: { pick: 'other', other: ' 2 ' },
      SEX: { pick: 'first', other: '' },
    });
    expect(body).toEqual({ agency: 'so-xay-dung', area: 'construction', unit: null, stratum: 's', answers: { TC1: 4, TC2: 5, TC3: 2, SEX: 'nam' } });
  });
});
