import { h } from '../../shared/dom';
import { formatNumber } from '../../shared/format';
import type { Lang } from '../../shared/i18n';
import { dashStrings, type DashKey } from './strings';
import { choropleth, mapLegend } from '../../shared/map';
import type { ChangeSince, IndicatorTile, ResultRow, SnapshotSummary, WaveSnapshots } from './api';
import type { Shapes } from './state';

/** What every part of the dashboard needs to speak and format: the language and the helpers built on it. */
export interface View {
  lang: Lang;
  doc: Document;
  t: (key: DashKey, params?: Record<string, string | number>) => string;
  pct: (value: number | null, display: string) => string;
  interval: (low: number | null, high: number | null) => string;
  flagWords: (flags: string[]) => string;
  unitName: (code: string) => string;
}

export const runStatus = (v: View, s: SnapshotSummary) => v.t(s.status === 'failed' ? 'failedRun' : s.status);

function phase(v: View, p: string): string {
  const key = `phase_${p}` as DashKey;
  return key in dashStrings.vi ? v.t(key) : p;
}

/** Indicator tiles; verdicts in words and an icon, never colour alone. A single channel is shown without targets. */
export function tileList(v: View, tiles: IndicatorTile[], channel: string): HTMLElement {
  const { t, pct } = v;
  return h(
    'section',
    { 'aria-labelledby': 'tiles-title' },
    h('h3', { id: 'tiles-title' }, t('indicators')),
    h(
      'ul',
      { class: 'tiles' },
      tiles.map((tile) => {
        const verdict = tile.verdict === null ? null : tile.verdict === 'met';
        return h(
          'li',
          { class: `tile ${verdict === null ? '' : verdict ? 'met' : 'not-met'}`, 'data-indicator': tile.indicator },
          h('h4', null, t(tile.indicator as DashKey)),
          tile.estimate == null
            ? h('p', { class: 'estimate none' }, t('noData'))
            : [
                h('p', { class: 'estimate' }, pct(tile.estimate, tile.display)),
                h('p', { class: 'ci' }, t('ci', { ci: v.interval(tile.ciLow, tile.ciHigh) })),
                h(
                  'p',
                  { class: 'n' },
                  t('n', { n: formatNumber(tile.nValid ?? 0, v.lang) }),
                  tile.flags.length ? [' — ', h('strong', { class: 'flag' }, v.flagWords(tile.flags))] : null,
                ),
                !channel && tile.unflaggedEstimate != null
                  ? h('p', { class: 'unflagged' }, t('unflaggedValue', { value: pct(tile.unflaggedEstimate, tile.unflaggedDisplay ?? '') }))
                  : null,
              ],
          channel
            ? null
            : tile.target
              ? h('p', { class: 'target' }, t('target', { year: tile.target.year, target: `${tile.target.comparator} ${pct(tile.target.threshold, '')}` }))
              : h('p', { class: 'target' }, t('noTarget')),
          verdict === null || channel
            ? null
            : h(
                'p',
                { class: 'verdict' },
                h('span', { 'aria-hidden': 'true' }, verdict ? '✓ ' : '✗ '),
                h('strong', null, t(verdict ? 'met' : 'notMet')),
                ` — ${t(tile.qualifier === 'certain' ? 'certain' : 'withinMargin')}`,
              ),
        );
      }),
    ),
  );
}

/** Each indicator against the previous wave, with the z-test's verdict in words. */
export function changeTable(v: View, change: ChangeSince | undefined): HTMLElement {
  const { t, pct } = v;
  const list = change?.indicators.filter((x) => x.before != null || x.after != null) ?? [];
  return h(
    'section',
    { 'aria-labelledby': 'change-title' },
    h('h3', { id: 'change-title' }, t('change')),
    !change || change.previousSnapshotId == null || !list.length
      ? h('p', null, t('noPrevious'))
      : h(
          'table',
          { class: 'grid' },
          h('caption', null, t('changeCaption', { wave: change.previousWave ?? '', id: change.previousSnapshotId, published: t(change.previousPublished ? 'changePublished' : 'changeLatest') })),
          h('thead', null, h('tr', null, ['indicator', 'before', 'after', 'difference', 'significant'].map((k) => h('th', { scope: 'col' }, t(k as DashKey))))),
          h(
            'tbody',
            null,
            list.map((x) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row' }, t(x.indicator as DashKey)),
                h('td', null, pct(x.before, x.beforeDisplay)),
                h('td', null, pct(x.after, x.afterDisplay)),
                h('td', null, x.difference == null ? '' : v.lang === 'vi' ? x.differenceDisplay : `${x.difference > 0 ? '+' : ''}${(x.difference * 100).toFixed(2)}`),
                h('td', { class: x.significant ? 'sig' : '' }, x.difference == null ? '' : t(x.significant ? 'yes' : 'no')),
              ),
            ),
          ),
        ),
  );
}

