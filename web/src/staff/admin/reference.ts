import { h, replaceChildren, type Children } from '../../shared/dom';
import { fill } from '../../shared/i18n';
import { adminScreen } from './admin-screen';
import type { AdminApi } from './api';
import type { ConsoleText } from './console-strings';
import { matches } from './text';
import { button, date, field, grid, text, time, valueOf } from './ui';

interface TargetRow {
  id: number;
  indicator: string;
  year: number;
  comparator: string;
  thresholdPercent: number;
  legalBasis: string;
  createdAt: string;
  createdBy: string | null;
  supersededAt: string | null;
  current: boolean;
}

const INDICATORS = ['SIPAS', 'TTHC', 'HEALTH', 'EDUCATION', 'LAND', 'CONSTRUCTION', 'INVESTMENT'];
const enc = encodeURIComponent;
/** "95,5" or "95.5" → 95.5; anything else → null, which the server refuses by field (never a silent 0). */
const decimal = (text: string): number | null => {
  const t = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : null;
};
const percent = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 }) + '%';

/** Targets per indicator and year, the history (who set what, when) kept and shown. */
export function targetsScreen(doc: Document, api: AdminApi) {
  let rows: TargetRow[] | undefined;
  const s = adminScreen(doc, { section: 'targets', id: 't', title: (tx) => tx.tTitle, docTitle: (tx) => tx.tDocTitle, load, view });

  async function load(): Promise<void> {
    rows = s.read(await api.call<TargetRow[]>('GET', '/api/admin/targets')) ?? rows;
  }

  function view(tx: ConsoleText): Children[] {
    const select = (id: string, options: string[]) => h('select', { id }, options.map((o) => h('option', { value: o }, o)));
    return [
      h('section', { 'aria-labelledby': 't-form-title' }, h('h2', { id: 't-form-title' }, tx.tSet),
        field('t-indicator', tx.tIndicator, select('t-indicator', INDICATORS)),
        field('t-year', tx.tYear, text('t-year', String(new Date().getFullYear()), 'number')),
        field('t-comparator', tx.tComparator, select('t-comparator', ['>', '≥'])),
        // Text with a decimal keypad, not type=number: "95,5" (the Vietnamese way) must reach us as typed, not as "".
        field('t-threshold', tx.tThreshold, Object.assign(text('t-threshold', ''), { inputMode: 'decimal' })),
        field('t-basis', tx.tBasis, text('t-basis')),
        h('div', { class: 'nav' }, button(tx.tSet, () => s.run(set), 'btn primary', 't-save'))),
      !rows ? h('p', null, tx.loading) : grid('t-rows', tx.tCaption,
        [tx.tIndicator, tx.tYear, tx.tComparator, tx.tThreshold, tx.tBasis, tx.tBy, tx.tAt, tx.status],
        rows.map((r) => h('tr', { class: r.current ? null : 'old' },
          h('td', null, r.indicator), h('td', { class: 'num' }, r.year), h('td', null, r.comparator),
          h('td', { class: 'num' }, percent(r.thresholdPercent)), h('td', null, r.legalBasis), h('td', null, r.createdBy ?? ''),
          h('td', null, time(r.createdAt)),
          h('td', null, r.current ? tx.current : fill(tx.tSuperseded, { at: time(r.supersededAt) }))))),
    ];
  }

  async function set(): Promise<void> {
    const root = s.main;
    const indicator = valueOf(root, 't-indicator');
    const year = valueOf(root, 't-year');
    const r = await api.call<TargetRow>('PUT', `/api/admin/targets/${enc(indicator)}/${enc(year)}`, {
      comparator: valueOf(root, 't-comparator'), thresholdPercent: decimal(valueOf(root, 't-threshold')),
      legalBasis: valueOf(root, 't-basis'),
    });
    await s.settle(r, () => fill(s.t.tSetDone, { indicator, year }), { summary: true });
  }

  return s.screen;
}

interface UnitRow {
  code: string;
  nameVi?: string;
  nameEn?: string;
  name?: string;
  fullName?: string;
  areas?: string[];
  validFrom: string;
  validTo: string | null;
  successorCode: string | null;
  responses?: number;
  activeServicePoints?: number;
}

type Action = { kind: 'rename' | 'merge' | 'retire'; row: UnitRow };

