import { focusHeading, h, replaceChildren } from '../../shared/dom';
import { fill, type Lang } from '../../shared/i18n';
import type { AdminApi, Area } from './api';
import { cs, type ConsoleText } from './console-strings';
import type { QuestionnaireRow } from './questionnaires';
import { adminNav, button, checked, checks, date, field, grid, list, outcome, problemLines, text, valueOf } from './ui';

export const CHANNELS = ['web', 'paper', 'interview', 'import', 'portal'] as const;

export interface WaveRow {
  code: string;
  nameVi: string;
  nameEn: string;
  status: 'draft' | 'open' | 'closed';
  startsOn: string;
  endsOn: string;
  lookbackFrom: string;
  lookbackTo: string;
  questionnaires: { key: string; family: string; titleVi: string; status: string }[];
  officialChannels: string[];
  areaCodes: string[];
  agencyCodes: string[];
  unitCodes: string[];
  counts: Record<string, number>;
  servicePoints: number;
  assignments: number;
}

const enc = encodeURIComponent;

/** Waves: create and edit drafts, open (with the server's checks) and close, counts per channel at a glance. */
export function wavesScreen(doc: Document, api: AdminApi) {
  let main: HTMLElement | undefined;
  let lang: Lang = 'vi';
  let rows: WaveRow[] | undefined;
  let published: QuestionnaireRow[] = [];
  let areas: Area[] = [];
  let notice = '';
  let faults: string[] = [];
  let form: Partial<WaveRow> | undefined;
  let editing = false;
  let ready: Promise<void> = Promise.resolve();
  const t = () => cs[lang];

  async function load(): Promise<void> {
    const [w, q, a] = await Promise.all([
      api.call<WaveRow[]>('GET', '/api/admin/waves'),
      api.call<QuestionnaireRow[]>('GET', '/api/questionnaires'),
      api.areas(),
    ]);
    if (w.ok) rows = w.data;
    else faults = problemLines(w, t());
    if (q.ok) published = q.data.filter((x) => x.status === 'published');
    if (a.ok) areas = a.data;
    paint();
  }

  function paint(focus = false, target?: string): void {
    if (!main) return;
    const tx = t();
    // A list that arrives while the admin is typing must not wipe what they typed.
    if (form && main.querySelector('#w-code')) form = typed();
    doc.title = tx.wDocTitle;
    main.classList.add('wide');
    replaceChildren(main, ...adminNav(lang, 'waves'), h('h1', null, tx.wTitle), ...outcome('w', notice, faults),
      form ? formView(tx) : h('div', { class: 'nav' }, button(tx.wCreate, () => start(), 'btn primary', 'w-new')), table(tx));
    if (target) (main.querySelector(target) as HTMLElement | null)?.focus();
    else if (focus) focusHeading(main.querySelector('h1'));
  }

  function start(row?: WaveRow): void {
    editing = !!row;
    form = row ?? { officialChannels: ['paper', 'interview', 'import', 'portal'], questionnaires: [] };
    faults = [];
    notice = '';
    paint(false, '#w-code');
  }

  function formView(tx: ConsoleText): HTMLElement {
    const f = form!;
    const keys = (f.questionnaires ?? []).map((q) => q.key);
    return h('section', { 'aria-labelledby': 'w-form-title' },
      h('h2', { id: 'w-form-title' }, editing ? fill(tx.wEditTitle, { code: f.code ?? '' }) : tx.wCreate),
      field('w-code', tx.code, Object.assign(text('w-code', f.code), { readOnly: editing })),
      field('w-nameVi', tx.wNameVi, text('w-nameVi', f.nameVi)),
      field('w-nameEn', tx.wNameEn, text('w-nameEn', f.nameEn)),
      field('w-startsOn', tx.wStarts, text('w-startsOn', f.startsOn, 'date')),
      field('w-endsOn', tx.wEnds, text('w-endsOn', f.endsOn, 'date')),
      field('w-lookbackFrom', tx.wLookFrom, text('w-lookbackFrom', f.lookbackFrom, 'date')),
      field('w-lookbackTo', tx.wLookTo, text('w-lookbackTo', f.lookbackTo, 'date')),
      checks('w-q', tx.wQuestionnaires, published.map((q) => [q.key, `${q.key} — ${lang === 'en' && q.titleEn ? q.titleEn : q.titleVi}`]), keys),
      checks('w-ch', tx.wChannels, CHANNELS.map((c) => [c, tx[c]]), f.officialChannels ?? []),
      checks('w-area', tx.wAreas, areas.map((a) => [a.code, lang === 'en' && a.nameEn ? a.nameEn : a.nameVi]), f.areaCodes ?? []),
      field('w-agencies', tx.wAgencies, text('w-agencies', (f.agencyCodes ?? []).join(', '))),
      field('w-units', tx.wUnits, text('w-units', (f.unitCodes ?? []).join(', '))),
      h('div', { class: 'nav' },
        button(tx.save, () => void (ready = save()), 'btn primary', 'w-save'),
        button(tx.cancel, () => { form = undefined; faults = []; paint(); })));
  }

  function body() {
    const root = main!;
    return {
      code: valueOf(root, 'w-code'), nameVi: valueOf(root, 'w-nameVi'), nameEn: valueOf(root, 'w-nameEn'),
      startsOn: valueOf(root, 'w-startsOn') || null, endsOn: valueOf(root, 'w-endsOn') || null,
      lookbackFrom: valueOf(root, 'w-lookbackFrom') || null, lookbackTo: valueOf(root, 'w-lookbackTo') || null,
      questionnaires: checked(root, 'w-q'), officialChannels: checked(root, 'w-ch'), areaCodes: checked(root, 'w-area'),
      agencyCodes: list(valueOf(root, 'w-agencies')), unitCodes: list(valueOf(root, 'w-units')),
    };
  }

  /** What the form holds now, as a wave (for painting it again). */
  function typed(): Partial<WaveRow> {
    const b = body();
    return { ...b, startsOn: b.startsOn ?? '', endsOn: b.endsOn ?? '', lookbackFrom: b.lookbackFrom ?? '', lookbackTo: b.lookbackTo ?? '',
      questionnaires: b.questionnaires.map((key) => ({ key, family: '', titleVi: '', status: '' })) };
  }

  async function save(): Promise<void> {
    const payload = body();
    form = typed();
    const r = editing
      ? await api.call<WaveRow>('PUT', `/api/admin/waves/${enc(payload.code)}`, payload)
      : await api.call<WaveRow>('POST', '/api/admin/waves', payload);
    if (r.ok) {
      notice = fill(editing ? t().wSaved : t().wCreated, { code: r.data.code });
      faults = [];
      form = undefined;
      await load();
      (main?.querySelector('#w-notice') as HTMLElement | null)?.focus();
    } else {
      faults = [t().errSummary, ...problemLines(r, t())];
      paint(false, '#w-faults');
    }
  }

  async function move(row: WaveRow, to: 'open' | 'close'): Promise<void> {
    if (to === 'close' && !doc.defaultView?.confirm(fill(t().wCloseConfirm, { code: row.code }))) return;
    const r = await api.call<WaveRow>('POST', `/api/admin/waves/${enc(row.code)}/${to}`);
    notice = r.ok ? fill(to === 'open' ? t().wOpened : t().wClosedDone, { code: row.code }) : '';
    faults = r.ok ? [] : problemLines(r, t());
    if (r.ok) await load();
    else paint(false, '#w-faults');
  }

  function table(tx: ConsoleText): HTMLElement {
    if (!rows) return h('p', null, tx.loading);
    if (!rows.length) return h('p', null, tx.none);
    return grid('w-rows', tx.wCaption, [tx.code, tx.name, tx.status, tx.wDates, tx.wQuestionnaires, tx.wCounts, tx.wPoints, tx.actions],
      rows.map((w) => h('tr', { 'data-code': w.code },
        h('td', null, h('code', null, w.code)),
        h('td', null, lang === 'en' ? w.nameEn : w.nameVi),
        h('td', null, tx[w.status]),
        h('td', null, `${date(w.startsOn)} – ${date(w.endsOn)}`),
        h('td', null, w.questionnaires.map((q) => h('div', null, h('code', null, q.key)))),
        h('td', null, h('ul', { class: 'counts' }, CHANNELS.map((c) => h('li', null, `${tx[c]}: ${(w.counts[c] ?? 0).toLocaleString('vi-VN')}`)))),
        h('td', { class: 'num' }, w.servicePoints),
        h('td', { class: 'actions' },
          w.status === 'draft' ? button(tx.wEdit, () => start(w), 'btn small') : null,
          w.status === 'draft' ? button(tx.wOpen, () => void (ready = move(w, 'open')), 'btn small primary') : null,
          w.status === 'open' ? button(tx.wClose, () => void (ready = move(w, 'close')), 'btn small danger') : null))));
  }

  return {
    render(el: HTMLElement, l: Lang, focus = false) {
      main = el;
      lang = l;
      if (!rows && !faults.length) ready = load();
      paint(focus);
    },
    ready: () => ready,
  };
}
