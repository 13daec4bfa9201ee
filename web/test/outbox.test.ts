import { describe, expect, it } from 'vitest';
import type { ApiResult, ResponseReceipt, SubmitResponseRequest } from '../src/shared/api';
import { submitResponse } from '../src/shared/api';
import { CREDENTIAL_KEY } from '../src/shared/device';
import { backoffMs, citizenOutbox, Outbox, OUTBOX_KEY, type OutboxEntry } from '../src/shared/outbox';
import { memoryStore, readJson } from '../src/shared/storage';
import { json, mockFetch } from './helpers';

const receipt: ResponseReceipt = { id: 'r-1', receipt: '7F3A-91C2', receivedAt: '2025-05-14T02:31:07Z' };
const body = (clientId = '8c0f5a52-8d0e-4c55-9f7e-6a1f0b1c2d3e'): SubmitResponseRequest => ({
  clientId,
  answers: { TC1: 4, TC2: 0, SEX: 'nam' },
  startedAt: '2025-05-14T09:30:00+07:00',
});

/** An outbox over real fetch (mocked) and the real API client, like the pages use it. */
function setup(responses: (() => Response)[]) {
  const store = memoryStore();
  let clock = 1_000_000;
  const seenInStorage: (OutboxEntry[] | undefined)[] = [];
  const calls = mockFetch(() => {
    seenInStorage.push(readJson<OutboxEntry[]>(store, OUTBOX_KEY));
    const next = responses.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next();
  });
  const outbox = new Outbox(store, (e) => submitResponse(`/api/public/service-points/${e.code}/responses`, e.body, 'device-1'), () => clock, () => 0.5);
  return { store, outbox, calls, seenInStorage, advance: (ms: number) => (clock += ms) };
}

const offline = () => {
  throw new TypeError('Failed to fetch');
};

