import { h, type Children } from '../../shared/dom';
import { fill, pick, type Lang } from '../../shared/i18n';
import type { Agency, Area, ServicePointInput, ServicePointRow, Unit } from './api';
import type { AdminText } from './strings';
import { clean, localized, matches, message } from './text';

/** Form fields, named as the API's JSON fields so that ProblemDetails `errors` land next to them. */
export const FIELDS = ['code', 'nameVi', 'nameEn', 'areaCode', 'agencyCode', 'unitCode', 'address', 'openingHours'] as const;
export type Field = (typeof FIELDS)[number];
export type Values = Record<Field, string>;
export type FieldErrors = Partial<Record<Field, string>>;

export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,19}$/;
export const fieldId = (f: Field) => `sp-${f}`;

export interface FormState {
  t: AdminText;
  lang: Lang;
  editing?: ServicePointRow;
  values: Values;
  errors: FieldErrors;
  /** Messages that belong to no field ('@key' or server text). */
  general: string[];
  busy: boolean;
  areas: Area[];
  /** The chosen area's agencies; undefined while loading or before an area is chosen. */
  agencies?: Agency[];
  units: Unit[];
  unitQuery: string;
}

export interface FormActions {
  input: (field: Field, value: string) => void;
  area: (code: string) => void;
  unitQuery: (query: string) => void;
  save: () => void;
  cancel: () => void;
}

export const emptyValues = (): Values => ({ code: '', nameVi: '', nameEn: '', areaCode: '', agencyCode: '', unitCode: '', address: '', openingHours: '' });

export const valuesOf = (r: ServicePointRow): Values => ({
  code: r.code,
  nameVi: r.nameVi,
  nameEn: r.nameEn ?? '',
  areaCode: r.areaCode,
  agencyCode: r.agency.code,
  unitCode: r.unitCode ?? '',
  address: r.address ?? '',
  openingHours: r.openingHours ?? '',
});

/** "nameVi", "NameVi", "request.nameVi", "$.nameVi" → nameVi. */
export function fieldOf(key: string): Field | undefined {
  const last = key.split('.').pop()?.toLowerCase();
  return FIELDS.find((f) => f.toLowerCase() === last);
}

export function toInput(v: Values, creating: boolean): ServicePointInput {
  const body: ServicePointInput = {
    nameVi: clean(v.nameVi) ?? '',
    nameEn: clean(v.nameEn),
    agencyCode: v.agencyCode,
    areaCode: v.areaCode,
    unitCode: v.unitCode || null,
    address: clean(v.address),
    openingHours: clean(v.openingHours),
  };
  return creating ? { code: (clean(v.code) ?? '').toUpperCase(), ...body } : body;
}

/** What can be told before asking the server; the server checks the rest (agency serves area, current commune). */
export function check(input: ServicePointInput, creating: boolean): FieldErrors {
  const e: FieldErrors = {};
  if (creating && !input.code) e.code = '@required';
  else if (creating && !CODE_PATTERN.test(input.code ?? '')) e.code = '@codePattern';
  if (!input.nameVi) e.nameVi = '@required';
  if (!input.areaCode) e.areaCode = '@required';
  if (!input.agencyCode) e.agencyCode = '@required';
  return e;
}

const option = (value: string, label: string, selected: boolean) => h('option', { value, selected: selected || null }, label);

export function agencyOptions(s: FormState): HTMLOptionElement[] {
  const { t, lang, values } = s;
  if (!values.areaCode) return [option('', t.chooseAreaFirst, true)];
  if (!s.agencies) return [option('', t.loadingOptions, true)];
  return [option('', t.chooseAgency, !values.agencyCode)].concat(
    s.agencies.map((a) => {
      const name = pick(localized(a.nameVi, a.nameEn), lang);
      return option(a.code, a.verified === false ? fill(t.unverified, { name }) : name, a.code === values.agencyCode);
    }),
  );
}

export const unitLabel = (u: Unit, lang: Lang) => (lang === 'en' && u.nameEn) || u.fullName || u.name;

/** Communes matching the search, always keeping the chosen one so that a search never drops it. */
export function unitOptions(s: FormState): HTMLOptionElement[] {
  const chosen = s.values.unitCode;
  const shown = s.units.filter(
    (u) => u.code === chosen || matches(`${u.fullName ?? ''} ${u.name} ${u.nameEn ?? ''} ${u.code}`, s.unitQuery),
  );
  return [option('', s.t.noUnit, !chosen)].concat(shown.map((u) => option(u.code, unitLabel(u, s.lang), u.code === chosen)));
}

export const unitCount = (s: FormState) => fill(s.t.unitCount, { count: unitOptions(s).length - 1 });

