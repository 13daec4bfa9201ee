import type { ApiFailure, StaffUser } from '../../shared/api';
import { focusHeading, h, replaceChildren, say } from '../../shared/dom';
import { formatDateTime, formatNumber, isoWithOffset } from '../../shared/format';
import { fill, pick, type Lang } from '../../shared/i18n';
import { uuid } from '../../shared/ids';
import { Outbox, type Delivery } from '../../shared/outbox';
import type { KeyValueStore } from '../../shared/storage';
import { DISPOSITIONS, type Disposition, type FieldApi, type FieldData, type InterviewBody, type MyAssignment } from './api';
import { strings } from './strings';

const RETRY_MS = 15_000;

/** 401: the session expired (perhaps while offline). The interviews stay on the device until the surveyor signs in again. */
export const holdsForSignIn = (f: ApiFailure) => f.kind === 'http' && (f.status === 401 || f.status === 400 && /antiforgery/i.test(f.problem.title ?? ''));

export function interviewOutbox(store: KeyValueStore, api: FieldApi, userName: string, now?: () => number) {
  return new Outbox<InterviewBody>(store, (e) => api.record(e.body), now, undefined, {
    outboxKey: `sipas.interviews.${userName}`,
    sentKey: `sipas.interviews.sent.${userName}`,
    keepSent: 200,
    holds: holdsForSignIn,
  });
}

interface Draft {
  assignment: MyAssignment;
  disposition: Disposition;
  questionnaire: string;
  area: string;
  agency: string;
  unit: string;
  answers: Record<string, string>;
  /** When the interview began: the server checks its duration against the answers given. */
  startedAt: string;
}

/**
 * The surveyor's interview screen: their assignments, an interview form per assignment (contact outcome; for a
 * completed interview the questionnaire's ratings), and the device's outbox: what waits and what the server has
 * confirmed. Works with no network once the data has been loaded one time.
 */
