import { h } from '../../shared/dom';
import type { DashKey } from './strings';
import { formatDecimal } from '../../shared/format';
import type { Lang } from '../../shared/i18n';
import { downloads, REPORT_KINDS, type ListedReport, type ReportLanguage, type ReportStatus, type ReportKind, type WaveSnapshots } from './api';

export const REPORT_LANGUAGES: ReportLanguage[] = ['vi', 'en'];

export interface DownloadsView {
  t: (key: DashKey, params?: Record<string, string | number>) => string;
  wave: WaveSnapshots;
  snapshotId: number;
  reports: Partial<Record<ReportLanguage, ReportStatus>>;
  busy: Partial<Record<ReportLanguage, boolean>>;
  render: (lang: ReportLanguage) => void;
  /** Reports of other kinds the snapshot has, listed as the API gives them. */
  others: ListedReport[];
  lang: Lang;
  /** The scorecard reports by `${kind}/${language}`, which are being asked for, and how to ask. */
  kinds: Record<string, ListedReport>;
  kindBusy: Record<string, boolean>;
  renderKind: (kind: ReportKind, lang: ReportLanguage) => void;
}

/**
 * The downloads of the selected snapshot: its results CSV and summary workbook, the wave's microdata (one CSV per
 * questionnaire version), the PDF report in Vietnamese and English (rendered on request, then downloaded), any
 * other report the snapshot has (its kind, language, progress and size, as listed), and the PAR scoring input
 * (CSV for the scoring software, XLSX for people; docs/formats.md).
 */
export function downloadsView(v: DownloadsView): HTMLElement {
  const { t, wave, snapshotId: id } = v;
  const link = (href: string, text: string, cls: string) => h('a', { href, download: '', class: cls }, text);
  return h(
    'section',
    { class: 'downloads', 'aria-labelledby': 'downloads-title' },
    h('h3', { id: 'downloads-title' }, t('downloads')),
    h(
      'ul',
      null,
      h('li', null, link(downloads.resultsCsv(id), t('resultsCsv'), 'dl-results')),
      h('li', null, link(downloads.summaryXlsx(id), t('summaryXlsx'), 'dl-xlsx')),
      wave.questionnaires.map((q) =>
        h('li', null, link(downloads.microdata(wave.code, q.code, q.version), t('microdata', { questionnaire: `${q.code}@${q.version}` }), 'dl-microdata')),
      ),
      REPORT_LANGUAGES.map((lang) => reportItem(v, lang)),
      REPORT_KINDS.flatMap((kind) => REPORT_LANGUAGES.map((lang) => kindItem(v, kind, lang))),
      v.others.map((r) => otherItem(v, r)),
      h('li', null, link(downloads.parCsv(id), t('parCsv'), 'dl-par-csv'), ' · ', link(downloads.parXlsx(id), t('parXlsx'), 'dl-par-xlsx')),
    ),
  );
}

/** Each stored kind's label (its strings key). */
const KIND_LABELS = {
  'agency-scorecards': 'agencyScorecards',
  'commune-scorecards': 'communeScorecards',
  'sector-land': 'sectorLand',
  'sector-construction': 'sectorConstruction',
  'sector-investment': 'sectorInvestment',
  health: 'healthReport',
  education: 'educationReport',
} as const satisfies Record<ReportKind, string>;

/** A stored report kind (scorecards, a sector report, the health or education report) in one language: ask for it, follow it, download it. */
function kindItem(v: DownloadsView, kind: ReportKind, lang: ReportLanguage): HTMLElement {
  const { t } = v;
  const key = `${kind}/${lang}`;
  const r = v.kinds[key];
  const running = v.kindBusy[key] || r?.status === 'queued' || r?.status === 'running';
  return h(
    'li',
    { 'data-report': `${kind}-${lang}` },
    h('span', null, t(KIND_LABELS[kind]), ' (', t(lang === 'vi' ? 'langVi' : 'langEn'), '): '),
    r?.download ? h('a', { href: r.download, download: '', class: `dl-${kind}-${lang}` }, t('reportDownload')) : null,
    r?.download && r.bytes != null ? ` (${size(r.bytes, v.lang)}) ` : null,
    running
      ? h('span', { role: 'status', class: 'report-progress' }, t('reportRendering', { progress: r?.progress ?? 0 }))
      : h('button', { type: 'button', class: 'btn', id: `render-${kind}-${lang}`, onclick: () => v.renderKind(kind, lang) }, t(r?.download ? 'reportRerender' : 'reportRender')),
    r?.status === 'failed' ? h('span', { class: 'err' }, ' ', t('reportFailed', { error: r.error ?? '' })) : null,
  );
}

/** A report of any kind: what it is, how far its rendering is, its size, and the link once rendered. */
function otherItem(v: DownloadsView, r: ListedReport): HTMLElement {
  const { t } = v;
  const running = r.status === 'queued' || r.status === 'running';
  return h(
    'li',
    { 'data-report': `${r.kind ?? 'report'}-${r.language}` },
    h('span', null, t('reportOther', { kind: r.kind ?? '', language: r.language }), ': '),
    r.download ? h('a', { href: r.download, download: '' }, t('reportDownload')) : null,
    r.bytes != null ? ` (${size(r.bytes, v.lang)})` : null,
    running ? h('span', { role: 'status', class: 'report-progress' }, ' ', t('reportRendering', { progress: r.progress })) : null,
    r.status === 'failed' ? h('span', { class: 'err' }, ' ', t('reportFailed', { error: r.error ?? '' })) : null,
  );
}

/** A file size in KB or MB, in the reader's decimals. */
export const size = (bytes: number, lang: Lang) =>
  bytes >= 1024 * 1024 ? `${formatDecimal(bytes / 1024 / 1024, lang, 1)} MB` : `${formatDecimal(Math.max(1, bytes / 1024), lang, 0)} KB`;

function reportItem(v: DownloadsView, lang: ReportLanguage): HTMLElement {
  const { t } = v;
  const r = v.reports[lang];
  const running = v.busy[lang] || r?.status === 'queued' || r?.status === 'running';
  const ready = r?.download ? h('a', { href: r.download, download: '', class: `dl-report-${lang}` }, t('reportDownload')) : null;
  const bytes = r?.download && r.bytes != null ? ` (${size(r.bytes, v.lang)})` : null;
  return h(
    'li',
    { 'data-report': lang },
    h('span', null, t(lang === 'vi' ? 'report_vi' : 'report_en'), ': '),
    ready,
    bytes,
    ready ? ' ' : null,
    running
      ? h('span', { role: 'status', class: 'report-progress' }, t('reportRendering', { progress: r?.progress ?? 0 }))
      : h(
          'button',
          { type: 'button', class: 'btn', id: `render-${lang}`, onclick: () => v.render(lang) },
          t(r?.download ? 'reportRerender' : 'reportRender'),
        ),
    r?.status === 'failed' ? h('span', { class: 'err', role: 'alert' }, ' ', t('reportFailed', { error: r.error ?? '' })) : null,
  );
}
