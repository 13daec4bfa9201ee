import { request, type ApiResult, type Questionnaire, type StaffApi } from '../../shared/api';
import type { LeagueTable, RankedGroup } from '../../shared/league';
import type { GeoJson } from '../../shared/map';

// Shapes of /api/results (the analysts' dashboard); figures come from stored snapshots only.

export type SnapshotStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface SnapshotSummary {
  id: number;
  wave: string;
  status: SnapshotStatus;
  progress: number;
  phase: string;
  methodVersion: string;
  allChannels: boolean;
  channels: string[];
  frame: string;
  requestedAt: string;
  requestedAtText: string;
  requestedBy: string;
  completedAt: string | null;
  completedAtText: string | null;
  dataHash: string | null;
  responsesRead: number | null;
  responsesCounted: number | null;
  published: boolean;
  publishedAt: string | null;
  publishedBy: string | null;
  supersedesId: number | null;
  changes: { moved?: { indicator: string; before: string; after: string }[]; dataHashChanged?: boolean } | null;
  error: string | null;
  /** Responses of the counted channels excluded by a supervisor, flagged ones kept, and both by cause (issue 14). */
  responsesExcluded?: number | null;
  responsesFlaggedKept?: number | null;
  integrity?: IntegrityCause[] | null;
}

/** One cause of a snapshot's integrity counts; a response with two flags counts under each. */
export interface IntegrityCause {
  cause: string;
  vi: string;
  en: string;
  excluded: number;
  flaggedKept: number;
}

export interface WaveSnapshots {
  code: string;
  nameVi: string;
  nameEn: string;
  startsOn: string;
  endsOn: string;
  status: string;
  officialChannels: string[];
  questionnaires: { family: string; code: string; version: string }[];
  snapshots: SnapshotSummary[];
}

export interface IndicatorTile {
  indicator: string;
  family: string;
  groupType: string;
  groupCode: string;
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  nValid: number | null;
  flags: string[];
  display: string;
  ciDisplay: string;
  target: { year: number; comparator: string; threshold: number; display: string; legalBasis: string } | null;
  verdict: 'met' | 'not met' | null;
  qualifier: 'certain' | 'within margin' | null;
  /** The same estimate without the flagged-but-kept responses (official figures only). */
  unflaggedEstimate?: number | null;
  unflaggedDisplay?: string;
  unflaggedNValid?: number | null;
}

export interface ResultRow {
  indicator: string;
  groupType: string;
  groupCode: string;
  section: string;
  item: string;
  nValid: number;
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  flags: string[];
  nResponses: number | null;
  alpha: number | null;
  /** Item rows: the mean score (1..5) of the valid answers. */
  meanScore: number | null;
  display: string;
  ciDisplay: string;
}

export interface IndicatorChange {
  indicator: string;
  before: number | null;
  after: number | null;
  beforeDisplay: string;
  afterDisplay: string;
  difference: number | null;
  differenceDisplay: string;
  pValue: number | null;
  significant: boolean;
}

export interface ChangeSince {
  previousWave: string | null;
  previousSnapshotId: number | null;
  previousPublished: boolean;
  indicators: IndicatorChange[];
}

/** A snapshot's PDF report in one language (/api/results/snapshots/{id}/reports/{lang}). */
export interface ReportStatus {
  snapshotId: number;
  language: ReportLanguage;
  status: SnapshotStatus;
  progress: number;
  phase: string;
  requestedBy: string;
  requestedAt: string;
  renderedAt: string | null;
  sha256: string | null;
  bytes: number | null;
  error: string | null;
  download: string | null;
}

export type ReportLanguage = 'vi' | 'en';

/**
 * The stored report kinds besides the province report: every agency's or every commune's scorecard in one PDF; the
 * sector reports (land, construction, investment: the SIPAS responses of that area); the health and education reports.
 */
export type ReportKind =
  | 'agency-scorecards'
  | 'commune-scorecards'
  | 'sector-land'
  | 'sector-construction'
  | 'sector-investment'
  | 'health'
  | 'education';
export const REPORT_KINDS: ReportKind[] = [
  'agency-scorecards',
  'commune-scorecards',
  'sector-land',
  'sector-construction',
  'sector-investment',
  'health',
  'education',
];