describe('outbox', () => {
  it('stores the submission before sending it, and removes it on 201', async () => {
    const { outbox, calls, seenInStorage } = setup([() => json(201, receipt)]);
    const d = await outbox.submit('XD-01', body());
    expect(seenInStorage[0]?.map((e) => e.clientId)).toEqual([body().clientId]);
    expect(d.kind).toBe('sent');
    expect(outbox.entries()).toEqual([]);
    expect(outbox.sent(body().clientId)?.receipt.receipt).toBe('7F3A-91C2');
    expect(calls[0].url).toBe('/api/public/service-points/XD-01/responses');
    expect(calls[0].init.method).toBe('POST');
    expect((calls[0].init.headers as Record<string, string>)['X-Sipas-Device']).toBe('device-1');
    expect(calls[0].body).toEqual(body());
  });

  it('treats 200 (already stored) as success', async () => {
    const { outbox } = setup([() => json(200, receipt)]);
    expect((await outbox.submit('XD-01', body())).kind).toBe('sent');
    expect(outbox.entries()).toEqual([]);
  });

  it.each([
    ['the network is down', offline, 'network'],
    ['the server fails (503)', () => json(503, { title: 'Service Unavailable' }), 'server'],
    ['the server is busy (429)', () => json(429, { title: 'Too Many Requests' }, { 'Retry-After': '120' }), 'busy'],
    ['the request times out (408)', () => json(408, { title: 'Request Timeout' }), 'server'],
  ] as const)('keeps the submission when %s', async (_, respond, reason) => {
    const { outbox } = setup([respond]);
    const d = await outbox.submit('XD-01', body());
    expect(d.kind).toBe('queued');
    expect(d.kind === 'queued' && d.reason).toBe(reason);
    expect(outbox.pending().map((e) => e.clientId)).toEqual([body().clientId]);
    expect(outbox.pending()[0].attempts).toBe(1);
  });

  it('honours Retry-After on 429', async () => {
    const { outbox } = setup([() => json(429, {}, { 'Retry-After': '120' })]);
    const d = await outbox.submit('XD-01', body());
    expect(d.kind === 'queued' && d.retryAt).toBe(1_000_000 + 120_000);
  });

  it('times out a request that hangs, and keeps the submission', async () => {
    const store = memoryStore();
    mockFetch(
      (_url, init) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    );
    const { request } = await import('../src/shared/api');
    const outbox = new Outbox(store, (e) => request<ResponseReceipt>(`/x/${e.code}`, { method: 'POST', body: e.body, timeoutMs: 20 }));
    const d = await outbox.submit('XD-01', body());
    expect(d.kind === 'queued' && d.reason).toBe('timeout');
    expect(outbox.pending()).toHaveLength(1);
  });

  it('re-sends the same clientId on every retry until it is acknowledged', async () => {
    const { outbox, calls, advance } = setup([offline, () => json(500, {}), () => json(201, receipt)]);
    await outbox.submit('XD-01', body());
    expect(await outbox.flush()).toEqual([]); // not due yet: backoff
    advance(backoffMs(1, () => 0.5));
    expect((await outbox.flush())[0].kind).toBe('queued');
    expect(outbox.pending()[0].attempts).toBe(2);
    const [last] = await outbox.flush(true); // the online event does not wait for the backoff
    expect(last.kind).toBe('sent');
    expect(calls.map((c) => (c.body as SubmitResponseRequest).clientId)).toEqual(Array(3).fill(body().clientId));
    expect(new Set(calls.map((c) => JSON.stringify(c.body))).size).toBe(1);
    expect(outbox.entries()).toEqual([]);
  });

  it('survives a page reload: a new Outbox over the same storage sends what was left', async () => {
    const { store, outbox } = setup([offline]);
    await outbox.submit('XD-01', body());
    const calls = mockFetch(() => json(201, receipt));
    const later = new Outbox(store, (e) => submitResponse(`/api/public/service-points/${e.code}/responses`, e.body, 'device-1'));
    const [d] = await later.flush(true);
    expect(d.kind).toBe('sent');
    expect(calls[0].body).toEqual(body());
  });

  it('marks a 400 as a permanent failure and keeps the answers with the problem', async () => {
    const problem = {
      title: 'One or more validation errors occurred.',
      status: 400,
      errors: { 'answers.TC1': ['Giá trị phải từ 0 đến 5 / Value must be 0 to 5'] },
    };
    const { outbox, calls } = setup([() => json(400, problem)]);
    const d = await outbox.submit('XD-01', body());
    expect(d.kind).toBe('rejected');
    expect(d.kind === 'rejected' && d.problem.errors?.['answers.TC1']).toEqual([
      'Giá trị phải từ 0 đến 5 / Value must be 0 to 5',
    ]);
    const [entry] = outbox.entries();
    expect(entry.state).toBe('failed');
    expect(entry.body.answers).toEqual(body().answers);
    expect(await outbox.flush(true)).toEqual([]); // never retried by itself
    expect(calls).toHaveLength(1);
  });

  it('marks a 409 (same clientId, other content) as permanent; a fresh clientId replaces nothing', async () => {
    const { outbox } = setup([() => json(409, { title: 'Conflict', detail: 'Mã phiếu đã được dùng.' }), () => json(201, receipt)]);
    const d = await outbox.submit('XD-01', body());
    expect(d.kind === 'rejected' && d.status).toBe(409);
    expect(outbox.entries()[0].state).toBe('failed');
    const fresh = await outbox.submit('XD-01', body('11111111-2222-4333-8444-555555555555'));
    expect(fresh.kind).toBe('sent');
    expect(outbox.entries().map((e) => e.clientId)).toEqual([body().clientId]);
  });

  it('does not send the same entry twice at once', async () => {
    let release: (r: Response) => void = () => {};
    const calls = mockFetch(() => new Promise<Response>((r) => (release = r)));
    const outbox = new Outbox(memoryStore(), (e) => submitResponse(`/api/public/service-points/${e.code}/responses`, e.body, 'd'));
    const first = outbox.submit('XD-01', body());
    const second = outbox.flush(true);
    await new Promise((r) => setTimeout(r, 0));
    release(json(201, receipt));
    expect((await first).kind).toBe('sent');
    expect((await second)[0].kind).toBe('sent');
    expect(calls).toHaveLength(1);
  });

  it('backs off exponentially up to five minutes', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => backoffMs(n, mid))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(20, mid)).toBe(300_000);
  });

  it('keeps working when storage refuses writes', async () => {
    const store = memoryStore();
    store.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    mockFetch(() => json(201, receipt));
    const outbox = new Outbox(store, (e) => submitResponse(`/api/public/service-points/${e.code}/responses`, e.body, 'd'));
    const d: Awaited<ReturnType<typeof outbox.submit>> = await outbox.submit('XD-01', body());
    expect(d.kind).toBe('sent');
  });
});

