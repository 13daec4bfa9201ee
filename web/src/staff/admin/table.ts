import { h, say, type Children } from '../../shared/dom';
import { formatDate } from '../../shared/format';
import { fill, pick, type Lang } from '../../shared/i18n';
import { posterUrl, type Area, type ServicePointRow, type Unit } from './api';
import type { AdminText } from './strings';
import { localized, matches } from './text';

export interface TableContext {
  t: AdminText;
  lang: Lang;
  areas: Map<string, Area>;
  units: Map<string, Unit>;
  act: (action: 'edit' | 'qr' | 'retire', row: ServicePointRow) => void;
}

export const areaName = (c: TableContext, code: string) => {
  const a = c.areas.get(code);
  return a ? pick(localized(a.nameVi, a.nameEn), c.lang) : code;
};

export const unitName = (c: TableContext, code: string | null) => {
  const u = code ? c.units.get(code) : undefined;
  if (!u) return code ?? '';
  return (c.lang === 'en' && u.nameEn) || u.fullName || u.name;
};

/** The rows the filter keeps, by code. */
export function visibleRows(rows: ServicePointRow[], c: TableContext, query: string, includeRetired: boolean) {
  return rows
    .filter((r) => includeRetired || !r.retiredAt)
    .filter((r) => {
      if (!query.trim()) return true;
      const text = [r.code, r.nameVi, r.nameEn, r.agency.nameVi, r.agency.nameEn, areaName(c, r.areaCode)]
        .concat([unitName(c, r.unitCode), r.address, r.link])
        .filter(Boolean)
        .join(' ');
      return matches(text, query);
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

export function headRow(t: AdminText): HTMLTableSectionElement {
  const cols = [t.colCode, t.colName, t.colAgency, t.colArea, t.colUnit, t.colCreated, t.colStatus, t.colLink, t.colActions];
  return h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c))));
}

function action(c: TableContext, row: ServicePointRow, act: 'edit' | 'qr' | 'retire', label: string): Node {
  // The visible word starts the accessible name ("Sửa XD-01"), so voice control users can say what they see.
  return h(
    'button',
    { type: 'button', class: 'link', 'data-act': act, 'data-code': row.code, onclick: () => c.act(act, row) },
    label,
    h('span', { class: 'sr' }, ` ${row.code}`),
  );
}

/** The printable A4 QR poster (PDF) of an active point: a download, not a dialog. */
function poster(c: TableContext, row: ServicePointRow): Node {
  return h(
    'a',
    { class: 'link', href: posterUrl(row.code), download: `poster-${row.code}.pdf`, 'data-act': 'poster', 'data-code': row.code },
    c.t.poster,
    h('span', { class: 'sr' }, ` ${row.code}`),
  );
}

export function bodyRows(rows: ServicePointRow[], c: TableContext): Children[] {
  const { t, lang } = c;
  return rows.map((r) =>
    h(
      'tr',
      { class: r.retiredAt ? 'retired' : null },
      h('th', { scope: 'row' }, r.code),
      h('td', null, say(localized(r.nameVi, r.nameEn), lang), r.address ? [h('br'), h('span', { class: 'hint' }, r.address)] : null),
      h('td', null, say(localized(r.agency.nameVi, r.agency.nameEn), lang)),
      h('td', null, areaName(c, r.areaCode)),
      h('td', null, unitName(c, r.unitCode)),
      h('td', null, formatDate(r.createdAt, lang)),
      h('td', null, r.retiredAt ? fill(t.retired, { date: formatDate(r.retiredAt, lang) }) : t.active),
      h('td', null, h('a', { href: r.link }, r.link)),
      h(
        'td',
        { class: 'actions' },
        r.retiredAt ? null : action(c, r, 'edit', t.edit),
        action(c, r, 'qr', t.qr),
        r.retiredAt ? null : poster(c, r),
        r.retiredAt ? null : action(c, r, 'retire', t.retire),
      ),
    ),
  );
}