/** A report as /api/results/snapshots/{id}/reports lists it; kinds other than the PDF report are shown as they come. */
export interface ListedReport extends Omit<ReportStatus, 'language'> {
  language: string;
  kind?: string;
}

export type { LeagueTable, RankedGroup, RankView } from '../../shared/league';

/** Where each download of a snapshot (and of its wave's microdata) is. */
export const downloads = {
  resultsCsv: (id: number) => `/api/results/snapshots/${id}/results.csv`,
  summaryXlsx: (id: number) => `/api/results/snapshots/${id}/summary.xlsx`,
  parCsv: (id: number) => `/api/results/snapshots/${id}/par.csv`,
  parXlsx: (id: number) => `/api/results/snapshots/${id}/par.xlsx`,
  microdata: (wave: string, code: string, version: string) =>
    `/api/results/waves/${encodeURIComponent(wave)}/responses.csv?questionnaire=${encodeURIComponent(`${code}@${version}`)}`,
  reportPdf: (id: number, lang: ReportLanguage) => `/api/results/snapshots/${id}/reports/${lang}.pdf`,
};

export interface Place {
  code: string;
  nameVi?: string;
  nameEn?: string;
  name?: string;
  fullName?: string;
}

export interface RowQuery {
  channel: string;
  indicator: string;
  groupType: string;
  groupCode?: string;
  parent?: string;
  section?: string;
}

const q = (params: Record<string, string | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
    .join('&');

export class ResultsApi {
  constructor(private readonly staff: StaffApi) {}

  waves = () => request<WaveSnapshots[]>('/api/results/waves');
  snapshot = (id: number) => request<SnapshotSummary>(`/api/results/snapshots/${id}`);
  indicators = (id: number, channel: string) =>
    request<IndicatorTile[]>(`/api/results/snapshots/${id}/indicators?${q({ channel })}`);
  rows = (id: number, query: RowQuery) =>
    request<ResultRow[]>(`/api/results/snapshots/${id}/rows?${q({ ...query })}`);
  change = (id: number, channel: string) => request<ChangeSince>(`/api/results/snapshots/${id}/change?${q({ channel })}`);
  questionnaire = (code: string, version: string) =>
    request<Questionnaire>(`/api/questionnaires/${encodeURIComponent(code)}/${encodeURIComponent(version)}`);
  places = (kind: 'areas' | 'agencies' | 'units') => request<Place[]>(`/api/reference/${kind}`);
  boundaries = () => request<GeoJson>('/api/reference/communes.geojson', { timeoutMs: 30_000 });

  start(wave: string, allChannels: boolean): Promise<ApiResult<SnapshotSummary>> {
    return this.staff.post<SnapshotSummary>(`/api/results/waves/${encodeURIComponent(wave)}/snapshots`, { allChannels });
  }

  rankings = (id: number, indicator: string, groupType: RankedGroup, channel: string) =>
    request<LeagueTable>(`/api/results/snapshots/${id}/rankings?${q({ indicator, groupType, channel })}`);
  reportList = (id: number) => request<ListedReport[]>(`/api/results/snapshots/${id}/reports`);
  report = (id: number, lang: ReportLanguage) => request<ReportStatus>(`/api/results/snapshots/${id}/reports/${lang}`);

  renderReport(id: number, lang: ReportLanguage): Promise<ApiResult<ReportStatus>> {
    return this.staff.post<ReportStatus>(`/api/results/snapshots/${id}/reports/${lang}`);
  }

  /** Report kinds beyond the province report (the scorecards), by kind and language. */
  reportKind = (id: number, kind: ReportKind, lang: ReportLanguage) =>
    request<ListedReport>(`/api/results/snapshots/${id}/reports/${kind}/${lang}`);

  renderReportKind(id: number, kind: ReportKind, lang: ReportLanguage): Promise<ApiResult<ListedReport>> {
    return this.staff.post<ListedReport>(`/api/results/snapshots/${id}/reports/${kind}/${lang}`);
  }

  publish(id: number): Promise<ApiResult<SnapshotSummary>> {
    return this.staff.post<SnapshotSummary>(`/api/results/snapshots/${id}/publish`);
  }
}