function field(s: FormState, f: Field, label: string, control: HTMLElement, hint?: string): Node {
  const err = s.errors[f];
  const id = fieldId(f);
  control.id = id;
  control.setAttribute('name', f);
  const described = [hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ');
  if (described) control.setAttribute('aria-describedby', described);
  if (err) control.setAttribute('aria-invalid', 'true');
  return h(
    'div',
    { class: err ? 'field invalid' : 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    err ? h('p', { class: 'err', id: `${id}-err` }, message(s.t, err)) : null,
    control,
  );
}

export function errorSummary(s: FormState, labels: Record<Field, string>): Children[] {
  const fields = FIELDS.filter((f) => s.errors[f]);
  if (!fields.length && !s.general.length) return [];
  return [
    h('p', { class: 'alert-msg' }, s.t.errSummary),
    s.general.map((g) => h('p', null, message(s.t, g))),
    fields.length
      ? h(
          'ul',
          null,
          fields.map((f) =>
            h(
              'li',
              null,
              h(
                'a',
                {
                  href: `#${fieldId(f)}`,
                  // A fragment link scrolls but does not always focus the control; do both.
                  onclick: (e: Event) => {
                    e.preventDefault();
                    document.getElementById(fieldId(f))?.focus();
                  },
                },
                `${labels[f]}: ${message(s.t, s.errors[f] ?? '')}`,
              ),
            ),
          ),
        )
      : null,
  ];
}

export function formView(s: FormState, on: FormActions): Children[] {
  const { t, lang, values } = s;
  const creating = !s.editing;
  const text = (f: Field, attrs: Record<string, unknown> = {}) =>
    h('input', {
      type: 'text',
      value: values[f],
      autocomplete: 'off',
      oninput: (e: Event) => on.input(f, (e.currentTarget as HTMLInputElement).value),
      ...attrs,
    });
  const labels: Record<Field, string> = {
    code: t.code,
    nameVi: t.nameVi,
    nameEn: t.nameEn,
    areaCode: t.area,
    agencyCode: t.agency,
    unitCode: t.unit,
    address: t.address,
    openingHours: t.openingHours,
  };
  const summary = errorSummary(s, labels);
  return [
    h('h1', null, creating ? t.createTitle : fill(t.editTitle, { code: s.editing?.code ?? '' })),
    h('div', { id: 'sp-errors', role: 'alert', tabindex: '-1', class: summary.length ? 'alert' : null }, summary),
    h(
      'form',
      { novalidate: true, onsubmit: (e: Event) => (e.preventDefault(), on.save()) },
      creating
        ? field(s, 'code', labels.code, text('code', { maxlength: 20, spellcheck: 'false', autocapitalize: 'characters', class: 'code' }), t.codeHint)
        : null,
      field(s, 'nameVi', labels.nameVi, text('nameVi', { lang: 'vi', maxlength: 200 })),
      field(s, 'nameEn', labels.nameEn, text('nameEn', { lang: 'en', maxlength: 200 })),
      field(
        s,
        'areaCode',
        labels.areaCode,
        h(
          'select',
          { onchange: (e: Event) => on.area((e.currentTarget as HTMLSelectElement).value) },
          option('', t.chooseArea, !values.areaCode),
          s.areas.map((a) => option(a.code, pick(localized(a.nameVi, a.nameEn), lang), a.code === values.areaCode)),
        ),
      ),
      field(
        s,
        'agencyCode',
        labels.agencyCode,
        h('select', { onchange: (e: Event) => on.input('agencyCode', (e.currentTarget as HTMLSelectElement).value) }, agencyOptions(s)),
        t.agencyHint,
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'sp-unit-search' }, t.unitSearch),
        h('p', { class: 'hint', id: 'sp-unit-search-hint' }, t.unitSearchHint),
        h('input', {
          id: 'sp-unit-search',
          type: 'search',
          value: s.unitQuery,
          autocomplete: 'off',
          'aria-controls': fieldId('unitCode'),
          'aria-describedby': 'sp-unit-search-hint sp-unit-count',
          oninput: (e: Event) => on.unitQuery((e.currentTarget as HTMLInputElement).value),
        }),
        h('p', { class: 'hint', id: 'sp-unit-count', 'aria-live': 'polite' }, unitCount(s)),
      ),
      field(
        s,
        'unitCode',
        labels.unitCode,
        h('select', { onchange: (e: Event) => on.input('unitCode', (e.currentTarget as HTMLSelectElement).value) }, unitOptions(s)),
      ),
      field(s, 'address', labels.address, text('address', { lang: 'vi', maxlength: 300 })),
      field(s, 'openingHours', labels.openingHours, text('openingHours', { maxlength: 200, spellcheck: 'false' }), t.openingHoursHint),
      h(
        'div',
        { class: 'nav' },
        h('button', { type: 'submit', class: 'btn primary', id: 'sp-save', disabled: s.busy }, s.busy ? t.saving : t.save),
        h('button', { type: 'button', class: 'btn', onclick: on.cancel }, t.cancel),
      ),
    ),
  ];
}
