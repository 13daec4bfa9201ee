import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubmitResponseRequest } from '../src/shared/api';
import { CREDENTIAL_KEY } from '../src/shared/device';
import { memoryStore, type KeyValueStore } from '../src/shared/storage';
import { startSurvey } from '../src/survey/app';
import { draftKey } from '../src/survey/draft';
import { expectNoAxeViolations } from './axe';
import { header, json, loadPage, mockFetch, settle, target, type Handler } from './helpers';

const receipt = { id: 'b7e1', receipt: '7F3A-91C2', receivedAt: '2025-05-14T02:31:07Z' };
const offline = () => {
  throw new TypeError('Failed to fetch');
};

let running: ReturnType<typeof startSurvey>[] = [];

const DEVICES = '/api/public/devices';

/** POST /api/public/devices as the server answers it: cred-1, cred-2, … (a new issue time each). */
function issuing(): Handler {
  let n = 0;
  return () => json(200, { credential: `cred-${++n}`, issuedAt: new Date().toISOString() });
}

function open(
  store: KeyValueStore,
  post: Handler,
  get: Handler = () => json(200, target),
  path = '/s/XD-01',
  devices: Handler = issuing(),
  embedded?: typeof target,
  embeddedFor?: string,
) {
  loadPage('survey.html');
  const calls = mockFetch((url, init) =>
    url === DEVICES ? devices(url, init) : init.method === 'POST' ? post(url, init) : get(url, init),
  );
  const app = startSurvey({
    store,
    main: document.getElementById('main')!,
    langButton: document.getElementById('lang') as HTMLButtonElement,
    footer: document.getElementById('footer'),
    pathname: path,
    embedded,
    embeddedFor,
  });
  running.push(app);
  return {
    app,
    calls,
    posts: () => calls.filter((c) => c.init.method === 'POST' && c.url !== DEVICES),
    asked: () => calls.filter((c) => c.url === DEVICES),
  };
}

const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const h1 = () => $('h1').textContent;
const text = () => document.body.textContent!.replace(/\s+/g, ' ');
const clickButton = (label: string) => {
  const b = [...document.querySelectorAll('button')].find((x) => x.textContent === label);
  if (!b) throw new Error(`no button “${label}” in: ${text()}`);
  b.click();
};
const next = () => $('main form').dispatchEvent(new Event('submit', { cancelable: true }));
async function toReview() {
  while (!$('#submit')) {
    next();
    await settle();
  }
}

afterEach(() => {
  running.forEach((a) => a.stop());
  running = [];
});

