import { h } from './dom';
import { formatNumber } from './format';
import type { Lang } from './i18n';

// League tables (method.md §9), drawn the same on the analysts' dashboard and the public results page.

export type RankedGroup = 'agency' | 'unit';

/** A place in a league table (method.md §9): the rank never without its 95% interval ("3 (1–7)"). */
export interface RankView {
  rank: number | null;
  rankLow: number | null;
  rankHigh: number | null;
  rankDisplay: string;
  groupCode: string;
  nameVi: string;
  nameEn: string;
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  nValid: number;
  flags: string[];
  display: string;
  ciDisplay: string;
}

export interface LeagueTable {
  snapshotId: number;
  indicator: string;
  groupType: RankedGroup;
  channel: string;
  /** Communes: the rank intervals treat estimates that share strata as independent. */
  approximate: boolean;
  ranked: RankView[];
  apart: RankView[];
}

/** The words a league table needs, in the reader's language. */
export interface LeagueText {
  caption: string;
  rank: string;
  name: string;
  rate: string;
  interval: string;
  n: string;
  notes: string;
  apart: string;
  approximate: string;
  rankHint: string;
  empty: string;
  flag: (flag: string) => string;
}

export interface LeagueFormat {
  lang: Lang;
  pct: (value: number | null, display: string) => string;
  interval: (low: number | null, high: number | null) => string;
}

/**
 * One league table: rank with its 95% interval ("3 (1–7)"), name, rate, interval, n and notes (small samples
 * marked); units with an undefined rate listed apart, unranked; for communes, the note that their intervals are an
 * approximation.
 */
export function leagueView(table: LeagueTable, text: LeagueText, f: LeagueFormat, id = 'league'): HTMLElement {
  const name = (r: RankView) => (f.lang === 'en' ? r.nameEn || r.nameVi : r.nameVi) || r.groupCode;
  const notes = (r: RankView) => (r.flags.length ? h('strong', { class: 'flag' }, r.flags.map(text.flag).join(', ')) : '');
  return h(
    'div',
    { class: 'league', id },
    h('p', { class: 'hint', id: `${id}-hint` }, text.rankHint),
    table.approximate ? h('p', { class: 'note approx' }, text.approximate) : null,
    h(
      'div',
      { class: 'table-wrap', role: 'region', 'aria-labelledby': `${id}-caption`, tabindex: '0' },
      h(
        'table',
        { class: 'grid league-table', 'aria-describedby': `${id}-hint` },
        h('caption', { id: `${id}-caption` }, text.caption),
        h('thead', null, h('tr', null, [text.rank, text.name, text.rate, text.interval, text.n, text.notes].map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          null,
          table.ranked.length
            ? table.ranked.map((r) =>
                h(
                  'tr',
                  { 'data-code': r.groupCode, class: r.flags.includes('small-sample') ? 'small' : null },
                  h('td', { class: 'rank' }, r.rankDisplay),
                  h('th', { scope: 'row' }, name(r)),
                  h('td', null, f.pct(r.estimate, r.display)),
                  h('td', null, f.interval(r.ciLow, r.ciHigh)),
                  h('td', null, formatNumber(r.nValid, f.lang)),
                  h('td', null, notes(r)),
                ),
              )
            : h('tr', null, h('td', { colspan: '6' }, text.empty)),
        ),
      ),
    ),
    table.apart.length
      ? h(
          'div',
          { class: 'apart' },
          h('p', null, text.apart),
          h('ul', null, table.apart.map((r) => h('li', { 'data-code': r.groupCode }, `${name(r)} (n = ${formatNumber(r.nValid, f.lang)})`))),
        )
      : null,
  );
}