/** The communes shaded by satisfaction (SVG drawn from the boundaries), with a legend in words. */
export function mapView(v: View, shapes: Shapes | undefined, unitRows: ResultRow[], family: string): HTMLElement {
  const { t, pct } = v;
  const byUnit = new Map(unitRows.map((r) => [r.groupCode, r]));
  const value = (code: string) => {
    const r = byUnit.get(code);
    const text = r?.estimate == null ? t('noDataUnit') : `${pct(r.estimate, r.display)} (n = ${formatNumber(r.nValid, v.lang)})`;
    return { estimate: r?.estimate ?? null, title: `${v.unitName(code)}: ${text}` };
  };
  return h(
    'section',
    { 'aria-labelledby': 'map-title' },
    h('h3', { id: 'map-title' }, t('map'), ` — ${t(family as DashKey)}`),
    h('p', { id: 'map-note', class: 'hint' }, t('mapNote')),
    shapes ? h('div', { class: 'map-box' }, choropleth(v.doc, shapes, value, 'map-title map-note')) : h('p', { role: 'status' }, t('loading')),
    mapLegend((x) => pct(x, ''), t('noDataUnit')),
  );
}

/** The wave's runs (who, when, channels, responses, status), a button to start one, and the progress of a run. */
export function runsView(
  v: View,
  wave: WaveSnapshots | undefined,
  state: { busy: boolean; allChannels: boolean },
  on: { start: () => void; allChannels: (checked: boolean) => void },
): HTMLElement {
  const { t } = v;
  const running = wave?.snapshots.find((s) => s.status === 'queued' || s.status === 'running');
  return h(
    'section',
    { 'aria-labelledby': 'runs-title' },
    h('h3', { id: 'runs-title' }, t('runs')),
    h(
      'div',
      { class: 'run-start' },
      h(
        'label',
        { class: 'check' },
        h('input', { id: 'all-channels', type: 'checkbox', checked: state.allChannels, onchange: (e: Event) => on.allChannels((e.target as HTMLInputElement).checked) }),
        ' ',
        t('allChannels'),
      ),
      h('button', { id: 'start-run', type: 'button', class: 'btn primary', disabled: state.busy || !!running, onclick: on.start }, t('start')),
    ),
    h(
      'div',
      { role: 'status', class: 'run-progress' },
      running
        ? [
            h('label', { for: 'run-progress' }, t('progress', { progress: running.progress, phase: phase(v, running.phase) })),
            h('progress', { id: 'run-progress', max: '100', value: String(running.progress) }, `${running.progress}%`),
          ]
        : null,
    ),
    wave && wave.snapshots.length
      ? h(
          'table',
          { class: 'grid runs' },
          h('caption', null, `${t('runs')} — ${wave.code}`),
          h('thead', null, h('tr', null, ['runId', 'requestedBy', 'requestedAt', 'channels', 'parameters', 'responses', 'status'].map((k) => h('th', { scope: 'col' }, t(k as DashKey))))),
          h(
            'tbody',
            null,
            wave.snapshots.map((s) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row' }, `#${s.id}`, s.supersedesId ? h('span', { class: 'hint' }, ` (${t('supersedes', { id: s.supersedesId })})`) : null),
                h('td', null, s.requestedBy === 'scheduler' ? t('scheduler') : s.requestedBy),
                h('td', null, s.requestedAtText),
                h('td', null, s.channels.map((c) => t(c as DashKey)).join(', ')),
                h(
                  'td',
                  { class: 'params' },
                  `${t('method')}: ${s.methodVersion}; ${t('frame')}: ${s.frame === 'none' ? t('frameNone') : s.frame}`,
                  s.dataHash ? h('span', { class: 'hint', title: s.dataHash }, `; ${t('dataHash')}: ${s.dataHash.slice(0, 12)}…`) : null,
                ),
                h('td', null, s.responsesRead == null ? '' : formatNumber(s.responsesRead, v.lang)),
                h(
                  'td',
                  null,
                  s.published ? `🔒 ${runStatus(v, s)}` : s.status === 'running' || s.status === 'queued' ? `${runStatus(v, s)} (${s.progress}%)` : runStatus(v, s),
                  s.error ? h('span', { class: 'err' }, ` ${s.error}`) : null,
                ),
              ),
            ),
          ),
        )
      : null,
  );
}
