import { h, replaceChildren, type Children } from '../shared/dom';
import { formatNumber, formatPercent } from '../shared/format';
import { applyLang, bindLangSwitch, fill, saveLang, savedLang, type Lang } from '../shared/i18n';
import { leagueView, type LeagueTable, type RankedGroup } from '../shared/league';
import { choropleth, mapLegend, project } from '../shared/map';
import type { KeyValueStore } from '../shared/storage';
import { openData, publicResults, type PublicIndicator, type PublishedSnapshot } from './api';
import { strings, type ResultsKey } from './strings';

export interface ResultsOptions {
  store: KeyValueStore;
  main: HTMLElement;
  langButton: HTMLButtonElement;
  footer: HTMLElement | null;
  /** /ket-qua (the latest published snapshot) or /ket-qua/{id}. */
  pathname: string;
}

/**
 * The public results page: a published snapshot's indicators against the targets, the league tables with their
 * rank intervals, the commune map, and the open data. Vietnamese first; everything is read from
 * /api/public/results, which answers for published snapshots only.
 */
export function startResults(o: ResultsOptions) {
  const doc = o.main.ownerDocument;
  let lang: Lang = savedLang(o.store);
  let list: PublishedSnapshot[] = [];
  let snapshot: PublishedSnapshot | undefined;
  let tiles: PublicIndicator[] = [];
  let family = 'SIPAS';
  let group: RankedGroup = 'agency';
  let league: LeagueTable | undefined;
  let units: LeagueTable | undefined;
  let shapes: ReturnType<typeof project> | undefined;
  let message: ResultsKey | '' = 'loading';

  const t = (key: ResultsKey, params?: Record<string, string | number>) => (params ? fill(strings[lang][key], params) : strings[lang][key]);
  const pct = (value: number | null, display: string) => (value == null ? '' : lang === 'vi' && display ? display : formatPercent(value, lang));
  const interval = (low: number | null, high: number | null) => (low == null || high == null ? '' : `${pct(low, '')} – ${pct(high, '')}`);

  async function load(): Promise<void> {
    const asked = /^\/ket-qua\/(\d+)\/?$/.exec(o.pathname)?.[1];
    const all = await publicResults.list();
    if (!all.ok) return show('failed');
    list = all.data;
    const one = asked ? await publicResults.snapshot(Number(asked)) : undefined;
    if (one && !one.ok) return show(one.status === 404 ? 'notFound' : 'failed');
    snapshot = one?.ok ? one.data : list[0];
    if (!snapshot) return show('none');
    await open(snapshot);
    void loadMap();
  }

  async function open(s: PublishedSnapshot): Promise<void> {
    snapshot = s;
    if (!s.families.includes(family)) family = s.families.includes('SIPAS') ? 'SIPAS' : s.families[0] ?? 'SIPAS';
    const [ti] = await Promise.all([publicResults.indicators(s.id), loadTables()]);
    tiles = ti.ok ? ti.data : [];
    show(ti.ok ? '' : 'failed');
  }

  /** The chosen league table, and the communes' table that shades the map. */
  async function loadTables(): Promise<void> {
    if (!snapshot) return;
    const id = snapshot.id;
    const [l, u] = await Promise.all([
      publicResults.rankings(id, family, group),
      group === 'unit' ? Promise.resolve(undefined) : publicResults.rankings(id, family, 'unit'),
    ]);
    league = l.ok ? l.data : undefined;
    units = group === 'unit' ? league : u?.ok ? u.data : undefined;
  }

  async function loadMap(): Promise<void> {
    const r = await publicResults.boundaries();
    if (r.ok) shapes = project(r.data);
    render();
  }

  function show(m: ResultsKey | ''): void {
    message = m;
    render();
  }

  function render(): void {
    applyLang(lang, doc);
    doc.title = t('docTitle');
    if (o.footer) o.footer.textContent = t('footer');
    const focused = (doc.activeElement as HTMLElement | null)?.id;
    replaceChildren(o.main, h('h1', null, t('title')), h('p', { class: 'lead' }, t('lead')), ...body());
    if (focused) (doc.getElementById(focused) as HTMLElement | null)?.focus();
  }

  function body(): Children[] {
    if (message === 'loading') return [h('p', { role: 'status' }, t('loading'))];
    if (message || !snapshot) return [h('p', { role: 'alert', class: 'err' }, t(message || 'none'))];
    const s = snapshot;
    return [
      waveChoice(s),
      h('p', { class: 'published' }, t('published', { time: s.publishedAtText, responses: formatNumber(s.responsesCounted ?? 0, lang), method: s.methodVersion })),
      indicatorsView(),
      leagueSection(),
      mapSection(),
      openDataView(s),
    ];
  }

  function choice(id: string, label: string, value: string, options: [string, string][], onchange: (v: string) => void) {
    return h('div', { class: 'field' }, h('label', { for: id }, label),
      h('select', { id, onchange: (e: Event) => onchange((e.target as HTMLSelectElement).value) },
        options.map(([v, text]) => h('option', { value: v, selected: v === value ? true : undefined }, text))));
  }

  function waveChoice(s: PublishedSnapshot): Children {
    const options = list.some((x) => x.id === s.id) ? list : [s, ...list];
    return choice('wave', t('wave'), String(s.id), options.map((x) => [String(x.id), `${x.wave} — ${lang === 'en' ? x.waveNameEn : x.waveNameVi}`]), (v) => {
      const next = options.find((x) => String(x.id) === v);
      if (next) void open(next);
    });
  }

  function indicatorsView(): HTMLElement {
    return h('section', { 'aria-labelledby': 'ind-title' }, h('h2', { id: 'ind-title' }, t('indicators')),
      h('ul', { class: 'tiles' }, tiles.map((x) => {
        const met = x.verdict == null ? null : x.verdict === 'met';
        return h('li', { class: `tile ${met === null ? '' : met ? 'met' : 'not-met'}`, 'data-indicator': x.indicator },
          h('h3', null, t(x.indicator as ResultsKey)),
          x.estimate == null
            ? h('p', { class: 'estimate none' }, t('noData'))
            : [h('p', { class: 'estimate' }, pct(x.estimate, x.display)),
               h('p', { class: 'ci' }, t('ci', { ci: interval(x.ciLow, x.ciHigh) })),
               h('p', { class: 'n' }, t('n', { n: formatNumber(x.nValid ?? 0, lang) }),
                 x.flags.length ? [' — ', h('strong', null, x.flags.map((f) => t(f as ResultsKey)).join(', '))] : null)],
          h('p', { class: 'target' }, x.target ? t('target', { year: x.target.year, target: `${x.target.comparator} ${pct(x.target.threshold, '')}` }) : t('noTarget')),
          met === null ? null : h('p', { class: 'verdict' }, h('span', { 'aria-hidden': 'true' }, met ? '✓ ' : '✗ '),
            h('strong', null, t(met ? 'met' : 'notMet')), ` — ${t(x.qualifier === 'certain' ? 'certain' : 'withinMargin')}`));
      })));
  }

  function leagueSection(): HTMLElement {
    const families = snapshot?.families ?? [];
    return h('section', { 'aria-labelledby': 'league-title' }, h('h2', { id: 'league-title' }, t('league')),
      h('div', { class: 'controls' },
        choice('family', t('family'), family, families.map((f) => [f, t(f as ResultsKey)]), (v) => {
          family = v;
          void loadTables().then(render);
        }),
        choice('ranked-group', t('rankedGroup'), group, [['agency', t('agency')], ['unit', t('unit')]], (v) => {
          group = v as RankedGroup;
          void loadTables().then(render);
        })),
      league
        ? leagueView(league, {
            caption: t('leagueCaption', { group: t(group), indicator: t(family as ResultsKey) }), rank: t('rank'), name: t('name'),
            rate: t('rate'), interval: t('interval'), n: t('nValid'), notes: t('notes'), apart: t('apart'),
            approximate: t('approximate'), rankHint: t('rankHint'), empty: t('empty'), flag: (f) => t(f as ResultsKey),
          }, { lang, pct, interval })
        : h('p', null, t('empty')));
  }

  function mapSection(): HTMLElement {
    const byUnit = new Map((units ? [...units.ranked, ...units.apart] : []).map((r) => [r.groupCode, r]));
    const value = (code: string) => {
      const r = byUnit.get(code);
      const text = r?.estimate == null ? t('noDataUnit') : `${pct(r.estimate, r.display)} (n = ${formatNumber(r.nValid, lang)})`;
      return { estimate: r?.estimate ?? null, title: `${r ? (lang === 'en' ? r.nameEn : r.nameVi) : code}: ${text}` };
    };
    return h('section', { 'aria-labelledby': 'map-title' }, h('h2', { id: 'map-title' }, t('map'), ` — ${t(family as ResultsKey)}`),
      h('p', { id: 'map-note', class: 'hint' }, t('mapNote')),
      shapes ? h('div', { class: 'map-box' }, choropleth(doc, shapes, value, 'map-title map-note')) : h('p', { role: 'status' }, t('mapLoading')),
      mapLegend((x) => pct(x, ''), t('noDataUnit')));
  }

  function openDataView(s: PublishedSnapshot): HTMLElement {
    const link = (href: string, text: string) => h('li', null, h('a', { href, download: '' }, text));
    return h('section', { 'aria-labelledby': 'open-title', class: 'open-data' }, h('h2', { id: 'open-title' }, t('openData')),
      h('p', null, t('openDataText')),
      h('ul', null, link(openData.results(s.id), t('resultsCsv')), link(openData.rankings(s.id), t('rankingsCsv')), link(openData.dictionary, t('dictionaryCsv'))),
      h('p', { class: 'licence' }, t('licence')));
  }

  o.langButton.hidden = false;
  bindLangSwitch(o.langButton, () => lang, (l) => {
    lang = l;
    saveLang(o.store, l);
    render();
  });
  render();
  const ready = load();
  return { ready, render };
}
