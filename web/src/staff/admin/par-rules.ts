import type { ApiResult } from '../../shared/api';
import { h, type Children } from '../../shared/dom';
import { fill } from '../../shared/i18n';
import { adminScreen } from './admin-screen';
import type { AdminApi } from './api';
import type { ConsoleText } from './console-strings';
import { button, grid, text, time } from './ui';

interface Band {
  minPercent: number;
  points: number;
}

/** GET /api/admin/par-rules: newest year first, then by indicator, the current row before the ones it superseded. */
interface ParRuleRow {
  id: number;
  indicator: string;
  year: number;
  kind: 'linear' | 'bands';
  maxPoints: number;
  fromPercent: number | null;
  toPercent: number | null;
  bands: Band[];
  legalBasis: string;
  createdAt: string;
  createdBy: string | null;
  supersededAt: string | null;
  current: boolean;
}

/** The form as typed (numbers as text: "95,5" is read on saving, never turned into 0 on the way). */
interface Draft {
  indicator: string;
  year: string;
  kind: 'linear' | 'bands';
  maxPoints: string;
  fromPercent: string;
  toPercent: string;
  bands: { minPercent: string; points: string }[];
  legalBasis: string;
}

/** The indicators the PAR scoring takes (docs/formats.md, "PAR scoring input"). */
const INDICATORS = ['TTHC', 'SIPAS', 'HEALTH', 'EDUCATION'];
const enc = encodeURIComponent;
const blank = () => ({ minPercent: '', points: '' });
const fresh = (): Draft => ({
  indicator: INDICATORS[0], year: String(new Date().getFullYear()), kind: 'linear', maxPoints: '', fromPercent: '', toPercent: '',
  bands: [blank()], legalBasis: '',
});
/** "95,5" or "95.5" → 95.5; "" → null; anything else → NaN. */
const decimal = (typed: string): number | null => {
  const t = typed.normalize('NFC').trim().replace(',', '.');
  if (!t) return null;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
};
/** Vietnamese number format in both languages (95,5), as the style guide asks. */
const num = (n: number | null) => (n == null ? '' : n.toLocaleString('vi-VN', { maximumFractionDigits: 2 }));
const shown = (n: number) => String(n).replace('.', ',');
/** The JSON key of a field error ("bands[1].minPercent", "$.maxPoints") as the form knows it. */
const keyOf = (k: string) => k.replace(/^\$\./, '').toLowerCase();

/**
 * The rules turning survey estimates into PAR scoring points, per indicator and year: linear (0 points at or below
 * one threshold, the maximum at or above another) or bands of thresholds. A change supersedes the current rule,
 * which stays in the history shown under the form; the server's field errors appear next to their fields.
 */
