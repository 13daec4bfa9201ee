import type { ApiFailure, ProblemDetails } from '../../shared/api';
import { focusHeading, h, replaceChildren } from '../../shared/dom';
import { fill } from '../../shared/i18n';
import { lifecycle } from './admin-screen';
import { AdminApi, type Agency, type Area, type ServicePointRow, type Unit } from './api';
import { dialog, show, type DialogState } from './dialogs';
import {
  agencyOptions,
  check,
  emptyValues,
  fieldId,
  fieldOf,
  formView,
  toInput,
  unitCount,
  unitOptions,
  valuesOf,
  type Field,
  type FieldErrors,
  type FormState,
  type Values,
} from './form';
import { strings } from './strings';
import { bodyRows, headRow, visibleRows, type TableContext } from './table';
import { message } from './text';

type View = { name: 'list' } | { name: 'form'; editing?: ServicePointRow };

/** The admins' service point screen: list with a filter, create/edit form, retire, QR code and link. */
export function servicePointsScreen(doc: Document, api = new AdminApi()) {
  let rows: ServicePointRow[] | undefined;
  /** Why the list could not be loaded ('@key' or server text), when it could not. */
  let loadError: string | undefined;
  let areas: Area[] = [];
  let units: Unit[] = [];
  const agencies = new Map<string, Agency[]>();
  let query = '';
  let includeRetired = false;
  let notice = '';
  let view: View = { name: 'list' };
  let values: Values = emptyValues();
  let errors: FieldErrors = {};
  let general: string[] = [];
  let busy = false;
  let unitQuery = '';
  let open: DialogState | undefined;
  const life = lifecycle(load, render);

  const t = () => strings[life.lang];
  const $ = <T extends HTMLElement>(sel: string) => life.main?.querySelector<T>(sel) ?? null;

  const table = (): TableContext => ({
    t: t(),
    lang: life.lang,
    areas: new Map(areas.map((a) => [a.code, a])),
    units: new Map(units.map((u) => [u.code, u])),
    act,
  });

  const formState = (): FormState => ({
    t: t(),
    lang: life.lang,
    editing: view.name === 'form' ? view.editing : undefined,
    values,
    errors,
    general,
    busy,
    areas,
    agencies: values.areaCode ? agencies.get(values.areaCode) : undefined,
    units,
    unitQuery,
  });

  async function load(): Promise<void> {
    loadError = undefined;
    const [list, a, u] = await Promise.all([api.list(true), api.areas(), api.units()]);
    if (a.ok) areas = a.data ?? [];
    if (u.ok) units = (u.data ?? []).slice().sort((x, y) => (x.fullName ?? x.name).localeCompare(y.fullName ?? y.name, 'vi'));
    if (list.ok) rows = list.data ?? [];
    else loadError = list.status === 401 || list.status === 403 ? '@denied' : '@loadFailed';
    render(false);
  }

  function render(focus: boolean): void {
    const main = life.main;
    if (!main) return;
    const tx = t();
    doc.title = tx.docTitle;
    main.classList.add('wide');
    replaceChildren(
      main,
      h('p', { class: 'crumb' }, h('a', { href: '/staff' }, tx.back)),
      view.name === 'form' ? formView(formState(), formActions) : listView(),
      open ? dialog(open, tx, life.lang, dialogActions) : null,
    );
    paintRows();
    const d = $<HTMLDialogElement>('#sp-dialog');
    if (d) show(d);
    else if (focus) focusHeading(main.querySelector('h1'));
  }

  function listView(): Node[] {
    const tx = t();
    const head: Node[] = [h('h1', null, tx.title), h('p', { id: 'sp-notice', role: 'status', class: notice ? 'ok' : null }, notice)];
    if (!rows)
      return head.concat(
        loadError
          ? [
              h('p', { class: 'err', role: 'alert' }, message(tx, loadError)),
              h('button', { type: 'button', class: 'btn', onclick: () => life.run(load) }, tx.retry),
            ]
          : [h('p', null, tx.loading)],
      );
    return head.concat([
      h('div', { class: 'nav' }, h('button', { type: 'button', class: 'btn primary', id: 'sp-add', onclick: () => edit() }, tx.add)),
      h(
        'div',
        { class: 'filters' },
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'sp-filter' }, tx.filter),
          h('p', { class: 'hint', id: 'sp-filter-hint' }, tx.filterHint),
          h('input', {
            id: 'sp-filter',
            type: 'search',
            value: query,
            autocomplete: 'off',
            'aria-describedby': 'sp-filter-hint',
            'aria-controls': 'sp-rows',
            oninput: (e: Event) => {
              query = (e.currentTarget as HTMLInputElement).value;
              paintRows();
            },
          }),
        ),
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            id: 'sp-retired',
            checked: includeRetired,
            onchange: (e: Event) => {
              includeRetired = (e.currentTarget as HTMLInputElement).checked;
              paintRows();
            },
          }),
          tx.showRetired,
        ),
      ),
      h('p', { id: 'sp-count', 'aria-live': 'polite' }),
      h(
        'div',
        { class: 'table-wrap', role: 'region', 'aria-labelledby': 'sp-caption', tabindex: '0' },
        h('table', { class: 'grid' }, h('caption', { id: 'sp-caption' }, tx.caption), headRow(tx), h('tbody', { id: 'sp-rows' })),
      ),
      h('p', { id: 'sp-empty', class: 'hint' }),
    ]);
  }

  // Painted after each render and on every filter change, without re-rendering the filter box
  // (which keeps its focus and caret).
  function paintRows(): void {
    const body = $('#sp-rows');
    if (!body || !rows) return;
    const tx = t();
    const c = table();
    const shown = visibleRows(rows, c, query, includeRetired);
    const total = rows.filter((r) => includeRetired || !r.retiredAt).length;
    replaceChildren(body, ...bodyRows(shown, c));
    const count = $('#sp-count');
    if (count) count.textContent = fill(tx.count, { shown: shown.length, total });
    const empty = $('#sp-empty');
    if (empty) empty.textContent = shown.length ? '' : total ? fill(tx.noMatch, { q: query.trim() }) : tx.none;
  }

  function act(action: 'edit' | 'qr' | 'retire', row: ServicePointRow): void {
    if (action === 'edit') return edit(row);
    open = { kind: action, row };
    render(false);
  }

  function edit(row?: ServicePointRow): void {
    view = { name: 'form', editing: row };
    values = row ? valuesOf(row) : emptyValues();
    errors = {};
    general = [];
    unitQuery = '';
    notice = '';
    if (values.areaCode) void loadAgencies(values.areaCode);
    render(true);
  }

  async function loadAgencies(area: string): Promise<void> {
    if (agencies.has(area)) return;
    const r = await api.agencies(area);
    agencies.set(area, r.ok ? r.data ?? [] : []);
    if (!r.ok) general = [problemText(r) ?? '@failed'];
    repaintAgencies();
  }

  function repaintAgencies(): void {
    const select = $<HTMLSelectElement>(`#${fieldId('agencyCode')}`);
    if (!select || view.name !== 'form') return;
    const s = formState();
    if (s.agencies && values.agencyCode && !s.agencies.some((a) => a.code === values.agencyCode)) values.agencyCode = '';
    replaceChildren(select, ...agencyOptions(formState()));
  }

  const formActions = {
    input: (f: Field, v: string) => {
      values[f] = v;
    },
    area: (code: string) => {
      values.areaCode = code;
      repaintAgencies();
      if (code) void loadAgencies(code);
    },
    unitQuery: (q: string) => {
      unitQuery = q;
      const select = $<HTMLSelectElement>(`#${fieldId('unitCode')}`);
      if (select) replaceChildren(select, ...unitOptions(formState()));
      const count = $('#sp-unit-count');
      if (count) count.textContent = unitCount(formState());
    },
    save: () => void save(),
    cancel: () => {
      view = { name: 'list' };
      render(true);
    },
  };

  function problemText(r: ApiFailure): string | undefined {
    if (r.kind !== 'http') return '@failed';
    if (r.status === 401 || r.status === 403) return '@denied';
    return r.problem.detail || r.problem.title || undefined;
  }

  /** Field errors keyed by JSON name go next to their field; anything else goes to the summary. */
  function fromProblem(r: ApiFailure, editing: boolean): void {
    const problem: ProblemDetails = r.kind === 'http' ? r.problem : {};
    errors = {};
    general = [];
    for (const [key, list] of Object.entries(problem.errors ?? {})) {
      const text = (Array.isArray(list) ? list : [String(list)]).join(' ');
      const f = fieldOf(key);
      if (f) errors[f] = errors[f] ? `${errors[f]} ${text}` : text;
      else general.push(text);
    }
    if (Object.keys(errors).length || general.length) return;
    if (r.status === 409 && !editing) errors.code = problem.detail || '@codeTaken';
    else if (r.status === 409) general = ['@isRetired', problem.detail ?? ''].filter(Boolean);
    else general = [problemText(r) ?? '@failed'];
  }

  async function save(): Promise<void> {
    if (busy || view.name !== 'form') return;
    const editing = view.editing;
    const input = toInput(values, !editing);
    errors = check(input, !editing);
    general = [];
    if (Object.keys(errors).length) return showErrors();
    busy = true;
    const button = $<HTMLButtonElement>('#sp-save');
    if (button) {
      button.disabled = true;
      button.textContent = t().saving;
    }
    const r = editing ? await api.update(editing.code, input) : await api.create(input);
    busy = false;
    if (!r.ok) {
      fromProblem(r, !!editing);
      return showErrors();
    }
    const saved = r.data ?? { ...(editing as ServicePointRow), ...input };
    rows = (rows ?? []).filter((x) => x.code !== saved.code).concat(saved);
    notice = fill(editing ? t().saved : t().created, { code: saved.code });
    view = { name: 'list' };
    render(true);
  }

  function showErrors(): void {
    render(false);
    focusHeading($('#sp-errors'));
  }

  const dialogActions = {
    close: () => {
      const was = open;
      open = undefined;
      render(false);
      const back = was && $<HTMLElement>(`button[data-act="${was.kind}"][data-code="${was.row.code}"]`);
      if (back) back.focus();
      else focusHeading($('h1'));
    },
    retire: async (row: ServicePointRow) => {
      if (!open || open.busy) return;
      open = { ...open, busy: true, error: undefined };
      render(false);
      const r = await api.retire(row.code);
      if (!r.ok) {
        const text = problemText(r) ?? '@failed';
        open = { ...open, busy: false, error: message(t(), text) };
        return render(false);
      }
      const retired = r.data?.code ? r.data : { ...row, retiredAt: new Date().toISOString() };
      rows = (rows ?? []).map((x) => (x.code === row.code ? retired : x));
      notice = fill(t().retiredDone, { code: row.code });
      open = undefined;
      render(false);
      focusHeading($('#sp-notice'));
    },
    copy: (link: string) => {
      const status = $('#sp-copy-status');
      const done = () => status && (status.textContent = t().copied);
      const fallback = () => {
        const input = $<HTMLInputElement>('#sp-link');
        input?.select();
        try {
          if (doc.execCommand('copy')) done();
        } catch {
          // the link stays selected for a manual copy
        }
      };
      const clip = doc.defaultView?.navigator.clipboard;
      if (clip?.writeText) clip.writeText(link).then(done, fallback);
      else fallback();
    },
  };

  return life.screen;
}
