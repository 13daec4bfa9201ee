import type { Questionnaire } from '../shared/api';
import { integrityPanel } from './dashboard-integrity';
import { h, replaceChildren, type Children } from '../shared/dom';
import { formatDecimal, formatNumber, formatPercent } from '../shared/format';
import { fill, type Lang } from '../shared/i18n';
import { dashStrings, type DashKey } from './dashboard-strings';
import { changeTable, mapView, runStatus, runsView, tileList, type View } from './dashboard-views';
import { downloadsView, REPORT_LANGUAGES } from './downloads';
import { project, type CommuneShape } from './map';
import type {
  ChangeSince,
  IndicatorTile,
  Place,
  ReportLanguage,
  ReportStatus,
  ResultRow,
  ResultsApi,
  RowQuery,
  SnapshotSummary,
  WaveSnapshots,
} from './results-api';

const CHANNELS = ['paper', 'interview', 'import', 'portal', 'web', 'web-verified', 'web-unverified'] as const;
const FAMILIES = ['SIPAS', 'TTHC', 'HEALTH', 'EDUCATION'];

/** A step of the drill-down: a group (area → agency → commune), a group's elements, or one element's criteria. */
type Step = { kind: 'group'; type: string; code: string } | { kind: 'sections'; type: string; code: string } | { kind: 'section'; type: string; code: string; section: string };

/**
 * The analysts' dashboard: indicator tiles against targets, change since the previous wave, a drill-down from
 * area to criterion, a commune map, the channel filter (web apart, labelled self-selected), and the run history
 * with a button to compute and a progress bar. Every figure is read from a stored snapshot.
 */