describe('citizen outbox', () => {
  const invitation = '/api/public/invitations/Zx_9-aB/responses';
  const hold = (store: ReturnType<typeof memoryStore>, credential: string) =>
    store.setItem(CREDENTIAL_KEY, JSON.stringify({ credential, issuedAt: '2025-05-14T02:00:00Z' }));
  const device = (c: { init: RequestInit }) => (c.init.headers as Record<string, string>)['X-Sipas-Device'];

  it('replays an entry to the URL it was queued for, with the credential it was queued with, after a reload', async () => {
    const store = memoryStore();
    hold(store, 'held-now');
    let calls = mockFetch(offline);
    const first = await citizenOutbox(store).submit('XD-01', body(), { url: invitation, device: 'cred-at-start' });
    expect(first.kind).toBe('queued');
    expect(calls[0].url).toBe(invitation);
    expect(device(calls[0])).toBe('cred-at-start');
    expect(citizenOutbox(store).entries()[0]).toMatchObject({ url: invitation, device: 'cred-at-start' });

    hold(store, 'fetched-later');
    calls = mockFetch(() => json(201, receipt));
    const [d] = await citizenOutbox(store).flush(true); // a new page (survey or landing) over the same storage
    expect(d.kind).toBe('sent');
    expect(calls[0].url).toBe(invitation);
    expect(device(calls[0])).toBe('cred-at-start');
    expect(calls[0].body).toEqual(body());
  });

  it('sends no credential for an entry queued without one, and the held one for entries older than credentials', async () => {
    const store = memoryStore();
    hold(store, 'held-now');
    const calls = mockFetch(() => json(201, receipt));
    await citizenOutbox(store).submit('XD-01', body('11111111-2222-4333-8444-555555555555'), { url: invitation, device: null });
    expect(device(calls[0])).toBeUndefined();
    // An entry left by the page before this version: no url, no device.
    const old = new Outbox(store, async () => ({ ok: false, kind: 'network', status: 0 }));
    await old.submit('XD-01', body());
    await citizenOutbox(store).flush(true);
    expect(calls[1].url).toBe('/api/public/service-points/XD-01/responses');
    expect(device(calls[1])).toBe('held-now');
  });

  it('keeps a response refused for the device cap (429 device-cap) with the message, and does not retry it by itself', async () => {
    const store = memoryStore();
    const cap = { title: 'Thiết bị này đã đánh giá đủ số lần hôm nay / This device has rated enough today', status: 429, code: 'device-cap' };
    const calls = mockFetch(() => json(429, cap, { 'Retry-After': '60' }));
    const outbox = citizenOutbox(store);
    const d = await outbox.submit('XD-01', body(), { url: '/api/public/service-points/XD-01/responses', device: 'c' });
    expect(d.kind).toBe('rejected');
    expect(d.kind === 'rejected' && d.problem.title).toBe(cap.title);
    const [entry] = outbox.entries();
    expect(entry).toMatchObject({ state: 'failed', status: 429, problem: cap });
    expect(entry.body).toEqual(body());
    expect(outbox.pending()).toEqual([]);
    expect(await outbox.flush(true)).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('still retries a plain 429 (busy)', async () => {
    mockFetch(() => json(429, { title: 'Too Many Requests', status: 429 }));
    const outbox = citizenOutbox(memoryStore());
    expect((await outbox.submit('XD-01', body())).kind).toBe('queued');
    expect(outbox.pending()).toHaveLength(1);
  });

  it('keeps nothing of an invitation already used (409 invitation-used)', async () => {
    const used = { title: 'Đường dẫn này đã được dùng để đánh giá / This link has already been used', status: 409, code: 'invitation-used' };
    mockFetch(() => json(409, used));
    const outbox = citizenOutbox(memoryStore());
    const d = await outbox.submit('XD-01', body(), { url: invitation, device: 'c' });
    expect(d.kind === 'rejected' && d.dropped).toBe(true);
    expect(d.kind === 'rejected' && d.problem.title).toBe(used.title);
    expect(outbox.entries()).toEqual([]);
  });
});

describe('api client', () => {
  it('turns a thrown fetch into a network failure, never an exception', async () => {
    mockFetch(offline);
    const { getSurveyTarget } = await import('../src/shared/api');
    const r: ApiResult<unknown> = await getSurveyTarget('/api/public/service-points/XD-01', 'd');
    expect(r).toEqual({ ok: false, kind: 'network', status: 0 });
  });
});
