import { h, replaceChildren, type Children } from '../../shared/dom';
import { formatPercent } from '../../shared/format';
import { fill, type Lang } from '../../shared/i18n';
import type { RankedGroup } from '../../shared/league';
import type { ReportLanguage, ResultsApi, ReportKind } from './api';
import { controls, status } from './controls';
import { drillDown } from './drill';
import { downloadsView } from './downloads';
import { integrityPanel } from './integrity';
import { labels } from './labels';
import { leagueSection } from './league';
import { loadLeague, loadMap, loadRows, loadSnapshot, loadUnits, loadWaves } from './loading';
import { currentSnapshot, currentWave, done, initialState, upsert, type Step } from './state';
import { dashStrings, type DashKey } from './strings';
import { changeTable, mapView, runsView, tileList, type View } from './views';

/**
 * The analysts' dashboard: indicator tiles against targets, change since the previous wave, a drill-down from
 * area to criterion, league tables, a commune map, the channel filter (web apart, labelled self-selected), the
 * downloads and reports, and the run history with a button to compute and a progress bar. Every figure is read
 * from a stored snapshot. The state is one object (state.ts), filled by loading.ts and drawn by the views.
 */
export function startDashboard(root: HTMLElement, api: ResultsApi, getLang: () => Lang, pollMs = 1000) {
  const s = initialState();
  const t = (key: DashKey, params?: Record<string, string | number>) => {
    const text = dashStrings[getLang()][key];
    return params ? fill(text, params) : text;
  };
  const names = labels(s, getLang, t);
  const pct = (value: number | null, display: string) =>
    value == null ? '' : getLang() === 'vi' && display ? display : formatPercent(value, getLang());
  const view = (): View => ({
    lang: getLang(),
    doc: root.ownerDocument,
    t,
    pct,
    interval: (low, high) => (low == null || high == null ? '' : `${pct(low, '')} – ${pct(high, '')}`),
    flagWords: (flags) => flags.map((f) => t(f === 'small-sample' ? 'smallSample' : f === 'undefined' ? 'undefined' : 'lonely')).join(', '),
    unitName: (code) => names.placeName(s.names.units, code),
  });
  const failure = (r: { ok: false; kind: string; problem?: { title?: string } }) => (r.kind === 'http' ? r.problem?.title ?? t('failed') : t('failed'));
  const wait = () => new Promise((resolve) => setTimeout(resolve, pollMs));

  // ---- loading, then painting ----------------------------------------------------------------------------
  async function load(): Promise<void> {
    if (!(await loadWaves(s, api))) {
      s.error = t('failed');
      s.loading = false;
      return render();
    }
    await showSnapshot();
    void loadMap(s, api).then((ok) => ok && render());
  }

  async function showSnapshot(): Promise<void> {
    s.loading = true;
    render();
    await loadSnapshot(s, api);
    s.loading = false;
    render();
  }

  // ---- actions -------------------------------------------------------------------------------------------
  async function drill(step: Step | undefined, depth = s.path.length): Promise<void> {
    s.path = step ? [...s.path.slice(0, depth), step] : s.path.slice(0, depth);
    await loadRows(s, api);
    render();
    (root.querySelector('#drill-caption') as HTMLElement | null)?.focus();
  }

  async function start(): Promise<void> {
    s.busy = true;
    render();
    const r = await api.start(s.waveCode, s.allChannels);
    s.busy = false;
    if (!r.ok) {
      s.error = failure(r);
      return render();
    }
    upsert(s, r.data);
    render();
    await follow(r.data.id);
  }

  /** Polls a run until it ends, showing its progress; then shows its figures. */
  async function follow(id: number): Promise<void> {
    for (;;) {
      const r = await api.snapshot(id);
      if (r.ok) {
        upsert(s, r.data);
        render();
        if (r.data.status === 'completed' || r.data.status === 'failed') break;
      }
      await wait();
    }
    const w = await api.waves();
    if (w.ok) s.waves = w.data;
    if (currentWave(s)?.snapshots.find((x) => x.id === id)?.status === 'completed') s.snapshotId = id;
    await showSnapshot();
  }

  async function publish(): Promise<void> {
    if (s.snapshotId === undefined) return;
    s.busy = true;
    render();
    const r = await api.publish(s.snapshotId);
    s.busy = false;
    if (r.ok) upsert(s, r.data);
    else s.error = failure(r);
    render();
  }

  /** Asks for the report in one language, then polls its rendering until it ends. */
  async function renderReport(lang: ReportLanguage): Promise<void> {
    const id = s.snapshotId;
    if (id === undefined) return;
    s.reportBusy[lang] = true;
    render();
    let r = await api.renderReport(id, lang);
    while (r.ok && (r.data.status === 'queued' || r.data.status === 'running')) {
      if (s.snapshotId !== id) break;
      s.reports[lang] = r.data;
      render();
      await wait();
      r = await api.report(id, lang);
    }
    s.reportBusy[lang] = false;
    if (s.snapshotId !== id) return;
    if (r.ok) s.reports[lang] = r.data;
    else s.error = t('failed');
    render();
  }

  /** Asks for a scorecard report and follows its progress until it is rendered (or fails). */
  async function renderKind(kind: ReportKind, lang: ReportLanguage): Promise<void> {
    const id = s.snapshotId;
    if (id === undefined) return;
    const key = `${kind}/${lang}`;
    s.kindBusy[key] = true;
    render();
    let r = await api.renderReportKind(id, kind, lang);
    while (r.ok && (r.data.status === 'queued' || r.data.status === 'running')) {
      if (s.snapshotId !== id) break;
      s.kindReports[key] = r.data;
      render();
      await wait();
      r = await api.reportKind(id, kind, lang);
    }
    s.kindBusy[key] = false;
    if (s.snapshotId !== id) return;
    if (r.ok) s.kindReports[key] = r.data;
    else s.error = t('failed');
    render();
  }

  const on = {
    wave: (code: string) => {
      s.waveCode = code;
      s.snapshotId = currentWave(s)?.snapshots.find(done)?.id;
      s.path = [];
      void showSnapshot();
    },
    snapshot: (id: number) => {
      s.snapshotId = id;
      void showSnapshot();
    },
    channel: (c: string) => {
      s.channel = c;
      void showSnapshot();
    },
    family: (f: string) => {
      s.family = f;
      s.path = [];
      void Promise.all([loadRows(s, api), loadUnits(s, api), loadLeague(s, api)]).then(render);
    },
    ranked: (g: RankedGroup) => {
      s.rankedGroup = g;
      void loadLeague(s, api).then(render);
    },
    drill: (step: Step | undefined, depth?: number) => void drill(step, depth),
  };

  // ---- painting ------------------------------------------------------------------------------------------
  function render(): void {
    const focused = (root.ownerDocument.activeElement as HTMLElement | null)?.id;
    replaceChildren(root, h('h2', { id: 'dash-title' }, t('title')), ...content());
    if (focused) (root.querySelector(`#${focused}`) as HTMLElement | null)?.focus();
  }

  function content(): Children[] {
    if (s.error && !s.waves.length) return [h('p', { class: 'err', role: 'alert' }, s.error)];
    if (!s.waves.length) return [h('p', { role: 'status' }, t('loading'))];
    const v = view();
    const run = { start, allChannels: (checked: boolean) => (s.allChannels = checked) };
    return [
      controls(v, s, on),
      h('p', { class: 'err', role: 'alert' }, s.error),
      status(v, s, publish),
      ...figures(v),
      runsView(v, currentWave(s), { busy: s.busy, allChannels: s.allChannels }, run),
    ];
  }

  function figures(v: View): Children[] {
    if (s.loading) return [h('p', { role: 'status' }, t('loading'))];
    const snap = currentSnapshot(s);
    if (snap?.status !== 'completed') return [];
    const w = currentWave(s);
    const official = s.channel === '';
    const dl = w && s.snapshotId !== undefined && official
      ? downloadsView({ t, wave: w, snapshotId: s.snapshotId, reports: s.reports, busy: s.reportBusy, render: (lang) => void renderReport(lang), others: s.otherReports, lang: v.lang, kinds: s.kindReports, kindBusy: s.kindBusy, renderKind: (kind, lang) => void renderKind(kind, lang) })
      : null;
    return [
      tileList(v, s.tiles, s.channel),
      official ? integrityPanel(v, snap) : null,
      changeTable(v, s.change),
      drillDown(v, s, names, on),
      leagueSection(v, s.league, s.rankedGroup, s.family, on.ranked),
      mapView(v, s.shapes, s.unitRows, s.family),
      dl,
    ];
  }

  const ready = load().then(() => {
    const pending = currentWave(s)?.snapshots.find((x) => x.status === 'queued' || x.status === 'running');
    if (pending) void follow(pending.id);
  });
  return { ready, render };
}
