import { h } from '../../shared/dom';
import { formatNumber } from '../../shared/format';
import type { View } from './views';
import type { SnapshotSummary } from './api';

/**
 * How many responses of the selected snapshot supervisors excluded and why, and how many flagged responses are
 * still counted (issue 14): the snapshot's own stored counts, by cause, in the reader's language.
 */
export function integrityPanel(v: View, s: SnapshotSummary): HTMLElement {
  const { t } = v;
  const excluded = s.responsesExcluded ?? 0;
  const kept = s.responsesFlaggedKept ?? 0;
  const causes = s.integrity ?? [];
  const n = (x: number) => formatNumber(x, v.lang);
  return h(
    'section',
    { class: 'integrity', 'aria-labelledby': 'integrity-title' },
    h('h3', { id: 'integrity-title' }, t('integrityTitle')),
    excluded === 0 && kept === 0
      ? h('p', { class: 'integrity-summary' }, t('integrityNone'))
      : [
          h('p', { class: 'integrity-summary' }, t('integritySummary', { excluded: n(excluded), kept: n(kept) })),
          h(
            'table',
            { class: 'grid integrity-causes' },
            h(
              'thead',
              null,
              h('tr', null, h('th', { scope: 'col' }, t('integrityCause')), h('th', { scope: 'col' }, t('integrityExcluded')), h('th', { scope: 'col' }, t('integrityKept'))),
            ),
            h(
              'tbody',
              null,
              causes.map((c) =>
                h('tr', { 'data-cause': c.cause }, h('th', { scope: 'row' }, v.lang === 'en' ? c.en : c.vi), h('td', { class: 'num' }, n(c.excluded)), h('td', { class: 'num' }, n(c.flaggedKept))),
              ),
            ),
          ),
        ],
    h('p', { class: 'note' }, t('integrityRule')),
  );
}