export function startDashboard(root: HTMLElement, api: ResultsApi, getLang: () => Lang, pollMs = 1000) {
  let waves: WaveSnapshots[] = [];
  let waveCode = '';
  let snapshotId: number | undefined;
  let channel = '';
  let family = 'SIPAS';
  let path: Step[] = [];
  let tiles: IndicatorTile[] = [];
  let change: ChangeSince | undefined;
  let rows: ResultRow[] = [];
  let unitRows: ResultRow[] = [];
  let shapes: { shapes: CommuneShape[]; width: number; height: number } | undefined;
  const names = { areas: new Map<string, Place>(), agencies: new Map<string, Place>(), units: new Map<string, Place>() };
  const questionnaires = new Map<string, Questionnaire>();
  let loading = true;
  let error = '';
  let allChannels = false;
  let busy = false;
  let reports: Partial<Record<ReportLanguage, ReportStatus>> = {};
  const reportBusy: Partial<Record<ReportLanguage, boolean>> = {};

  const t = (key: DashKey, params?: Record<string, string | number>) => {
    const s = dashStrings[getLang()][key];
    return params ? fill(s, params) : s;
  };
  const wave = () => waves.find((w) => w.code === waveCode);
  const snapshot = () => wave()?.snapshots.find((s) => s.id === snapshotId);
  const pct = (value: number | null, display: string) =>
    value == null ? '' : getLang() === 'vi' && display ? display : formatPercent(value, getLang());
  const interval = (low: number | null, high: number | null) =>
    low == null || high == null ? '' : `${pct(low, '')} – ${pct(high, '')}`;
  const flagWords = (flags: string[]) =>
    flags.map((f) => t(f === 'small-sample' ? 'smallSample' : f === 'undefined' ? 'undefined' : 'lonely')).join(', ');

  // ---- loading -------------------------------------------------------------------------------------------
  async function load(): Promise<void> {
    const [w, areas, agencies, units] = await Promise.all([api.waves(), api.places('areas'), api.places('agencies'), api.places('units')]);
    if (!w.ok) {
      error = t('failed');
      loading = false;
      return render();
    }
    for (const [list, map] of [[areas, names.areas], [agencies, names.agencies], [units, names.units]] as const)
      if (list.ok) for (const p of list.data) map.set(p.code, p);
    waves = w.data;
    if (!waveCode) waveCode = (waves.find((x) => x.snapshots.some(done)) ?? waves[0])?.code ?? '';
    if (snapshotId === undefined || !snapshot()) snapshotId = wave()?.snapshots.find(done)?.id;
    await loadSnapshot();
    void loadMap();
  }

  async function loadSnapshot(): Promise<void> {
    loading = true;
    render();
    const id = snapshotId;
    if (id !== undefined && snapshot()?.status === 'completed') {
      const [ti, ch] = await Promise.all([api.indicators(id, channel), api.change(id, channel), loadQuestionnaires()]);
      tiles = ti.ok ? ti.data : [];
      change = ch.ok ? ch.data : undefined;
      await Promise.all([loadRows(), loadUnits(), loadReports(id)]);
    } else {
      reports = {};
      tiles = [];
      change = undefined;
      rows = [];
      unitRows = [];
    }
    loading = false;
    render();
  }

  async function loadReports(id: number): Promise<void> {
    const found = await Promise.all(REPORT_LANGUAGES.map((lang) => api.report(id, lang)));
    reports = {};
    found.forEach((r, i) => {
      if (r.ok) reports[REPORT_LANGUAGES[i]] = r.data;
    });
  }

  /** Asks for the report in one language, then polls its rendering until it ends. */
  async function renderReport(lang: ReportLanguage): Promise<void> {
    const id = snapshotId;
    if (id === undefined) return;
    reportBusy[lang] = true;
    render();
    let r = await api.renderReport(id, lang);
    while (r.ok && (r.data.status === 'queued' || r.data.status === 'running')) {
      if (snapshotId !== id) break;
      reports[lang] = r.data;
      render();
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      r = await api.report(id, lang);
    }
    reportBusy[lang] = false;
    if (snapshotId !== id) return;
    if (r.ok) reports[lang] = r.data;
    else error = t('failed');
    render();
  }

  async function loadQuestionnaires(): Promise<void> {
    for (const q of wave()?.questionnaires ?? []) {
      if (questionnaires.has(q.family)) continue;
      const r = await api.questionnaire(q.code, q.version);
      if (r.ok) questionnaires.set(q.family, r.data);
    }
  }

  function query(): RowQuery {
    const base = { channel, indicator: family };
    const last = path[path.length - 1];
    if (!last) return { ...base, groupType: 'area' };
    if (last.kind === 'sections') return { ...base, groupType: last.type, groupCode: last.code };
    if (last.kind === 'section') return { ...base, groupType: last.type, groupCode: last.code, section: last.section };
    if (last.type === 'area') return { ...base, groupType: 'area-agency', parent: last.code };
    if (last.type === 'area-agency') return { ...base, groupType: 'area-agency-unit', parent: last.code };
    return { ...base, groupType: last.type, groupCode: last.code };
  }

  async function loadRows(): Promise<void> {
    if (snapshotId === undefined) return;
    const r = await api.rows(snapshotId, query());
    rows = r.ok ? r.data : [];
    const last = path[path.length - 1];
    // An agency without communes below it (a provincial department) opens on its elements.
    if (rows.length === 0 && last?.kind === 'group' && last.type === 'area-agency') {
      path = [...path, { kind: 'sections', type: last.type, code: last.code }];
      return loadRows();
    }
  }

  async function loadUnits(): Promise<void> {
    if (snapshotId === undefined) return;
    const r = await api.rows(snapshotId, { channel, indicator: family, groupType: 'unit' });
    unitRows = r.ok ? r.data : [];
  }

  async function loadMap(): Promise<void> {
    const r = await api.boundaries();
    if (r.ok) {
      shapes = project(r.data);
      render();
    }
  }

  // ---- actions -------------------------------------------------------------------------------------------
  async function drill(step: Step | undefined, depth = path.length): Promise<void> {
    path = step ? [...path.slice(0, depth), step] : path.slice(0, depth);
    await loadRows();
    render();
    (root.querySelector('#drill-caption') as HTMLElement | null)?.focus();
  }

  async function start(): Promise<void> {
    busy = true;
    render();
    const r = await api.start(waveCode, allChannels);
    busy = false;
    if (!r.ok) {
      error = r.kind === 'http' ? r.problem.title ?? t('failed') : t('failed');
      return render();
    }
    upsert(r.data);
    render();
    await follow(r.data.id);
  }

  /** Polls a run until it ends, showing its progress; then shows its figures. */
  async function follow(id: number): Promise<void> {
    for (;;) {
      const r = await api.snapshot(id);
      if (r.ok) {
        upsert(r.data);
        render();
        if (r.data.status === 'completed' || r.data.status === 'failed') break;
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    const w = await api.waves();
    if (w.ok) waves = w.data;
    if (wave()?.snapshots.find((s) => s.id === id)?.status === 'completed') snapshotId = id;
    await loadSnapshot();
  }

  async function publish(): Promise<void> {
    if (snapshotId === undefined) return;
    busy = true;
    render();
    const r = await api.publish(snapshotId);
    busy = false;
    if (r.ok) upsert(r.data);
    else error = r.kind === 'http' ? r.problem.title ?? t('failed') : t('failed');
    render();
  }

  function upsert(s: SnapshotSummary): void {
    const w = waves.find((x) => x.code === s.wave);
    if (!w) return;
    const i = w.snapshots.findIndex((x) => x.id === s.id);
    if (i >= 0) w.snapshots[i] = s;
    else w.snapshots.unshift(s);
  }

  // ---- labels --------------------------------------------------------------------------------------------
  function placeName(map: Map<string, Place>, code: string): string {
    const p = map.get(code);
    if (!p) return code;
    return getLang() === 'en' ? p.nameEn || p.name || p.nameVi || code : p.nameVi || p.fullName || p.name || code;
  }

  function groupName(type: string, code: string): string {
    const parts = code.split('/');
    if (type === 'province') return t('province');
    if (type === 'area') return placeName(names.areas, code);
    if (type === 'agency') return placeName(names.agencies, code);
    if (type === 'unit') return placeName(names.units, code);
    if (type === 'area-agency') return placeName(names.agencies, parts[1]);
    return placeName(names.units, parts[2]);
  }

  function sectionName(code: string): string {
    const s = questionnaires.get(family)?.sections.find((x) => x.code === code);
    return s ? (getLang() === 'en' && s.title.en) || s.title.vi : code;
  }

  function itemName(code: string): string {
    for (const s of questionnaires.get(family)?.sections ?? []) {
      const i = s.items.find((x) => x.code === code);
      if (i) return `${code}. ${(getLang() === 'en' && i.text.en) || i.text.vi}`;
    }
    return code;
  }

  function stepName(step: Step): string {
    if (step.kind === 'section') return sectionName(step.section);
    if (step.kind === 'sections') return `${t('levelSection')}: ${groupName(step.type, step.code)}`;
    return groupName(step.type, step.code);
  }

  // ---- rendering -----------------------------------------------------------------------------------------
  const view = (): View => ({
    lang: getLang(),
    doc: root.ownerDocument,
    t,
    pct,
    interval,
    flagWords,
    unitName: (code) => placeName(names.units, code),
  });

  function render(): void {
    const focused = (root.ownerDocument.activeElement as HTMLElement | null)?.id;
    replaceChildren(root, h('h2', { id: 'dash-title' }, t('title')), ...content());
    if (focused) (root.querySelector(`#${focused}`) as HTMLElement | null)?.focus();
  }

  function content(): Children[] {
    if (error && !waves.length) return [h('p', { class: 'err', role: 'alert' }, error)];
    if (!waves.length) return [h('p', { role: 'status' }, t('loading'))];
    const on = { start, allChannels: (checked: boolean) => (allChannels = checked) };
    return [controls(), h('p', { class: 'err', role: 'alert' }, error), status(), ...figures(), runsView(view(), wave(), { busy, allChannels }, on)];
  }

  function select(id: string, label: string, value: string, options: [string, string][], onchange: (v: string) => void) {
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

  function controls(): HTMLElement {
    const w = wave();
    const official = (w?.officialChannels ?? []).map((c) => t(c as DashKey)).join(', ');
    return h(
      'div',
      { class: 'controls' },
      select('wave', t('wave'), waveCode, waves.map((x) => [x.code, `${x.code} — ${getLang() === 'en' ? x.nameEn : x.nameVi}`]), (v) => {
        waveCode = v;
        snapshotId = wave()?.snapshots.find(done)?.id;
        path = [];
        void loadSnapshot();
      }),
      w && w.snapshots.length
        ? select('snapshot', t('snapshot'), String(snapshotId ?? ''), w.snapshots.map((s) => [String(s.id), snapshotLabel(s)]), (v) => {
            snapshotId = Number(v);
            void loadSnapshot();
          })
        : null,
      select(
        'channel',
        t('channel'),
        channel,
        [['', t('official', { channels: official })], ...CHANNELS.map((c): [string, string] => [c, t(c)])],
        (v) => {
          channel = v;
          void loadSnapshot();
        },
      ),
    );
  }

  function snapshotLabel(s: SnapshotSummary): string {
    return t('snapshotOption', { id: s.id, time: s.requestedAtText, status: s.published ? t('publishedShort') : runStatus(view(), s) });
  }

  function status(): Children {
    const s = snapshot();
    const notes: Children[] = [];
    if (channel.startsWith('web')) notes.push(h('p', { class: 'note web-note' }, h('strong', null, '⚠ '), t('webNote')));
    else if (channel) notes.push(h('p', { class: 'note' }, t('channelNote')));
    if (!s) return [h('p', null, t('noSnapshot')), ...notes];
    return [
      s.published
        ? h('p', { class: 'published' }, '🔒 ', t('published', { time: s.completedAtText ?? '', by: s.publishedBy ?? '' }))
        : h(
            'p',
            { class: 'draft' },
            t('notPublished'),
            ' ',
            s.status === 'completed'
              ? h('button', { id: 'publish', type: 'button', class: 'btn', disabled: busy, onclick: publish }, busy ? t('publishing') : t('publish'))
              : null,
          ),
      ...notes,
    ];
  }

  function figures(): Children[] {
    if (loading) return [h('p', { role: 'status' }, t('loading'))];
    if (snapshot()?.status !== 'completed') return [];
    const v = view();
    const w = wave();
    const dl =
      w && snapshotId !== undefined && channel === ''
        ? downloadsView({ t, wave: w, snapshotId, reports, busy: reportBusy, render: (lang) => void renderReport(lang) })
        : null;
    const integrity = channel === '' && snapshot() ? integrityPanel(v, snapshot()!) : null;
    return [tileList(v, tiles, channel), integrity, changeTable(v, change), drillDown(), mapView(v, shapes, unitRows, family), dl];
  }

  function drillDown(): HTMLElement {
    const families = FAMILIES.filter((f) => wave()?.questionnaires.some((q) => q.family === f));
    const last = path[path.length - 1];
    const level: DashKey = !last ? 'levelArea' : last.kind === 'section' ? 'levelItem' : last.kind === 'sections' ? 'levelSection'
      : last.type === 'area' ? 'levelAgency' : last.type === 'area-agency' ? 'levelUnit' : 'levelSection';
    const current = last?.kind === 'group' ? last : undefined;
    const sectionsOf = !last ? { type: 'province', code: '40', name: t('province') } : current ? { type: current.type, code: current.code, name: groupName(current.type, current.code) } : undefined;
    return h(
      'section',
      { 'aria-labelledby': 'drill-title' },
      h('h3', { id: 'drill-title' }, t('drill')),
      select('family', t('family'), family, families.map((f) => [f, t(f as DashKey)]), (v) => {
        family = v;
        path = [];
        void Promise.all([loadRows(), loadUnits()]).then(render);
      }),
      h(
        'nav',
        { 'aria-label': t('path'), class: 'crumbs' },
        h(
          'ol',
          null,
          h('li', null, path.length ? h('button', { type: 'button', class: 'link', onclick: () => drill(undefined, 0) }, t('province')) : h('span', { 'aria-current': 'location' }, t('province'))),
          path.map((step, i) =>
            h('li', null, i === path.length - 1 ? h('span', { 'aria-current': 'location' }, stepName(step)) : h('button', { type: 'button', class: 'link', onclick: () => drill(undefined, i + 1) }, stepName(step))),
          ),
        ),
      ),
      rowsTable(level),
      sectionsOf ? h('p', null, h('button', { type: 'button', class: 'btn', onclick: () => drill({ kind: 'sections', type: sectionsOf.type, code: sectionsOf.code }) }, t('sections', { name: sectionsOf.name }))) : null,
    );
  }

  function rowsTable(level: DashKey): HTMLElement {
    const last = path[path.length - 1];
    const label = (r: ResultRow) => (r.item ? itemName(r.item) : r.section ? sectionName(r.section) : groupName(r.groupType, r.groupCode));
    const next = (r: ResultRow): Step | undefined => {
      if (r.item) return undefined;
      if (r.section) return last?.kind === 'sections' ? { kind: 'section', type: r.groupType, code: r.groupCode, section: r.section } : undefined;
      if (last?.kind === 'sections') return undefined;
      if (r.groupType === 'area-agency-unit') return { kind: 'sections', type: r.groupType, code: r.groupCode };
      return { kind: 'group', type: r.groupType, code: r.groupCode };
    };
    const order = (r: ResultRow) => {
      const sections = questionnaires.get(family)?.sections ?? [];
      const s = sections.findIndex((x) => x.code === r.section);
      const i = s < 0 ? -1 : sections[s].items.findIndex((x) => x.code === r.item);
      return (r.section ? s + 1 : 0) * 1000 + (r.item ? i + 1 : 0);
    };
    const sorted = [...rows].sort((a, b) => order(a) - order(b));
    // Criteria (item rows) carry a mean score beside the rate.
    const means = sorted.some((r) => r.item);
    const columns: DashKey[] = means ? ['group', 'rate', 'interval', 'meanScore', 'nValid', 'notes'] : ['group', 'rate', 'interval', 'nValid', 'notes'];
    return h(
      'table',
      { class: 'grid drill' },
      h('caption', { id: 'drill-caption', tabindex: '-1' }, t(level)),
      h('thead', null, h('tr', null, columns.map((k) => h('th', { scope: 'col' }, t(k))))),
      h(
        'tbody',
        null,
        sorted.length
          ? sorted.map((r) => {
              const step = next(r);
              const name = label(r);
              return h(
                'tr',
                { class: r.section && !r.item && last?.kind === 'section' ? 'parent' : '' },
                h('th', { scope: 'row' }, step ? h('button', { type: 'button', class: 'link', 'aria-label': t('open', { name }), onclick: () => drill(step) }, name) : name),
                h('td', null, pct(r.estimate, r.display)),
                h('td', null, interval(r.ciLow, r.ciHigh)),
                means ? h('td', { class: 'mean' }, r.meanScore == null ? '' : formatDecimal(r.meanScore, getLang())) : null,
                h('td', null, formatNumber(r.nValid, getLang())),
                h('td', null, r.flags.length ? h('strong', { class: 'flag' }, flagWords(r.flags)) : ''),
              );
            })
          : h('tr', null, h('td', { colspan: String(columns.length) }, t('empty'))),
      ),
    );
  }

  const ready = load().then(() => {
    const pending = wave()?.snapshots.find((s) => s.status === 'queued' || s.status === 'running');
    if (pending) void follow(pending.id);
  });
  return { ready, render };
}

const done = (s: SnapshotSummary) => s.status === 'completed';