export function parRulesScreen(doc: Document, api: AdminApi) {
  let rows: ParRuleRow[] | undefined;
  let draft = fresh();
  /** Field errors by lower-cased JSON key, from the server or from reading the form. */
  let errors: Record<string, string[]> = {};
  const s = adminScreen(doc, { section: 'par-rules', id: 'r', title: (tx) => tx.rTitle, docTitle: (tx) => tx.rDocTitle, load, view });

  async function load(): Promise<void> {
    rows = s.read(await api.call<ParRuleRow[]>('GET', '/api/admin/par-rules')) ?? rows;
  }

  function view(tx: ConsoleText): Children[] {
    return [h('p', null, tx.rIntro), form(tx), ...tables(tx)];
  }

  /** A control's error (its id `${id}-err`), the control marked invalid and described by it. */
  function described(control: HTMLElement, id: string, key: string, hint?: boolean): HTMLElement | null {
    const messages = errors[key.toLowerCase()];
    const ids = [hint ? `${id}-hint` : '', messages ? `${id}-err` : ''].filter(Boolean).join(' ');
    if (ids) control.setAttribute('aria-describedby', ids);
    if (messages) control.setAttribute('aria-invalid', 'true');
    return messages ? h('p', { class: 'err', id: `${id}-err` }, messages.join(' ')) : null;
  }

  /** A labelled control with its hint and its error. */
  function input(id: string, key: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
    const err = described(control, id, key, !!hint);
    return h('div', { class: err ? 'field invalid' : 'field' }, h('label', { for: id }, label),
      hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, err, control);
  }

  /** A text box with a decimal keypad (not type=number: "95,5" must reach us as typed), kept in the draft as typed. */
  function decimalBox(id: string, value: string, set: (v: string) => void): HTMLInputElement {
    return Object.assign(text(id, value), { inputMode: 'decimal', oninput: (e: Event) => set((e.currentTarget as HTMLInputElement).value) });
  }

  function form(tx: ConsoleText): HTMLElement {
    const d = draft;
    const kinds = h('fieldset', { class: errors.kind ? 'field checks invalid' : 'field checks', id: 'r-kind' }, h('legend', null, tx.rKind));
    const kindErr = described(kinds, 'r-kind', 'kind');
    if (kindErr) kinds.append(kindErr);
    for (const k of ['linear', 'bands'] as const)
      kinds.append(h('label', { class: 'check' }, h('input', {
        type: 'radio', name: 'r-kind', id: `r-kind-${k}`, value: k, checked: d.kind === k,
        onchange: () => {
          sync();
          draft.kind = k;
          s.paint(false, `#r-kind-${k}`);
        },
      }), k === 'linear' ? tx.rLinear : tx.rBands));
    return h('section', { 'aria-labelledby': 'r-form-title' }, h('h2', { id: 'r-form-title' }, tx.rSet),
      input('r-indicator', 'indicator', tx.rIndicator, h('select', {
        id: 'r-indicator', onchange: (e: Event) => (draft.indicator = (e.currentTarget as HTMLSelectElement).value),
      }, INDICATORS.map((i) => h('option', { value: i, selected: i === d.indicator }, i)))),
      input('r-year', 'year', tx.rYear, Object.assign(text('r-year', d.year, 'number'), {
        oninput: (e: Event) => (draft.year = (e.currentTarget as HTMLInputElement).value),
      })),
      kinds,
      input('r-maxPoints', 'maxPoints', tx.rMaxPoints, decimalBox('r-maxPoints', d.maxPoints, (v) => (draft.maxPoints = v))),
      d.kind === 'linear'
        ? [h('p', { class: 'hint' }, tx.rLinearHint),
           input('r-fromPercent', 'fromPercent', tx.rFrom, decimalBox('r-fromPercent', d.fromPercent, (v) => (draft.fromPercent = v))),
           input('r-toPercent', 'toPercent', tx.rTo, decimalBox('r-toPercent', d.toPercent, (v) => (draft.toPercent = v)))]
        : bandsView(tx),
      input('r-legalBasis', 'legalBasis', tx.rBasis, Object.assign(text('r-legalBasis', d.legalBasis), {
        oninput: (e: Event) => (draft.legalBasis = (e.currentTarget as HTMLInputElement).value),
      })),
      h('div', { class: 'nav' }, button(tx.rSet, () => s.run(save), 'btn primary', 'r-save')));
  }

  function bandsView(tx: ConsoleText): HTMLElement {
    const list = h('fieldset', { class: errors.bands ? 'field bands invalid' : 'field bands', id: 'r-bands' }, h('legend', null, tx.rBandList));
    const err = described(list, 'r-bands', 'bands', true);
    list.append(h('p', { class: 'hint', id: 'r-bands-hint' }, tx.rBandsHint));
    if (err) list.append(err);
    draft.bands.forEach((b, i) => {
      const n = i + 1;
      list.append(h('div', { class: 'band', 'data-band': i },
        input(`r-band-${i}-min`, `bands[${i}].minPercent`, fill(tx.rBandMin, { n }),
          decimalBox(`r-band-${i}-min`, b.minPercent, (v) => (draft.bands[i].minPercent = v))),
        input(`r-band-${i}-points`, `bands[${i}].points`, fill(tx.rBandPoints, { n }),
          decimalBox(`r-band-${i}-points`, b.points, (v) => (draft.bands[i].points = v))),
        draft.bands.length > 1 ? button(fill(tx.rRemoveBand, { n }), () => {
          sync();
          draft.bands.splice(i, 1);
          s.paint(false, '#r-add-band');
        }, 'btn small', `r-band-${i}-remove`) : null));
    });
    list.append(h('div', { class: 'nav' }, button(tx.rAddBand, () => {
      sync();
      draft.bands.push(blank());
      s.paint(false, `#r-band-${draft.bands.length - 1}-min`);
    }, 'btn', 'r-add-band')));
    return list;
  }

  /** What the form holds now, even where it was set without typing (a test, an autofill). */
  function sync(): void {
    const root = s.main;
    const value = (id: string) => root.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value;
    const kind = root.querySelector<HTMLInputElement>('input[name="r-kind"]:checked')?.value;
    draft = {
      indicator: value('r-indicator') ?? draft.indicator, year: value('r-year') ?? draft.year,
      kind: kind === 'bands' || kind === 'linear' ? kind : draft.kind,
      maxPoints: value('r-maxPoints') ?? draft.maxPoints, fromPercent: value('r-fromPercent') ?? draft.fromPercent,
      toPercent: value('r-toPercent') ?? draft.toPercent,
      bands: draft.bands.map((b, i) => ({ minPercent: value(`r-band-${i}-min`) ?? b.minPercent, points: value(`r-band-${i}-points`) ?? b.points })),
      legalBasis: value('r-legalBasis') ?? draft.legalBasis,
    };
  }

  /** The field's label, for the list of faults above the form. */
  function labelOf(key: string, tx: ConsoleText): string {
    const band = /^bands\[(\d+)\]\.(minpercent|points)$/.exec(key);
    if (band) return fill(band[2] === 'points' ? tx.rBandPoints : tx.rBandMin, { n: Number(band[1]) + 1 });
    const labels: Record<string, string> = {
      indicator: tx.rIndicator, year: tx.rYear, kind: tx.rKind, maxpoints: tx.rMaxPoints, frompercent: tx.rFrom, topercent: tx.rTo,
      bands: tx.rBandList, legalbasis: tx.rBasis,
    };
    return labels[key] ?? key;
  }

  /** Every field error, each under its field's label. */
  const errorLines = (tx: ConsoleText) => Object.entries(errors).flatMap(([k, ms]) => ms.map((m) => `${labelOf(k, tx)}: ${m}`));

  async function save(): Promise<void> {
    sync();
    const tx = s.t;
    const d = draft;
    // What cannot even be sent (a word where a number goes, a year the address cannot hold) is told here, by field.
    const local: Record<string, string[]> = {};
    const number = (key: string, typed: string, required = false) => {
      const n = decimal(typed);
      if (Number.isNaN(n) || (required && n === null)) local[key.toLowerCase()] = [tx.rNotNumber];
      return n;
    };
    if (!/^\d{4}$/.test(d.year.trim())) local.year = [tx.rYearInvalid];
    const maxPoints = number('maxPoints', d.maxPoints);
    const linear = d.kind === 'linear';
    const fromPercent = linear ? number('fromPercent', d.fromPercent) : null;
    const toPercent = linear ? number('toPercent', d.toPercent) : null;
    const bands = linear ? [] : d.bands.map((b, i) => ({
      minPercent: number(`bands[${i}].minPercent`, b.minPercent, true), points: number(`bands[${i}].points`, b.points, true),
    }));
    if (Object.keys(local).length) {
      errors = local;
      s.notice = '';
      s.faults = [tx.errSummary, ...errorLines(tx)];
      return s.paint(false, '#r-faults');
    }
    const indicator = d.indicator;
    const year = d.year.trim();
    const r: ApiResult<ParRuleRow> = await api.call<ParRuleRow>('PUT', `/api/admin/par-rules/${enc(indicator)}/${enc(year)}`, {
      kind: d.kind, maxPoints, fromPercent, toPercent, bands, legalBasis: d.legalBasis.normalize('NFC').trim(),
    });
    errors = {};
    if (!r.ok && r.kind === 'http' && r.problem.errors) {
      for (const [k, ms] of Object.entries(r.problem.errors)) errors[keyOf(k)] = ms;
      s.notice = '';
      s.faults = [tx.errSummary, r.problem.title ?? '', ...errorLines(tx)].filter(Boolean);
      return s.paint(false, '#r-faults');
    }
    // Any other refusal (rights, the network) is listed as on every screen.
    await s.settle(r, () => fill(tx.rSetDone, { indicator, year }), { summary: true, then: () => (draft = fresh()) });
  }

  /** Fills the form with a current rule, to change it. */
  function change(r: ParRuleRow): void {
    draft = {
      indicator: r.indicator, year: String(r.year), kind: r.kind, maxPoints: shown(r.maxPoints),
      fromPercent: r.fromPercent == null ? '' : shown(r.fromPercent), toPercent: r.toPercent == null ? '' : shown(r.toPercent),
      bands: r.bands.length ? r.bands.map((b) => ({ minPercent: shown(b.minPercent), points: shown(b.points) })) : [blank()],
      legalBasis: r.legalBasis,
    };
    errors = {};
    s.faults = [];
    s.notice = '';
    s.paint(false, '#r-maxPoints');
  }

  function rule(r: ParRuleRow, tx: ConsoleText): Children {
    if (r.kind === 'linear')
      return fill(tx.rLinearRule, { from: `${num(r.fromPercent)}%`, to: `${num(r.toPercent)}%`, max: num(r.maxPoints) });
    return h('ul', { class: 'counts' }, r.bands.map((b) => h('li', null, fill(tx.rBandRule, { min: `${num(b.minPercent)}%`, points: num(b.points) }))));
  }

  /** One table a year, newest first, each rule's history under it. */
  function tables(tx: ConsoleText): Children[] {
    if (!rows) return [h('p', null, tx.loading)];
    if (!rows.length) return [h('p', null, tx.none)];
    const years = [...new Set(rows.map((r) => r.year))];
    return years.map((year) => grid(`r-rows-${year}`, fill(tx.rCaption, { year }),
      [tx.rIndicator, tx.rKind, tx.rRule, tx.rMaxPoints, tx.rBasis, tx.tBy, tx.tAt, tx.status, tx.actions],
      rows!.filter((r) => r.year === year).map((r) => h('tr', { class: r.current ? null : 'old', 'data-rule': `${r.indicator}/${r.year}` },
        h('td', null, r.indicator), h('td', null, r.kind === 'linear' ? tx.rLinear : tx.rBands), h('td', null, rule(r, tx)),
        h('td', { class: 'num' }, num(r.maxPoints)), h('td', null, r.legalBasis), h('td', null, r.createdBy ?? ''), h('td', null, time(r.createdAt)),
        h('td', null, r.current ? tx.current : fill(tx.tSuperseded, { at: time(r.supersededAt) })),
        h('td', { class: 'actions' }, r.current
          ? h('button', { type: 'button', class: 'btn small', onclick: () => change(r) }, tx.rChange, h('span', { class: 'sr' }, ` ${r.indicator} ${r.year}`))
          : null)))));
  }

  return s.screen;
}
