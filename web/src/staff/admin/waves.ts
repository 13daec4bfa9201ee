import { h } from '../../shared/dom';
import { fill } from '../../shared/i18n';
import { adminScreen } from './admin-screen';
import type { AdminApi, Area } from './api';
import type { ConsoleText } from './console-strings';
import type { QuestionnaireRow } from './questionnaires';
import { button, checked, checks, date, field, grid, list, text, valueOf } from './ui';

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
  let rows: WaveRow[] | undefined;
  let published: QuestionnaireRow[] = [];
  let areas: Area[] = [];
  let form: Partial<WaveRow> | undefined;
  let editing = false;
  const s = adminScreen(doc, {
    section: 'waves', id: 'w', title: (tx) => tx.wTitle, docTitle: (tx) => tx.wDocTitle, load,
    view: (tx) => [form ? formView(tx) : h('div', { class: 'nav' }, button(tx.wCreate, () => start(), 'btn primary', 'w-new')), table(tx)],
    // A list that arrives while the admin is typing must not wipe what they typed.
    keep: () => {
      if (form && s.main.querySelector('#w-code')) form = typed();
    },
  });

  async function load(): Promise<void> {
    const [w, q, a] = await Promise.all([
      api.call<WaveRow[]>('GET', '/api/admin/waves'),
      api.call<QuestionnaireRow[]>('GET', '/api/questionnaires'),
      api.areas(),
    ]);
    rows = s.read(w) ?? rows;
    if (q.ok) published = q.data.filter((x) => x.status === 'published');
    if (a.ok) areas = a.data;
  }

  function start(row?: WaveRow): void {
    editing = !!row;
    form = row ?? { officialChannels: ['paper', 'interview', 'import', 'portal'], questionnaires: [] };
    s.faults = [];
    s.notice = '';
    s.paint(false, '#w-code');
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
      checks('w-q', tx.wQuestionnaires, published.map((q) => [q.key, `${q.key} — ${s.lang === 'en' && q.titleEn ? q.titleEn : q.titleVi}`]), keys),
      checks('w-ch', tx.wChannels, CHANNELS.map((c) => [c, tx[c]]), f.officialChannels ?? []),
      checks('w-area', tx.wAreas, areas.map((a) => [a.code, s.lang === 'en' && a.nameEn ? a.nameEn : a.nameVi]), f.areaCodes ?? []),
      field('w-agencies', tx.wAgencies, text('w-agencies', (f.agencyCodes ?? []).join(', '))),
      field('w-units', tx.wUnits, text('w-units', (f.unitCodes ?? []).join(', '))),
      h('div', { class: 'nav' },
        button(tx.save, () => s.run(save), 'btn primary', 'w-save'),
        button(tx.cancel, () => { form = undefined; s.faults = []; s.paint(); })));
  }

  function body() {
    const root = s.main;
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
    const saved = await s.settle(r, (w) => fill(editing ? s.t.wSaved : s.t.wCreated, { code: w.code }), { summary: true, then: () => (form = undefined) });
    if (saved) (s.main.querySelector('#w-notice') as HTMLElement | null)?.focus();
  }

  async function move(row: WaveRow, to: 'open' | 'close'): Promise<void> {
    if (to === 'close' && !doc.defaultView?.confirm(fill(s.t.wCloseConfirm, { code: row.code }))) return;
    const r = await api.call<WaveRow>('POST', `/api/admin/waves/${enc(row.code)}/${to}`);
    await s.settle(r, () => fill(to === 'open' ? s.t.wOpened : s.t.wClosedDone, { code: row.code }));
  }

  function table(tx: ConsoleText): HTMLElement {
    if (!rows) return h('p', null, tx.loading);
    if (!rows.length) return h('p', null, tx.none);
    return grid('w-rows', tx.wCaption, [tx.code, tx.name, tx.status, tx.wDates, tx.wQuestionnaires, tx.wCounts, tx.wPoints, tx.actions],
      rows.map((w) => h('tr', { 'data-code': w.code },
        h('td', null, h('code', null, w.code)),
        h('td', null, s.lang === 'en' ? w.nameEn : w.nameVi),
        h('td', null, tx[w.status]),
        h('td', null, `${date(w.startsOn)} – ${date(w.endsOn)}`),
        h('td', null, w.questionnaires.map((q) => h('div', null, h('code', null, q.key)))),
        h('td', null, h('ul', { class: 'counts' }, CHANNELS.map((c) => h('li', null, `${tx[c]}: ${(w.counts[c] ?? 0).toLocaleString('vi-VN')}`)))),
        h('td', { class: 'num' }, w.servicePoints),
        h('td', { class: 'actions' },
          w.status === 'draft' ? button(tx.wEdit, () => start(w), 'btn small') : null,
          w.status === 'draft' ? button(tx.wOpen, () => s.run(() => move(w, 'open')), 'btn small primary') : null,
          w.status === 'open' ? button(tx.wClose, () => s.run(() => move(w, 'close')), 'btn small danger') : null))));
  }

  return s.screen;
}
