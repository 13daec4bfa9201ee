import { project } from '../../shared/map';
import { REPORT_KINDS, type ResultsApi, type RowQuery } from './api';
import { REPORT_LANGUAGES } from './downloads';
import { currentSnapshot, currentWave, done, type DashState } from './state';

/**
 * Reading the dashboard's figures into its state. Each function fills its part of `s` from the API and leaves
 * painting to the caller; every figure comes from a stored snapshot.
 */

/** Waves and place names; picks the latest wave with figures and its latest completed snapshot. False when waves fail. */
export async function loadWaves(s: DashState, api: ResultsApi): Promise<boolean> {
  const [w, areas, agencies, units] = await Promise.all([api.waves(), api.places('areas'), api.places('agencies'), api.places('units')]);
  if (!w.ok) return false;
  for (const [list, map] of [[areas, s.names.areas], [agencies, s.names.agencies], [units, s.names.units]] as const)
    if (list.ok) for (const p of list.data) map.set(p.code, p);
  s.waves = w.data;
  if (!s.waveCode) s.waveCode = (s.waves.find((x) => x.snapshots.some(done)) ?? s.waves[0])?.code ?? '';
  if (s.snapshotId === undefined || !currentSnapshot(s)) s.snapshotId = currentWave(s)?.snapshots.find(done)?.id;
  return true;
}

/** The selected snapshot's figures (or none while it is not completed). */
export async function loadSnapshot(s: DashState, api: ResultsApi): Promise<void> {
  const id = s.snapshotId;
  if (id !== undefined && currentSnapshot(s)?.status === 'completed') {
    const [ti, ch] = await Promise.all([api.indicators(id, s.channel), api.change(id, s.channel), loadQuestionnaires(s, api)]);
    s.tiles = ti.ok ? ti.data : [];
    s.change = ch.ok ? ch.data : undefined;
    await Promise.all([loadRows(s, api), loadUnits(s, api), loadLeague(s, api), loadReports(s, api, id)]);
  } else {
    s.reports = {};
    s.otherReports = [];
    s.tiles = [];
    s.change = undefined;
    s.rows = [];
    s.unitRows = [];
    s.league = undefined;
  }
}

/**
 * The snapshot's reports: the list endpoint's entries as they come (any kind), the PDF report in each language
 * among them; where the list cannot be read, each language is asked for on its own.
 */
export async function loadReports(s: DashState, api: ResultsApi, id: number): Promise<void> {
  s.reports = {};
  s.otherReports = [];
  s.kindReports = {};
  const list = await api.reportList(id);
  if (list.ok) {
    for (const r of list.data) {
      const lang = REPORT_LANGUAGES.find((l) => l === r.language);
      if (lang && (!r.kind || r.kind === 'province')) s.reports[lang] = { ...r, language: lang };
      else if (lang && REPORT_KINDS.some((k) => k === r.kind)) s.kindReports[`${r.kind}/${lang}`] = r;
      else s.otherReports.push(r);
    }
    return;
  }
  const found = await Promise.all(REPORT_LANGUAGES.map((lang) => api.report(id, lang)));
  found.forEach((r, i) => {
    if (r.ok) s.reports[REPORT_LANGUAGES[i]] = r.data;
  });
}

async function loadQuestionnaires(s: DashState, api: ResultsApi): Promise<void> {
  for (const q of currentWave(s)?.questionnaires ?? []) {
    if (s.questionnaires.has(q.family)) continue;
    const r = await api.questionnaire(q.code, q.version);
    if (r.ok) s.questionnaires.set(q.family, r.data);
  }
}

/** The drill-down's query for the last step of the path. */
export function rowQuery(s: DashState): RowQuery {
  const base = { channel: s.channel, indicator: s.family };
  const last = s.path[s.path.length - 1];
  if (!last) return { ...base, groupType: 'area' };
  if (last.kind === 'sections') return { ...base, groupType: last.type, groupCode: last.code };
  if (last.kind === 'section') return { ...base, groupType: last.type, groupCode: last.code, section: last.section };
  if (last.type === 'area') return { ...base, groupType: 'area-agency', parent: last.code };
  if (last.type === 'area-agency') return { ...base, groupType: 'area-agency-unit', parent: last.code };
  return { ...base, groupType: last.type, groupCode: last.code };
}

export async function loadRows(s: DashState, api: ResultsApi): Promise<void> {
  if (s.snapshotId === undefined) return;
  const r = await api.rows(s.snapshotId, rowQuery(s));
  s.rows = r.ok ? r.data : [];
  const last = s.path[s.path.length - 1];
  // An agency without communes below it (a provincial department) opens on its elements.
  if (s.rows.length === 0 && last?.kind === 'group' && last.type === 'area-agency') {
    s.path = [...s.path, { kind: 'sections', type: last.type, code: last.code }];
    return loadRows(s, api);
  }
}

export async function loadUnits(s: DashState, api: ResultsApi): Promise<void> {
  if (s.snapshotId === undefined) return;
  const r = await api.rows(s.snapshotId, { channel: s.channel, indicator: s.family, groupType: 'unit' });
  s.unitRows = r.ok ? r.data : [];
}

/** The league table of the chosen group type on the family's indicator. */
export async function loadLeague(s: DashState, api: ResultsApi): Promise<void> {
  if (s.snapshotId === undefined) return;
  const r = await api.rankings(s.snapshotId, s.family, s.rankedGroup, s.channel);
  s.league = r.ok ? r.data : undefined;
}

/** The commune boundaries, projected once. */
export async function loadMap(s: DashState, api: ResultsApi): Promise<boolean> {
  const r = await api.boundaries();
  if (r.ok) s.shapes = project(r.data);
  return r.ok;
}
