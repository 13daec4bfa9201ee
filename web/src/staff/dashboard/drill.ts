import { h } from '../../shared/dom';
import { formatDecimal, formatNumber } from '../../shared/format';
import type { ResultRow } from './api';
import { select } from './controls';
import type { Labels } from './labels';
import { currentWave, type DashState, type Step } from './state';
import type { DashKey } from './strings';
import type { View } from './views';

export const FAMILIES = ['SIPAS', 'TTHC', 'HEALTH', 'EDUCATION'];

/** The drill-down: the questionnaire family, the path from the province down, and the rows of the current level. */
export function drillDown(v: View, s: DashState, names: Labels, on: { family: (f: string) => void; drill: (step: Step | undefined, depth?: number) => void }): HTMLElement {
  const { t } = v;
  const families = FAMILIES.filter((f) => currentWave(s)?.questionnaires.some((q) => q.family === f));
  const last = s.path[s.path.length - 1];
  const level: DashKey = !last ? 'levelArea' : last.kind === 'section' ? 'levelItem' : last.kind === 'sections' ? 'levelSection'
    : last.type === 'area' ? 'levelAgency' : last.type === 'area-agency' ? 'levelUnit' : 'levelSection';
  const current = last?.kind === 'group' ? last : undefined;
  const sectionsOf = !last ? { type: 'province', code: '40', name: t('province') }
    : current ? { type: current.type, code: current.code, name: names.groupName(current.type, current.code) } : undefined;
  return h(
    'section',
    { 'aria-labelledby': 'drill-title' },
    h('h3', { id: 'drill-title' }, t('drill')),
    select('family', t('family'), s.family, families.map((f) => [f, t(f as DashKey)]), on.family),
    h(
      'nav',
      { 'aria-label': t('path'), class: 'crumbs' },
      h(
        'ol',
        null,
        h('li', null, s.path.length ? h('button', { type: 'button', class: 'link', onclick: () => on.drill(undefined, 0) }, t('province')) : h('span', { 'aria-current': 'location' }, t('province'))),
        s.path.map((step, i) =>
          h('li', null, i === s.path.length - 1 ? h('span', { 'aria-current': 'location' }, names.stepName(step)) : h('button', { type: 'button', class: 'link', onclick: () => on.drill(undefined, i + 1) }, names.stepName(step))),
        ),
      ),
    ),
    rowsTable(v, s, names, level, on.drill),
    sectionsOf ? h('p', null, h('button', { type: 'button', class: 'btn', onclick: () => on.drill({ kind: 'sections', type: sectionsOf.type, code: sectionsOf.code }) }, t('sections', { name: sectionsOf.name }))) : null,
  );
}

function rowsTable(v: View, s: DashState, names: Labels, level: DashKey, drill: (step: Step) => void): HTMLElement {
  const { t, pct } = v;
  const last = s.path[s.path.length - 1];
  const label = (r: ResultRow) => (r.item ? names.itemName(r.item) : r.section ? names.sectionName(r.section) : names.groupName(r.groupType, r.groupCode));
  const next = (r: ResultRow): Step | undefined => {
    if (r.item) return undefined;
    if (r.section) return last?.kind === 'sections' ? { kind: 'section', type: r.groupType, code: r.groupCode, section: r.section } : undefined;
    if (last?.kind === 'sections') return undefined;
    if (r.groupType === 'area-agency-unit') return { kind: 'sections', type: r.groupType, code: r.groupCode };
    return { kind: 'group', type: r.groupType, code: r.groupCode };
  };
  const sections = s.questionnaires.get(s.family)?.sections ?? [];
  const order = (r: ResultRow) => {
    const i = sections.findIndex((x) => x.code === r.section);
    const item = i < 0 ? -1 : sections[i].items.findIndex((x) => x.code === r.item);
    return (r.section ? i + 1 : 0) * 1000 + (r.item ? item + 1 : 0);
  };
  const sorted = [...s.rows].sort((a, b) => order(a) - order(b));
  // Criteria (item rows) carry a mean score beside the rate.
  const means = sorted.some((r) => r.item);
  const columns: DashKey[] = means ? ['group', 'rate', 'interval', 'meanScore', 'nValid', 'notes'] : ['group', 'rate', 'interval', 'nValid', 'notes'];
  return h(
    'table',
    { class: 'grid drill' },
    h('caption', { id: 'drill-caption', tabindex: '-1' }, t(level)),
    h('thead', null, h('tr', null, columns.map((k) => h('th', { scope: 'col' }, t(k))))),
    h(
      'tbody',
      null,
      sorted.length
        ? sorted.map((r) => {
            const step = next(r);
            const name = label(r);
            return h(
              'tr',
              { class: r.section && !r.item && last?.kind === 'section' ? 'parent' : '' },
              h('th', { scope: 'row' }, step ? h('button', { type: 'button', class: 'link', 'aria-label': t('open', { name }), onclick: () => drill(step) }, name) : name),
              h('td', null, pct(r.estimate, r.display)),
              h('td', null, v.interval(r.ciLow, r.ciHigh)),
              means ? h('td', { class: 'mean' }, r.meanScore == null ? '' : formatDecimal(r.meanScore, v.lang)) : null,
              h('td', null, formatNumber(r.nValid, v.lang)),
              h('td', null, r.flags.length ? h('strong', { class: 'flag' }, v.flagWords(r.flags)) : ''),
            );
          })
        : h('tr', null, h('td', { colspan: String(columns.length) }, t('empty'))),
    ),
  );
}
