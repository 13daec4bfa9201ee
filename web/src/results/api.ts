import { request } from '../shared/api';
import type { LeagueTable, RankedGroup } from '../shared/league';
import type { GeoJson } from '../shared/map';
import type { IndicatorTile } from '../staff/dashboard/api';

// Shapes of /api/public/results: published snapshots only, figures as stored (the published PDF prints the same).

export interface PublishedSnapshot {
  id: number;
  wave: string;
  waveNameVi: string;
  waveNameEn: string;
  startsOn: string;
  endsOn: string;
  publishedAt: string;
  publishedAtText: string;
  responsesCounted: number | null;
  methodVersion: string;
  families: string[];
}

/** An official indicator against the year's target: the dashboard's tile without channel or flagged-kept figures. */
export type PublicIndicator = Pick<IndicatorTile, 'indicator' | 'estimate' | 'ciLow' | 'ciHigh' | 'nValid' | 'flags' | 'display' | 'ciDisplay' | 'target' | 'verdict' | 'qualifier'>;

const base = '/api/public/results';

export const publicResults = {
  list: () => request<PublishedSnapshot[]>(base),
  snapshot: (id: number) => request<PublishedSnapshot>(`${base}/snapshots/${id}`),
  indicators: (id: number) => request<PublicIndicator[]>(`${base}/snapshots/${id}/indicators`),
  rankings: (id: number, indicator: string, groupType: RankedGroup) =>
    request<LeagueTable>(`${base}/snapshots/${id}/rankings?indicator=${encodeURIComponent(indicator)}&groupType=${groupType}`),
  boundaries: () => request<GeoJson>('/api/reference/communes.geojson', { timeoutMs: 30_000 }),
};

/** The open data of a published snapshot, and the dictionary that describes it. */
export const openData = {
  results: (id: number) => `${base}/snapshots/${id}/results.csv`,
  rankings: (id: number) => `${base}/snapshots/${id}/rankings.csv`,
  dictionary: `${base}/dictionary.csv`,
};