/** Agencies or communes: rename, merge into a successor, retire, with valid-from and valid-to shown. */
export function unitsScreen(doc: Document, api: AdminApi, which: 'agencies' | 'communes') {
  let rows: UnitRow[] | undefined;
  let query = '';
  let action: Action | undefined;
  const base = `/api/admin/${which}`;
  const agencies = which === 'agencies';
  const s = adminScreen(doc, {
    section: which, id: 'u', title: (tx) => (agencies ? tx.aTitle : tx.cTitle), docTitle: (tx) => (agencies ? tx.aDocTitle : tx.cDocTitle),
    load, view,
  });

  async function load(): Promise<void> {
    rows = s.read(await api.call<UnitRow[]>('GET', `${base}?includeRetired=true`)) ?? rows;
  }

  const nameOf = (r: UnitRow) => (agencies ? (s.lang === 'en' && r.nameEn ? r.nameEn : r.nameVi) : r.fullName) ?? '';

  function view(tx: ConsoleText): Children[] {
    return [
      action ? actionForm(tx, action) : null,
      field('u-filter', tx.aFilter, h('input', {
        id: 'u-filter', type: 'search', value: query, autocomplete: 'off',
        oninput: (e: Event) => { query = (e.currentTarget as HTMLInputElement).value; paintRows(); },
      })),
      !rows ? h('p', null, tx.loading) : grid('u-rows', agencies ? tx.aCaption : tx.cCaption,
        [tx.code, tx.name, ...(agencies ? [tx.aAreas, tx.aResponses, tx.aPoints] : []), tx.aValid, tx.aSuccessor, tx.actions], rowsView(tx, rows)),
    ];
  }

  /** On every filter change, without painting the filter box again (which keeps its focus and caret). */
  function paintRows(): void {
    const body = s.main.querySelector('#u-rows tbody');
    if (body && rows) replaceChildren(body, rowsView(s.t, rows));
  }

  function rowsView(tx: ConsoleText, all: UnitRow[]): Children[] {
    const shown = all.filter((r) => !query.trim() || matches(`${r.code} ${nameOf(r)} ${r.nameVi ?? ''}`, query)).slice(0, 300);
    return shown.map((r) => h('tr', { 'data-code': r.code },
      h('td', null, h('code', null, r.code)), h('td', null, nameOf(r)),
      agencies ? [h('td', null, (r.areas ?? []).join(', ')), h('td', { class: 'num' }, r.responses ?? 0), h('td', { class: 'num' }, r.activeServicePoints ?? 0)] : null,
      h('td', null, r.validTo ? fill(tx.aUntil, { from: date(r.validFrom), to: date(r.validTo) }) : fill(tx.aFrom, { from: date(r.validFrom) })),
      h('td', null, r.successorCode ?? ''),
      h('td', { class: 'actions' }, r.validTo ? null : [
        button(tx.aRename, () => open({ kind: 'rename', row: r }), 'btn small'),
        button(tx.aMerge, () => open({ kind: 'merge', row: r }), 'btn small'),
        button(tx.aRetire, () => open({ kind: 'retire', row: r }), 'btn small')])));
  }

  function open(a: Action): void {
    action = a;
    s.faults = [];
    s.notice = '';
    s.paint(false, '#u-action-title');
  }

  function actionForm(tx: ConsoleText, a: Action): HTMLElement {
    const { row } = a;
    const title = { rename: tx.aRenameTitle, merge: tx.aMergeTitle, retire: tx.aRetireTitle }[a.kind];
    const fields = a.kind === 'rename'
      ? agencies
        ? [field('u-nameVi', tx.wNameVi, text('u-nameVi', row.nameVi)), field('u-nameEn', tx.wNameEn, text('u-nameEn', row.nameEn))]
        : [field('u-name', tx.name, text('u-name', row.name)), field('u-fullName', tx.cFullName, text('u-fullName', row.fullName)),
           field('u-nameEn', tx.wNameEn, text('u-nameEn', row.nameEn))]
      : [a.kind === 'merge' ? field('u-successor', tx.aSuccessorCode, text('u-successor'), tx.aMergeHint) : null,
         field('u-on', tx.aOn, text('u-on', '', 'date')), field('u-basis', tx.aBasis, text('u-basis'))];
    return h('section', { 'aria-labelledby': 'u-action-title' },
      h('h2', { id: 'u-action-title', tabindex: '-1' }, fill(title, { code: row.code })), fields,
      h('div', { class: 'nav' }, button(tx.save, () => s.run(() => submit(a)), 'btn primary', 'u-save'),
        button(tx.cancel, () => { action = undefined; s.paint(); })));
  }

  async function submit(a: Action): Promise<void> {
    const root = s.main;
    const path = `${base}/${enc(a.row.code)}`;
    const r = a.kind === 'rename'
      ? await api.call('PUT', path, agencies
        ? { nameVi: valueOf(root, 'u-nameVi'), nameEn: valueOf(root, 'u-nameEn'), areaCodes: a.row.areas }
        : { name: valueOf(root, 'u-name'), fullName: valueOf(root, 'u-fullName'), nameEn: valueOf(root, 'u-nameEn') })
      : await api.call('POST', `${path}/${a.kind}`, {
        successorCode: a.kind === 'merge' ? valueOf(root, 'u-successor') : undefined,
        on: valueOf(root, 'u-on') || null, legalBasis: valueOf(root, 'u-basis') || null,
      });
    await s.settle(r, () => fill(s.t.aDone, { code: a.row.code }), { summary: true, then: () => (action = undefined) });
  }

  return s.screen;
}
