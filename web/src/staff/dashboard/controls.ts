import { h, type Children } from '../../shared/dom';
import type { SnapshotSummary } from './api';
import { currentSnapshot, currentWave, type DashState } from './state';
import type { DashKey } from './strings';
import { runStatus, type View } from './views';

export const CHANNELS = ['paper', 'interview', 'import', 'portal', 'web', 'web-verified', 'web-unverified'] as const;

/** A labelled select whose choice is handed to `onchange`. */
export function select(id: string, label: string, value: string, options: [string, string][], onchange: (v: string) => void) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h(
      'select',
      { id, onchange: (e: Event) => onchange((e.target as HTMLSelectElement).value) },
      options.map(([v, text]) => h('option', { value: v, selected: v === value ? true : undefined }, text)),
    ),
  );
}

/** The wave, snapshot and channel choices. */
export function controls(v: View, s: DashState, on: { wave: (code: string) => void; snapshot: (id: number) => void; channel: (c: string) => void }): HTMLElement {
  const { t } = v;
  const w = currentWave(s);
  const official = (w?.officialChannels ?? []).map((c) => t(c as DashKey)).join(', ');
  const snapshotLabel = (x: SnapshotSummary) =>
    t('snapshotOption', { id: x.id, time: x.requestedAtText, status: x.published ? t('publishedShort') : runStatus(v, x) });
  return h(
    'div',
    { class: 'controls' },
    select('wave', t('wave'), s.waveCode, s.waves.map((x) => [x.code, `${x.code} — ${v.lang === 'en' ? x.nameEn : x.nameVi}`]), on.wave),
    w && w.snapshots.length
      ? select('snapshot', t('snapshot'), String(s.snapshotId ?? ''), w.snapshots.map((x) => [String(x.id), snapshotLabel(x)]), (id) => on.snapshot(Number(id)))
      : null,
    select('channel', t('channel'), s.channel, [['', t('official', { channels: official })], ...CHANNELS.map((c): [string, string] => [c, t(c)])], on.channel),
  );
}

/** Whether the snapshot is published (and the button to publish it), and what a channel's figures are not. */
export function status(v: View, s: DashState, publish: () => void): Children {
  const { t } = v;
  const snap = currentSnapshot(s);
  const notes: Children[] = [];
  if (s.channel.startsWith('web')) notes.push(h('p', { class: 'note web-note' }, h('strong', null, '⚠ '), t('webNote')));
  else if (s.channel) notes.push(h('p', { class: 'note' }, t('channelNote')));
  if (!snap) return [h('p', null, t('noSnapshot')), ...notes];
  return [
    snap.published
      ? h('p', { class: 'published' }, '🔒 ', t('published', { time: snap.completedAtText ?? '', by: snap.publishedBy ?? '' }))
      : h(
          'p',
          { class: 'draft' },
          t('notPublished'),
          ' ',
          snap.status === 'completed'
            ? h('button', { id: 'publish', type: 'button', class: 'btn', disabled: s.busy, onclick: publish }, s.busy ? t('publishing') : t('publish'))
            : null,
        ),
    ...notes,
  ];
}
