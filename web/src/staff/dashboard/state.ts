import type { Questionnaire } from '../../shared/api';
import type { CommuneShape } from '../../shared/map';
import type {
  ChangeSince,
  IndicatorTile,
  LeagueTable,
  ListedReport,
  Place,
  RankedGroup,
  ReportLanguage,
  ReportStatus,
  ResultRow,
  SnapshotSummary,
  WaveSnapshots,
} from './api';

/** A step of the drill-down: a group (area → agency → commune), a group's elements, or one element's criteria. */
export type Step =
  | { kind: 'group'; type: string; code: string }
  | { kind: 'sections'; type: string; code: string }
  | { kind: 'section'; type: string; code: string; section: string };

export interface Shapes {
  shapes: CommuneShape[];
  width: number;
  height: number;
}

/** Everything the dashboard shows and what the analyst chose, in one place: loading fills it, views read it. */
export interface DashState {
  waves: WaveSnapshots[];
  waveCode: string;
  snapshotId: number | undefined;
  /** "" = the official figures, else one channel's own. */
  channel: string;
  family: string;
  path: Step[];
  tiles: IndicatorTile[];
  change: ChangeSince | undefined;
  rows: ResultRow[];
  unitRows: ResultRow[];
  shapes: Shapes | undefined;
  names: { areas: Map<string, Place>; agencies: Map<string, Place>; units: Map<string, Place> };
  questionnaires: Map<string, Questionnaire>;
  /** The league table shown (agencies or communes on the family's indicator). */
  rankedGroup: RankedGroup;
  league: LeagueTable | undefined;
  /** The PDF reports the dashboard can render (one a language), and any other report the snapshot has. */
  reports: Partial<Record<ReportLanguage, ReportStatus>>;
  otherReports: ListedReport[];
  reportBusy: Partial<Record<ReportLanguage, boolean>>;
  /** The scorecard reports by `${kind}/${language}`, and which are being asked for. */
  kindReports: Record<string, ListedReport>;
  kindBusy: Record<string, boolean>;
  loading: boolean;
  error: string;
  allChannels: boolean;
  busy: boolean;
}

export const initialState = (): DashState => ({
  waves: [],
  waveCode: '',
  snapshotId: undefined,
  channel: '',
  family: 'SIPAS',
  path: [],
  tiles: [],
  change: undefined,
  rows: [],
  unitRows: [],
  shapes: undefined,
  names: { areas: new Map(), agencies: new Map(), units: new Map() },
  questionnaires: new Map(),
  rankedGroup: 'agency',
  league: undefined,
  reports: {},
  otherReports: [],
  reportBusy: {},
  kindReports: {},
  kindBusy: {},
  loading: true,
  error: '',
  allChannels: false,
  busy: false,
});

export const done = (s: SnapshotSummary) => s.status === 'completed';
export const currentWave = (s: DashState) => s.waves.find((w) => w.code === s.waveCode);
export const currentSnapshot = (s: DashState) => currentWave(s)?.snapshots.find((x) => x.id === s.snapshotId);

/** Puts a snapshot's latest summary into its wave's list (new runs first). */
export function upsert(s: DashState, summary: SnapshotSummary): void {
  const w = s.waves.find((x) => x.code === summary.wave);
  if (!w) return;
  const i = w.snapshots.findIndex((x) => x.id === summary.id);
  if (i >= 0) w.snapshots[i] = summary;
  else w.snapshots.unshift(summary);
}
