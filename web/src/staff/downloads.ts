import { h } from '../shared/dom';
import type { DashKey } from './dashboard-strings';
import { downloads, type ReportLanguage, type ReportStatus, type WaveSnapshots } from './results-api';

export const REPORT_LANGUAGES: ReportLanguage[] = ['vi', 'en'];

export interface DownloadsView {
  t: (key: DashKey, params?: Record<string, string | number>) => string;
  wave: WaveSnapshots;
  snapshotId: number;
  reports: Partial<Record<ReportLanguage, ReportStatus>>;
  busy: Partial<Record<ReportLanguage, boolean>>;
  render: (lang: ReportLanguage) => void;
}

/**
 * The downloads of the selected snapshot: its results CSV and summary workbook, the wave's microdata (one CSV per
 * questionnaire version), and the PDF report in Vietnamese and English (rendered on request, then downloaded).
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
    ),
  );
}

function reportItem(v: DownloadsView, lang: ReportLanguage): HTMLElement {
  const { t } = v;
  const r = v.reports[lang];
  const running = v.busy[lang] || r?.status === 'queued' || r?.status === 'running';
  const ready = r?.download ? h('a', { href: r.download, download: '', class: `dl-report-${lang}` }, t('reportDownload')) : null;
  return h(
    'li',
    { 'data-report': lang },
    h('span', null, t(lang === 'vi' ? 'report_vi' : 'report_en'), ': '),
    ready,
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