describe('citizen survey page', () => {
  let store: KeyValueStore;
  beforeEach(() => {
    store = memoryStore();
  });

  it('walks from introduction to receipt, one section per step', async () => {
    const { app, calls, posts } = open(store, () => json(201, receipt));
    await app.ready;
    expect(calls[0].url).toBe('/api/public/service-points/XD-01');
    expect(header(calls[0].init, 'X-Sipas-Device')).toBeUndefined(); // a first visit holds no credential yet
    expect(document.documentElement.lang).toBe('vi');
    expect(h1()).toBe('Đánh giá sự phục vụ');
    expect(text()).toContain('Sở Xây dựng và Sở Nội vụ tỉnh Nghệ An mời Ông/Bà');
    expect(text()).toContain('không hỏi và không lưu họ tên, số điện thoại');
    expect(text()).toContain('khoảng 2 phút');
    expect(text()).toContain('(01/07/2025 – 31/12/2025)');
    await expectNoAxeViolations();

    const dossier = $<HTMLInputElement>('#dossier');
    expect(document.querySelector('label[for=dossier]')?.textContent).toBe('Mã hồ sơ (không bắt buộc)');
    dossier.value = '000.00.12.H40-250514-0001';
    dossier.dispatchEvent(new Event('input'));
    next();

    expect(h1()).toBe('Tiếp cận dịch vụ hành chính công');
    expect(document.activeElement).toBe($('h1'));
    expect($('.progress').textContent).toBe('Phần 1/7');
    expect($<HTMLProgressElement>('progress').value).toBe(1);
    expect($<HTMLProgressElement>('progress').max).toBe(7);
    $<HTMLInputElement>('#q-TC1-4').click();
    $<HTMLInputElement>('#q-TC2-0').click();
    expect(JSON.parse(store.getItem(draftKey('XD-01'))!).answers).toEqual({ TC1: 4, TC2: 0 });
    await expectNoAxeViolations();

    await toReview();
    expect(h1()).toBe('Xem lại câu trả lời');
    expect(text()).toContain('4 · Hài lòng');
    expect(text()).toContain('Không ý kiến');
    expect(text()).toContain('000.00.12.H40-250514-0001');
    await expectNoAxeViolations();

    $('#submit').click();
    await settle();
    const [post] = posts();
    const body = post.body as SubmitResponseRequest;
    expect(post.url).toBe('/api/public/service-points/XD-01/responses');
    expect(header(post.init, 'X-Sipas-Device')).toBe(JSON.parse(store.getItem(CREDENTIAL_KEY)!).credential);
    expect(body.clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(body.answers).toEqual({ TC1: 4, TC2: 0 });
    expect(body.dossierCode).toBe('000.00.12.H40-250514-0001');
    expect(body.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);

    expect(h1()).toBe('Cảm ơn Ông/Bà!');
    expect($('#receipt').textContent).toBe('7F3A-91C2');
    expect(text()).toContain('09:31 ngày 14/05/2025');
    expect(store.getItem(draftKey('XD-01'))).toBeNull();
    expect(app.outbox.entries()).toEqual([]);
    await expectNoAxeViolations();
  });

  it('reads the survey the server put in the page, asking the API for nothing before the first screen', async () => {
    const { app, calls } = open(store, () => json(201, receipt), () => json(500, {}), '/s/xd-01', issuing(), target);
    await app.ready;
    expect(calls.filter((c) => c.url.startsWith('/api/public/service-points'))).toEqual([]);
    expect(h1()).toBe('Đánh giá sự phục vụ');
    expect(text()).toContain('(01/07/2025 – 31/12/2025)');
  });

  it('asks the API when the page carries another service point’s survey', async () => {
    const other = { ...target, servicePoint: { ...target.servicePoint, code: 'YT-02' } };
    const { app, calls } = open(store, () => json(201, receipt), () => json(200, target), '/s/XD-01', issuing(), other);
    await app.ready;
    expect(calls[0].url).toBe('/api/public/service-points/XD-01');
  });

  it('reads the survey an invitation link’s page carries for its own token, and nothing made for another', async () => {
    const own = open(store, () => json(201, receipt), () => json(500, {}), '/r/tok-1', issuing(), target, 'tok-1');
    await own.app.ready;
    expect(own.calls.filter((c) => c.url.startsWith('/api/public/invitations'))).toEqual([]);
    expect(h1()).toBe('Đánh giá sự phục vụ');
    own.app.stop();

    const other = open(memoryStore(), () => json(201, receipt), () => json(200, target), '/r/tok-2', issuing(), target, 'tok-1');
    await other.app.ready;
    expect(other.calls[0].url).toBe('/api/public/invitations/tok-2');
    const unbound = open(memoryStore(), () => json(201, receipt), () => json(200, target), '/r/tok-3', issuing(), target);
    await unbound.app.ready;
    expect(unbound.calls[0].url).toBe('/api/public/invitations/tok-3');
  });

  it('asks the API on a service point’s page that carries an invitation’s survey', async () => {
    const { app, calls } = open(store, () => json(201, receipt), () => json(200, target), '/s/XD-01', issuing(), target, 'tok-1');
    await app.ready;
    expect(calls[0].url).toBe('/api/public/service-points/XD-01');
  });

  it('restores a half-filled survey after a reload, at the same step', async () => {
    const first = open(store, () => json(201, receipt));
    await first.app.ready;
    next();
    next();
    $<HTMLInputElement>('#q-TT3-5').click();
    first.app.stop();

    const again = open(store, () => json(201, receipt));
    await again.app.ready;
    expect(h1()).toBe('Thủ tục hành chính');
    expect($<HTMLInputElement>('#q-TT3-5').checked).toBe(true);
    expect(text()).toContain('đã được khôi phục');
  });

  it('keeps the response when the network is down and sends it when the phone is back online', async () => {
    let up = false;
    const { app, posts } = open(store, () => (up ? json(201, receipt) : offline()));
    await app.ready;
    next();
    $<HTMLInputElement>('#q-TC1-5').click();
    await toReview();
    $('#submit').click();
    await settle();
    expect(h1()).toBe('Chưa gửi được');
    expect(text()).toContain('Chưa gửi được — câu trả lời đã được lưu trên máy và sẽ tự gửi khi có mạng.');
    expect(app.outbox.pending()).toHaveLength(1);
    await expectNoAxeViolations();

    up = true;
    window.dispatchEvent(new Event('online'));
    await settle();
    await settle();
    expect(h1()).toBe('Cảm ơn Ông/Bà!');
    const ids = posts().map((p) => (p.body as SubmitResponseRequest).clientId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(app.outbox.entries()).toEqual([]);
  });

  it('sends a waiting response when the page is opened again', async () => {
    const first = open(store, () => json(503, { title: 'Service Unavailable' }));
    await first.app.ready;
    next();
    $<HTMLInputElement>('#q-TC1-3').click();
    await toReview();
    $('#submit').click();
    await settle();
    expect(h1()).toBe('Chưa gửi được');
    expect(text()).toContain('Máy chủ đang gặp sự cố.');
    first.app.stop();

    const again = open(store, () => json(200, receipt));
    await again.app.ready;
    await settle();
    expect(h1()).toBe('Cảm ơn Ông/Bà!');
    expect((again.posts()[0].body as SubmitResponseRequest).answers).toEqual({ TC1: 3 });
  });

  it('shows the server’s validation messages next to the fields and keeps the answers', async () => {
    const problem = {
      title: 'One or more validation errors occurred.',
      detail: 'Phiếu có câu trả lời không hợp lệ.',
      status: 400,
      errors: { 'answers.TC1': ['Giá trị phải từ 0 đến 5 / Value must be 0 to 5'] },
    };
    const { app } = open(store, () => json(400, problem));
    await app.ready;
    next();
    $<HTMLInputElement>('#q-TC1-2').click();
    await toReview();
    $('#submit').click();
    await settle();
    expect(h1()).toBe('Xem lại câu trả lời');
    const alert = $('[role=alert]');
    expect(alert.textContent).toContain('Phiếu có câu trả lời không hợp lệ.');
    expect(alert.textContent).toContain('Nơi ngồi chờ có đủ chỗ ngồi: Giá trị phải từ 0 đến 5 / Value must be 0 to 5');
    expect(JSON.parse(store.getItem(draftKey('XD-01'))!).answers).toEqual({ TC1: 2 });
    await expectNoAxeViolations();

    alert.querySelector('a')!.click();
    expect(h1()).toBe('Tiếp cận dịch vụ hành chính công');
    const set = $('#q-TC1-set');
    expect(document.getElementById(set.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Giá trị phải từ 0 đến 5 / Value must be 0 to 5',
    );
    expect(document.activeElement).toBe($('#q-TC1-1'));
    await expectNoAxeViolations();
    expect(text()).toContain('Về trang xem lại');
  });

  it('on 409 offers to send the answers again as a new response with a new clientId', async () => {
    let n = 0;
    const { app, posts } = open(store, () =>
      n++ === 0 ? json(409, { title: 'Conflict', detail: 'Mã phiếu đã được dùng.' }) : json(201, receipt),
    );
    await app.ready;
    await toReview();
    $('#submit').click();
    await settle();
    expect(text()).toContain('Mã phiếu đã được dùng.');
    clickButton('Gửi như một phiếu mới');
    await settle();
    expect(h1()).toBe('Cảm ơn Ông/Bà!');
    const [a, b] = posts().map((p) => (p.body as SubmitResponseRequest).clientId);
    expect(b).not.toBe(a);
  });

  it('asks for required answers before going on', async () => {
    const strict = structuredClone(target);
    strict.questionnaire.sections[0].items[0].required = true;
    const { app } = open(store, () => json(201, receipt), () => json(200, strict));
    await app.ready;
    next();
    next();
    expect(h1()).toBe('Tiếp cận dịch vụ hành chính công');
    expect($('[role=alert]').textContent).toContain('Vui lòng trả lời câu này.');
    expect(document.activeElement).toBe($('#q-TC1-1'));
    expect($('#q-TC1-1').getAttribute('aria-describedby')).toBe('q-TC1-err');
    await expectNoAxeViolations();
    $('#lang').click(); // messages follow the language
    expect($('[role=alert]').textContent).toContain('Please check:');
    expect($('#q-TC1-err').textContent).toBe('Please answer this question.');
    $('#lang').click();
    $<HTMLInputElement>('#q-TC1-1').click();
    expect(document.getElementById('q-TC1-err')).toBeNull();
    next();
    expect(h1()).toBe('Thủ tục hành chính');
  });

  it('says when the code is unknown or the survey is not open', async () => {
    const unknown = open(store, () => json(201, receipt), () => json(404, { title: 'Not Found', status: 404 }), '/s/ZZ-99');
    await unknown.app.ready;
    expect(h1()).toBe('Không tìm thấy điểm phục vụ');
    expect(text()).toContain('“ZZ-99”');
    await expectNoAxeViolations();

    const closed = open(store, () => json(201, receipt), () =>
      json(409, { title: 'Conflict', detail: 'Đợt khảo sát đã kết thúc ngày 31/12/2025.' }),
    );
    await closed.app.ready;
    expect(h1()).toBe('Khảo sát chưa mở');
    expect(text()).toContain('Đợt khảo sát đã kết thúc ngày 31/12/2025.');
  });

  it('works offline from the copy saved at the last visit', async () => {
    (await open(store, () => json(201, receipt)).app.ready);
    const again = open(store, () => json(201, receipt), offline);
    await again.app.ready;
    expect(h1()).toBe('Đánh giá sự phục vụ');
    expect(text()).toContain('trang vẫn dùng được với bản phiếu đã lưu trên máy');
  });

  it('says it cannot load when offline on a first visit, and offers to retry', async () => {
    const { app } = open(store, () => json(201, receipt), offline);
    await app.ready;
    expect(h1()).toBe('Không tải được phiếu khảo sát');
    expect(text()).toContain('Thử lại');
  });

  it('switches to English and remembers it', async () => {
    const { app } = open(store, () => json(201, receipt));
    await app.ready;
    const button = $<HTMLButtonElement>('#lang');
    expect(button.textContent).toBe('English');
    expect(button.lang).toBe('en');
    button.click();
    expect(document.documentElement.lang).toBe('en');
    expect(store.getItem('sipas.lang')).toBe('en');
    expect(h1()).toBe('Rate the service');
    expect(text()).toContain('One-stop desk, Department of Construction');
    expect(button.textContent).toBe('Tiếng Việt');
    next();
    expect($('.progress').textContent).toBe('Part 1 of 7');
    expect($('label[for="q-TC1-1"]').textContent).toContain('Very dissatisfied');
    await expectNoAxeViolations();
  });
});

describe('citizen survey page, edge cases', () => {
  afterEach(() => {
    running.forEach((a) => a.stop());
    running = [];
  });

  it('marks Vietnamese text shown on an English page as Vietnamese', async () => {
    const partial = structuredClone(target);
    partial.questionnaire.sections[0].title.en = null;
    partial.questionnaire.sections[0].items[0].text.en = null;
    const store = memoryStore();
    store.setItem('sipas.lang', 'en');
    const { app } = open(store, () => json(201, receipt), () => json(200, partial));
    await app.ready;
    next();
    expect($('h1 [lang=vi]').textContent).toBe('Tiếp cận dịch vụ hành chính công');
    expect($('#q-TC1-q [lang=vi]').textContent).toBe('Nơi ngồi chờ có đủ chỗ ngồi');
    expect($('#q-TC2-q').textContent).toBe('Equipment serving citizens is adequate');
  });

  it('thanks the person even when the acknowledgement has no body', async () => {
    const { app } = open(memoryStore(), () => new Response(null, { status: 201 }));
    await app.ready;
    await toReview();
    $('#submit').click();
    await settle();
    expect(h1()).toBe('Cảm ơn Ông/Bà!');
    expect(document.getElementById('receipt')).toBeNull();
  });

  it('puts a server message about the dossier code next to that field', async () => {
    const problem = { title: 'Invalid', status: 400, errors: { dossierCode: ['Mã hồ sơ không hợp lệ / Invalid dossier code'] } };
    const { app } = open(memoryStore(), () => json(400, problem));
    await app.ready;
    $<HTMLInputElement>('#dossier').value = '???';
    $('#dossier').dispatchEvent(new Event('input'));
    await toReview();
    $('#submit').click();
    await settle();
    $('[role=alert] a').click();
    expect(h1()).toBe('Đánh giá sự phục vụ');
    expect(document.activeElement).toBe($('#dossier'));
    expect($('#dossier').getAttribute('aria-describedby')).toBe('dossier-hint dossier-err');
    expect($('#dossier-err').textContent).toBe('Mã hồ sơ không hợp lệ / Invalid dossier code');
    await expectNoAxeViolations();
    $<HTMLInputElement>('#dossier').value = 'H40-1';
    $('#dossier').dispatchEvent(new Event('input'));
    expect(document.getElementById('dossier-err')).toBeNull();
  });
});

describe('citizen survey page, device credential', () => {
  const device = (c: { init: RequestInit }) => header(c.init, 'X-Sipas-Device');
  const saved = (store: KeyValueStore, slot = 'XD-01') => JSON.parse(store.getItem(draftKey(slot))!);
  const hold = (store: KeyValueStore, credential: string) =>
    store.setItem(CREDENTIAL_KEY, JSON.stringify({ credential, issuedAt: '2025-05-14T01:00:00Z' }));

  it('asks for one at load and at the start of the form, keeps the start’s with the draft, and sends it on every retry', async () => {
    const store = memoryStore();
    let up = false;
    const first = open(store, () => (up ? json(201, receipt) : offline()));
    await first.app.ready;
    await settle();
    // Load: the survey first, then the credential, not waited for (nothing held on a first visit).
    expect(first.calls[0].url).toBe('/api/public/service-points/XD-01');
    expect(first.asked().map((c) => c.body)).toEqual([{ credential: null }]);
    expect(JSON.parse(store.getItem(CREDENTIAL_KEY)!).credential).toBe('cred-1');
    expect(store.getItem(draftKey('XD-01'))).toBeNull(); // not started yet

    next(); // the start button
    expect(saved(store).credential).toBe('cred-1'); // the one held, until the fresh one comes
    await settle();
    expect(first.asked().map((c) => c.body)).toEqual([{ credential: null }, { credential: 'cred-1' }]);
    expect(saved(store).credential).toBe('cred-2');
    expect(saved(store).startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    $<HTMLInputElement>('#q-TC1-4').click(); // answering does not ask again
    await toReview();
    expect(first.asked()).toHaveLength(2);
    $('#submit').click();
    await settle();
    expect(h1()).toBe('Chưa gửi được');
    expect(device(first.posts()[0])).toBe('cred-2');
    expect((first.posts()[0].body as SubmitResponseRequest).startedAt).toBe(saved(store).startedAt);
    first.app.stop();

    // A reload asks for a fresh credential again; the waiting response still goes with the start’s.
    up = true;
    const again = open(store, () => json(201, receipt), undefined, '/s/XD-01', () =>
      json(200, { credential: 'cred-9', issuedAt: '2025-05-14T03:00:00Z' }),
    );
    await again.app.ready;
    await settle();
    expect(h1()).toBe('Cảm ơn Ông/Bà!');
    expect(again.asked().map((c) => c.body)).toEqual([{ credential: 'cred-2' }]);
    expect(again.posts().map(device)).toEqual(['cred-2']);
    expect(again.app.outbox.entries()).toEqual([]);
  });

  it('a form started while the load’s request is under way takes its answer (one device identity, not two)', async () => {
    const store = memoryStore();
    const { app, posts, asked } = open(store, () => json(201, receipt));
    await app.ready;
    next(); // before /devices has answered
    await settle();
    await toReview();
    $('#submit').click();
    await settle();
    expect(asked().map((c) => c.body)).toEqual([{ credential: null }]);
    expect(posts().map(device)).toEqual(['cred-1']);
    expect(h1()).toBe('Cảm ơn Ông/Bà!');
  });

  it('the next form asks for a fresh credential at its own start', async () => {
    const store = memoryStore();
    const { app, posts, asked } = open(store, () => json(201, receipt));
    await app.ready;
    await settle();
    next();
    await settle();
    await toReview();
    $('#submit').click();
    await settle();
    expect(h1()).toBe('Cảm ơn Ông/Bà!');
    expect(asked().map((c) => c.body)).toEqual([{ credential: null }, { credential: 'cred-1' }]);
    app.stop();
    let n = 2;
    const again = open(store, () => json(201, receipt), undefined, '/s/XD-01', () =>
      json(200, { credential: `cred-${++n}`, issuedAt: '2025-05-14T03:00:00Z' }),
    );
    await again.app.ready;
    await settle();
    next();
    await settle();
    await toReview();
    $('#submit').click();
    await settle();
    expect(posts().map(device)).toEqual(['cred-2']);
    expect(again.posts().map(device)).toEqual(['cred-4']);
    expect(again.asked().map((c) => c.body)).toEqual([{ credential: 'cred-2' }, { credential: 'cred-3' }]);
  });

  it.each([
    ['fails (no network)', offline],
    ['answers 503', () => json(503, { title: 'Service Unavailable' })],
    ['answers 400', () => json(400, { title: 'Bad Request', status: 400 })],
  ] as const)('goes on silently with the credential held when /devices %s', async (_, devices) => {
    const store = memoryStore();
    hold(store, 'old-cred');
    const { app, calls, posts, asked } = open(store, () => json(201, receipt), undefined, '/s/XD-01', devices);
    await app.ready;
    await settle();
    expect(device(calls[0])).toBe('old-cred');
    next();
    await settle();
    expect(asked()).toHaveLength(2);
    expect(document.querySelector('[role=alert]')?.textContent).toBe('');
    $<HTMLInputElement>('#q-TC1-5').click();
    await toReview();
    $('#submit').click();
    await settle();
    expect(h1()).toBe('Cảm ơn Ông/Bà!');
    expect(posts().map(device)).toEqual(['old-cred']);
    expect(JSON.parse(store.getItem(CREDENTIAL_KEY)!).credential).toBe('old-cred');
  });

  it('never waits for /devices: the form shows and is sent, without a credential, while it hangs', async () => {
    const store = memoryStore();
    const { app, posts } = open(store, () => json(201, receipt), undefined, '/s/XD-01', () => new Promise<Response>(() => {}));
    await app.ready;
    expect(h1()).toBe('Đánh giá sự phục vụ');
    next();
    expect(h1()).toBe('Tiếp cận dịch vụ hành chính công');
    await toReview();
    $('#submit').click();
    await settle();
    expect(h1()).toBe('Cảm ơn Ông/Bà!');
    expect(posts().map(device)).toEqual([undefined]);
  });

  it('shows the device cap (429 device-cap) in the server’s words, keeps the answers, and does not retry by itself', async () => {
    const store = memoryStore();
    const cap = {
      title: 'Thiết bị này đã đánh giá điểm phục vụ này đủ số lần trong hôm nay / This device has rated this service point enough times today',
      status: 429,
      code: 'device-cap',
    };
    const first = open(store, () => json(429, cap, { 'Retry-After': '30' }));
    await first.app.ready;
    next();
    $<HTMLInputElement>('#q-TC1-2').click();
    await toReview();
    $('#submit').click();
    await settle();
    expect(h1()).toBe('Xem lại câu trả lời');
    const alert = $('[role=alert]').textContent;
    expect(alert).toContain('Máy chủ không nhận phiếu này. Câu trả lời vẫn được lưu trên máy.');
    expect(alert).toContain(cap.title);
    expect(text()).not.toContain('Gửi như một phiếu mới');
    expect(first.app.outbox.entries()).toMatchObject([{ state: 'failed', status: 429 }]);
    expect(saved(store).answers).toEqual({ TC1: 2 });
    await expectNoAxeViolations();

    window.dispatchEvent(new Event('online'));
    await settle();
    expect(first.posts()).toHaveLength(1);
    first.app.stop();

    const again = open(store, () => json(201, receipt));
    await again.app.ready;
    await settle();
    expect(again.posts()).toEqual([]); // not retried on the next load either
    expect($('[role=alert]').textContent).toContain(cap.title);
    expect(again.app.outbox.entries()).toHaveLength(1); // listed as refused, never dropped
  });
});

describe('citizen survey page, invitation link /r/{token}', () => {
  const TOKEN = 'Zx_9-aB';
  const PATH = `/r/${TOKEN}`;
  const URL = `/api/public/invitations/${TOKEN}`;
  const getInvitation: Handler = (url) => (url === URL ? json(200, target) : json(404, { title: 'Not Found' }));
  const problem = (status: number, code: string, title: string) => () => json(status, { status, code, title });

  it('loads the survey from the invitation, asks no dossier code, and sends the rating to the invitation', async () => {
    const store = memoryStore();
    const { app, calls, posts } = open(store, () => json(201, receipt), getInvitation, PATH);
    await app.ready;
    await settle();
    expect(calls[0].url).toBe(URL);
    expect(h1()).toBe('Đánh giá sự phục vụ');
    expect(text()).toContain('Bộ phận Một cửa Sở Xây dựng');
    expect(text()).toContain('không cần nhập mã hồ sơ');
    expect(document.getElementById('dossier')).toBeNull();
    expect(text()).not.toContain('Mã hồ sơ (không bắt buộc)');
    await expectNoAxeViolations();

    next();
    await settle();
    $<HTMLInputElement>('#q-TC1-5').click();
    await toReview();
    expect(text()).not.toContain('Mã hồ sơ');
    await expectNoAxeViolations();
    $('#submit').click();
    await settle();
    const [post] = posts();
    expect(post.url).toBe(`${URL}/responses`);
    expect(header(post.init, 'X-Sipas-Device')).toBe('cred-2');
    const body = post.body as SubmitResponseRequest;
    expect(body.answers).toEqual({ TC1: 5 });
    expect(body).not.toHaveProperty('dossierCode');
    expect(body.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(h1()).toBe('Cảm ơn Ông/Bà!');
    expect($('#receipt').textContent).toBe('7F3A-91C2');
    expect(store.getItem(draftKey(`r/${TOKEN}`))).toBeNull();
  });

  it.each([
    [404, 'unknown-invitation', 'Không tìm thấy lời mời đánh giá / Invitation not found'],
    [410, 'invitation-expired', 'Lời mời đánh giá đã hết hạn / The invitation has expired'],
    [409, 'invitation-used', 'Lời mời này đã được dùng để đánh giá / This invitation has already been used'],
  ])('shows a %i %s in the server’s words, with no form', async (status, code, title) => {
    const { app } = open(memoryStore(), () => json(201, receipt), problem(status, code, title), PATH);
    await app.ready;
    expect(h1()).toBe('Không dùng được đường dẫn đánh giá');
    expect(text()).toContain(title);
    expect(document.querySelector('main form')).toBeNull();
    await expectNoAxeViolations();
  });

  it('says the link is wrong, without asking the server, when the token cannot be one', async () => {
    const { app, calls } = open(memoryStore(), () => json(201, receipt), getInvitation, '/r/not*a*token');
    await app.ready;
    expect(h1()).toBe('Không dùng được đường dẫn đánh giá');
    expect(text()).toContain('Đường dẫn không đúng, đã hết hạn hoặc đã được dùng để đánh giá.');
    expect(calls.filter((c) => c.url.startsWith('/api/public/invitations'))).toEqual([]);
  });

  it('on 409 invitation-used at sending, shows it and keeps nothing pending', async () => {
    const store = memoryStore();
    const used = 'Lời mời này đã được dùng để đánh giá / This invitation has already been used';
    const { app } = open(store, problem(409, 'invitation-used', used), getInvitation, PATH);
    await app.ready;
    next();
    $<HTMLInputElement>('#q-TC1-3').click();
    await toReview();
    $('#submit').click();
    await settle();
    expect(h1()).toBe('Không dùng được đường dẫn đánh giá');
    expect(text()).toContain(used);
    expect(text()).not.toContain('Gửi như một phiếu mới');
    expect(app.outbox.entries()).toEqual([]);
    expect(store.getItem(draftKey(`r/${TOKEN}`))).toBeNull();
  });

  it('keeps an invitation’s rating offline and retries it to the invitation, not to a service point', async () => {
    const store = memoryStore();
    let up = false;
    const first = open(store, () => (up ? json(201, receipt) : offline()), getInvitation, PATH);
    await first.app.ready;
    next();
    $<HTMLInputElement>('#q-TC1-4').click();
    await toReview();
    $('#submit').click();
    await settle();
    expect(h1()).toBe('Chưa gửi được');
    expect(first.app.outbox.entries()[0]).toMatchObject({ url: `${URL}/responses`, code: 'XD-01' });
    first.app.stop();

    // Reloaded offline: the questionnaire kept for this link, the response still waiting.
    up = true;
    const again = open(store, () => json(201, receipt), offline, PATH);
    await again.app.ready;
    await settle();
    expect(again.posts().map((p) => p.url)).toEqual([`${URL}/responses`]);
    expect(h1()).toBe('Cảm ơn Ông/Bà!');
  });
});
