import { h } from '../../shared/dom';
import { leagueView, type LeagueTable, type RankedGroup } from '../../shared/league';
import { select } from './controls';
import type { DashKey } from './strings';
import type { View } from './views';

/** The league tables of the family's indicator: agencies or communes, rank with its 95% interval (method.md §9). */
export function leagueSection(v: View, table: LeagueTable | undefined, group: RankedGroup, family: string, choose: (g: RankedGroup) => void): HTMLElement {
  const { t } = v;
  const groupName = t(group === 'agency' ? 'rankedAgency' : 'rankedUnit');
  return h(
    'section',
    { 'aria-labelledby': 'league-title' },
    h('h3', { id: 'league-title' }, t('league'), ` — ${t(family as DashKey)}`),
    select('ranked-group', t('leagueOf'), group, [['agency', t('rankedAgency')], ['unit', t('rankedUnit')]], (g) => choose(g as RankedGroup)),
    table
      ? leagueView(
          table,
          {
            caption: t('leagueCaption', { group: groupName, indicator: t(family as DashKey) }),
            rank: t('rank'),
            name: t('group'),
            rate: t('rate'),
            interval: t('interval'),
            n: t('nValid'),
            notes: t('notes'),
            apart: t('apart'),
            approximate: t('approximate'),
            rankHint: t('rankHint'),
            empty: t('empty'),
            flag: (f) => v.flagWords([f]),
          },
          v,
        )
      : h('p', null, t('empty')),
  );
}