export function interviewScreen(doc: Document, api: FieldApi, store: KeyValueStore, user: StaffUser, signInAgain: () => void) {
  const outbox = interviewOutbox(store, api, user.userName);
  let data: FieldData | undefined;
  let fromDevice = false;
  let loaded = false;
  let draft: Draft | undefined;
  let status = '';
  let alert = '';
  let offline = false;
  let expired = false;
  let syncing = false;
  let main: HTMLElement | undefined;
  let lang: Lang = 'vi';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = () => strings[lang];

  async function load(): Promise<void> {
    const r = await api.load(store, user.userName);
    data = r.data;
    fromDevice = r.fromDevice;
    if (r.status === 401) expired = true;
    loaded = true;
    draw();
    void sync(true);
  }

  async function sync(force: boolean): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (syncing || expired) return;
    syncing = true;
    if (force) draw();
    const deliveries = await outbox.flush(force);
    syncing = false;
    deliveries.forEach(onDelivery);
    if (!expired && outbox.pending().length) timer = setTimeout(() => void sync(false), RETRY_MS);
    draw();
  }

  function onDelivery(d: Delivery<InterviewBody>): void {
    offline = d.kind === 'queued' && (d.reason === 'network' || d.reason === 'timeout');
    if (d.kind === 'held') expired = true;
    if (d.kind === 'sent') offline = false;
  }

  const wave = (code: string) => data?.waves.find((w) => w.code === code);
  const unitName = (code: string | null) => {
    const u = data?.units.find((x) => x.code === code);
    return u ? (lang === 'en' ? u.nameEn : u.fullName) : (code ?? '');
  };
  const named = (n: { nameVi: string; nameEn: string | null }) => (lang === 'en' && n.nameEn ? n.nameEn : n.nameVi);

  function start(a: MyAssignment): void {
    const [agency, area] = a.stratum.includes('/') ? a.stratum.split('/') : ['', ''];
    const q = wave(a.wave)?.questionnaires[0]?.key ?? '';
    draft = {
      assignment: a,
      disposition: 'completed',
      questionnaire: q,
      area: data?.areas.some((x) => x.code === area) ? area : (data?.areas[0]?.code ?? ''),
      agency,
      unit: a.unit ?? '',
      answers: {},
      startedAt: isoWithOffset(new Date()),
    };
    fixAgency();
    alert = '';
    status = '';
    draw(true);
  }

  function fixAgency(): void {
    if (!draft) return;
    const options = agencies();
    if (!options.some((x) => x.code === draft!.agency)) draft.agency = options[0]?.code ?? '';
  }

  const agencies = () => (data?.agencies ?? []).filter((x) => !draft || x.areas.includes(draft.area));

  async function finish(e: Event): Promise<void> {
    e.preventDefault();
    if (!draft) return;
    const d = draft;
    const answers: Record<string, number> = {};
    for (const [code, v] of Object.entries(d.answers)) if (v !== '') answers[code] = Number(v);
    if (d.disposition === 'completed' && Object.keys(answers).length === 0) {
      alert = t().noRating;
      draw();
      return void doc.getElementById('field-finish')?.focus();
    }
    const body: InterviewBody = {
      clientId: uuid(),
      wave: d.assignment.wave,
      stratum: d.assignment.stratum,
      unit: d.unit || null,
      disposition: d.disposition,
      attemptedAt: isoWithOffset(new Date()),
      startedAt: d.startedAt,
      ...(d.disposition === 'completed' ? { questionnaire: d.questionnaire, agency: d.agency, area: d.area, answers } : {}),
    };
    outbox.enqueue(d.assignment.wave, body);
    draft = undefined;
    alert = '';
    status = t().kept;
    draw(true);
    await sync(true);
    const sent = outbox.confirmed().find((r) => r.clientId === body.clientId);
    if (sent) status = fill(t().confirmedNow, { receipt: sent.receipt.receipt });
    draw();
  }

  function select(id: string, label: string, value: string, options: { value: string; text: string }[], set: (v: string) => void): Node {
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      h(
        'select',
        {
          id,
          onchange: (e: Event) => {
            set((e.target as HTMLSelectElement).value);
            draw();
            doc.getElementById(id)?.focus();
          },
        },
        options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.text)),
      ),
    );
  }

  function formView(d: Draft): (Node | null)[] {
    const q = wave(d.assignment.wave)?.questionnaires.find((x) => x.key === d.questionnaire);
    const units = d.assignment.unit ? (data?.units ?? []).filter((u) => u.code === d.assignment.unit) : (data?.units ?? []);
    const unitOptions = [...(d.assignment.unit ? [] : [{ value: '', text: t().noUnit }]), ...units.map((u) => ({ value: u.code, text: unitName(u.code) }))];
    return [
      h('h1', null, fill(t().form, { stratum: d.assignment.stratum })),
      h('p', { id: 'field-alert', class: 'err', role: 'alert' }, alert),
      h(
        'form',
        { novalidate: true, onsubmit: finish },
        h(
          'fieldset',
          null,
          h('legend', null, t().disposition),
          DISPOSITIONS.map((x) =>
            h(
              'div',
              { class: 'check' },
              h('input', {
                type: 'radio',
                name: 'disposition',
                id: `field-d-${x}`,
                value: x,
                checked: d.disposition === x,
                onchange: () => {
                  d.disposition = x;
                  draw();
                  doc.getElementById(`field-d-${x}`)?.focus();
                },
              }),
              h('label', { for: `field-d-${x}` }, t()[x]),
            ),
          ),
        ),
        select('field-unit', t().unit, d.unit, unitOptions, (v) => (d.unit = v)),
        d.disposition === 'completed'
          ? [
              select('field-questionnaire', t().questionnaire, d.questionnaire,
                (wave(d.assignment.wave)?.questionnaires ?? []).map((x) => ({ value: x.key, text: pick(x.title, lang) })),
                (v) => ((d.questionnaire = v), (d.answers = {}))),
              select('field-area', t().area, d.area, (data?.areas ?? []).map((a) => ({ value: a.code, text: named(a) })),
                (v) => ((d.area = v), fixAgency())),
              select('field-agency', t().agency, d.agency, agencies().map((a) => ({ value: a.code, text: named(a) })), (v) => (d.agency = v)),
              h(
                'fieldset',
                null,
                h('legend', null, t().answers),
                (q?.items ?? []).map((item) =>
                  h(
                    'div',
                    { class: 'field' },
                    h('label', { for: `field-a-${item.code}` }, `${item.code}. `, say(item.text, lang)),
                    h(
                      'select',
                      {
                        id: `field-a-${item.code}`,
                        onchange: (e: Event) => (d.answers[item.code] = (e.target as HTMLSelectElement).value),
                      },
                      [['', t().blank], ['5', '5'], ['4', '4'], ['3', '3'], ['2', '2'], ['1', '1'], ['0', t().noOpinion]].map(([v, text]) =>
                        h('option', { value: v, selected: (d.answers[item.code] ?? '') === v }, text),
                      ),
                    ),
                  ),
                ),
              ),
            ]
          : null,
        h(
          'div',
          { class: 'nav' },
          h('button', { type: 'button', class: 'btn', onclick: () => ((draft = undefined), draw(true)) }, t().cancel),
          h('button', { type: 'submit', class: 'btn primary', id: 'field-finish' }, t().finish),
        ),
      ),
    ];
  }

  function outboxView(): (Node | null)[] {
    const waiting = outbox.entries();
    const confirmed = outbox.confirmed();
    return [
      h('h2', { id: 'field-outbox' }, fill(t().outbox, { n: waiting.length })),
      expired
        ? h('div', { class: 'note', role: 'alert' }, h('p', null, t().expired),
            h('button', { type: 'button', class: 'btn primary', onclick: signInAgain }, t().signInAgain))
        : offline ? h('p', { class: 'note', role: 'status' }, t().offline) : null,
      waiting.length
        ? h('ul', { 'aria-labelledby': 'field-outbox' }, waiting.map((e) =>
            h('li', null, `${formatDateTime(e.body.attemptedAt, lang)} · ${e.body.stratum} · ${t()[e.body.disposition]} — `,
              e.state === 'failed'
                ? [fill(t().refusedByServer, { reason: e.problem?.title ?? String(e.status) }), ' ',
                   h('button', { type: 'button', class: 'btn', onclick: () => (outbox.discard(e.clientId), draw()) }, t().discard)]
                : t().waiting)))
        : h('p', null, t().outboxEmpty),
      outbox.pending().length && !expired
        ? h('div', { class: 'nav' }, h('button', { type: 'button', class: 'btn', id: 'field-send', disabled: syncing, onclick: () => void sync(true) },
            syncing ? t().sending : t().sendNow))
        : null,
      h('h2', { id: 'field-confirmed' }, fill(t().confirmed, { n: confirmed.length })),
      confirmed.length
        ? h('ul', { 'aria-labelledby': 'field-confirmed' }, confirmed.map((r) =>
            h('li', null, fill(t().receipt, { receipt: r.receipt.receipt || '—', time: formatDateTime(r.receipt.receivedAt, lang) }))))
        : h('p', null, t().confirmedEmpty),
    ];
  }

  function listView(): (Node | null)[] {
    const assignments = data?.assignments ?? [];
    return [
      h('h1', null, t().title),
      h('p', { role: 'status', id: 'field-status' }, status),
      !loaded ? h('p', null, t().loading) : null,
      loaded && !data ? h('p', { class: 'err' }, t().firstTime) : null,
      data && fromDevice ? h('p', { class: 'note' }, fill(t().fromDevice, { time: formatDateTime(data.savedAt, lang) })) : null,
      data ? h('h2', { id: 'field-mine' }, t().mine) : null,
      data && !assignments.length ? h('p', null, t().none) : null,
      assignments.length
        ? h('ul', { 'aria-labelledby': 'field-mine', class: 'assignments' }, assignments.map((a, i) =>
            h('li', null,
              h('p', null, h('strong', null, `${pick(wave(a.wave)?.name ?? a.wave, lang)} · ${t().stratum} ${a.stratum}`), ' · ',
                `${t().commune}: ${a.unit ? unitName(a.unit) : t().wholeStratum}`),
              h('p', null, a.progress.quota != null
                ? fill(t().progress, { n: formatNumber(a.progress.responses, lang), quota: formatNumber(a.progress.quota, lang) })
                : fill(t().progressNoQuota, { n: formatNumber(a.progress.responses, lang) })),
              h('button', { type: 'button', class: 'btn primary', id: `field-new-${i}`, 'aria-describedby': undefined, onclick: () => start(a) },
                `${t().newInterview}: ${a.stratum}${a.unit ? ` · ${a.unit}` : ''}`))))
        : null,
      ...outboxView(),
      h('p', null, h('a', { href: '/staff' }, t().back)),
    ];
  }

  function draw(focus = false): void {
    if (!main) return;
    replaceChildren(main, ...(draft ? formView(draft) : listView()));
    if (focus) focusHeading(main.querySelector('h1'));
  }

  let loading: Promise<void> | undefined;
  const onlineAgain = () => void sync(true);
  doc.defaultView?.addEventListener('online', onlineAgain);
  return {
    render(target: HTMLElement, l: Lang, focus = false): void {
      main = target;
      lang = l;
      loading ??= load();
      draw(focus);
    },
    ready: () => loading ?? Promise.resolve(),
    /** After a new sign-in: send what waited. */
    resume(): void {
      expired = false;
      void sync(true);
    },
    stop(): void {
      if (timer) clearTimeout(timer);
      doc.defaultView?.removeEventListener('online', onlineAgain);
    },
  };
}
