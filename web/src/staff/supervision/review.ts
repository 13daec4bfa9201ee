import type { ApiFailure } from '../../shared/api';
import { h } from '../../shared/dom';
import { formatNumber } from '../../shared/format';
import { fill, type Lang } from '../../shared/i18n';
import type { FieldworkWave, FlaggedPage, FlagGroup, ReviewGroup, ReviewHistory, ReviewOverview, SupervisionApi } from './api';
import { strings } from './strings';

type Redraw = (focus?: string) => void;
type Problem = (r: ApiFailure) => string;
type Decision = 'keep' | 'exclude';
type Key = keyof (typeof strings)['vi'];

/** The body of a decision: the listed responses, or the whole group (cause and place, and its day when one is chosen). */
export function reviewBody(decision: Decision, reason: string, target: { ids: string[] } | { group: ReviewGroup }) {
  const base = { decision, reason: reason.trim() };
  return 'ids' in target ? { ...base, responses: target.ids } : { ...base, group: target.group };
}

const kindLabel = (kind: string, lang: Lang) => strings[lang][`reviewKind_${kind.replace('-', '_')}` as Key] ?? kind;

/**
 * Review of flagged responses: a wave's groups by cause and by service point or surveyor with their counts, the
 * responses of one group, keep or exclude with a reason for one response or the whole group, and a response's history.
 */
export function reviewView(api: SupervisionApi, redraw: Redraw, problem: Problem) {
  let waves: FieldworkWave[] | undefined;
  let wave = '';
  let overview: ReviewOverview | undefined;
  let group: (ReviewGroup & { title: string; size: number }) | undefined;
  let page: FlaggedPage | undefined;
  let history: ReviewHistory | undefined;
  let decision: Decision = 'exclude';
  let reason = '';
  let status = '';
  let alert = '';
  let saving = false;
  const n = (x: number, lang: Lang) => formatNumber(x, lang);

  async function load(): Promise<void> {
    const r = await api.waves();
    waves = r.ok ? r.data : [];
    wave ||= waves.find((w) => w.status === 'open')?.code ?? waves[0]?.code ?? '';
    await loadOverview();
    redraw();
  }
  async function loadOverview(): Promise<void> {
    if (!wave) return;
    const r = await api.reviewOverview(wave);
    overview = r.ok ? r.data : undefined;
    if (!r.ok) alert = problem(r);
  }
  async function openGroup(cause: string, g: FlagGroup, lang: Lang, day?: string): Promise<void> {
    const c = overview?.causes.find((x) => x.cause === cause);
    const size = day ? (g.days.find((d) => d.day === day)?.counts.responses ?? 0) : g.counts.responses;
    const place = `${kindLabel(g.kind, lang)} ${g.name}${day ? ` · ${g.days.find((d) => d.day === day)?.dayText}` : ''}`;
    group = { cause, kind: g.kind, key: g.key, ...(day ? { day } : {}), size, title: fill(strings[lang].reviewGroupTitle, { cause: c ? (lang === 'en' ? c.en : c.vi) : cause, place }) };
    history = undefined;
    status = alert = '';
    await loadPage(1);
    redraw('sv-review-group');
  }
  async function loadPage(p: number): Promise<void> {
    if (!group) return;
    const { cause, kind, key, day } = group;
    const r = await api.reviewResponses(wave, { cause, kind, key, ...(day ? { day } : {}) }, p);
    page = r.ok ? r.data : undefined;
    if (!r.ok) alert = problem(r);
  }
  async function decide(target: { ids: string[] } | { group: ReviewGroup }, lang: Lang): Promise<void> {
    saving = true;
    status = alert = '';
    redraw();
    const r = await api.reviewDecide(wave, reviewBody(decision, reason, target));
    saving = false;
    if (r.ok) {
      const t = strings[lang];
      status = fill(t.reviewDone, { decided: n(r.data.decided, lang), unchanged: n(r.data.unchanged, lang) })
        + (r.data.unflagged ? fill(t.reviewUnflagged, { n: n(r.data.unflagged, lang) }) : '');
      reason = '';
      await Promise.all([loadOverview(), loadPage(page?.page ?? 1)]);
      if (history) await showHistory(history.response, false);
    } else {
      const errors = r.kind === 'http' ? Object.values(r.problem.errors ?? {}).flat() : [];
      alert = [problem(r), ...errors].join(' ');
    }
    redraw(r.ok ? 'sv-review-status' : 'sv-review-alert');
  }
  async function showHistory(id: string, draw = true): Promise<void> {
    const r = await api.reviewHistory(id);
    history = r.ok ? r.data : undefined;
    if (!r.ok) alert = problem(r);
    if (draw) redraw('sv-review-history');
  }

  function decisionForm(lang: Lang): Node {
    const t = strings[lang];
    const radio = (value: Decision, label: string) =>
      h('div', { class: 'check' },
        h('input', { type: 'radio', name: 'sv-review-decision', id: `sv-review-${value}`, value, checked: decision === value,
          onchange: () => (decision = value) }),
        h('label', { for: `sv-review-${value}` }, label));
    return h('fieldset', { class: 'review-decision' },
      h('legend', null, t.reviewDecision),
      radio('exclude', t.reviewExclude),
      radio('keep', t.reviewKeep),
      h('label', { for: 'sv-review-reason' }, t.reviewReason),
      h('textarea', { id: 'sv-review-reason', maxlength: '500', rows: '2', oninput: (e: Event) => (reason = (e.target as HTMLTextAreaElement).value) }, reason),
      group
        ? h('button', { type: 'button', class: 'btn primary', id: 'sv-review-apply-group', disabled: saving,
            onclick: () => void decide({ group: { cause: group!.cause, kind: group!.kind, key: group!.key, ...(group!.day ? { day: group!.day } : {}) } }, lang) },
            fill(t.reviewApplyGroup, { n: n(group.size, lang) }))
        : null);
  }

  function groupView(lang: Lang): Node[] {
    const t = strings[lang];
    const g = group!;
    const pages = page ? Math.max(1, Math.ceil(page.total / page.pageSize)) : 1;
    return [
      h('h2', { id: 'sv-review-group', tabindex: '-1' }, g.title),
      decisionForm(lang),
      page
        ? h('table', { class: 'grid review-responses' },
            h('caption', null, g.title),
            h('thead', null, h('tr', null, [t.reviewReceived, t.reviewChannel, t.reviewAgency, t.reviewPlace, t.reviewFlags, t.reviewInForce, t.reviewActions]
              .map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', null, page.items.map((x) => h('tr', { 'data-id': x.id },
              h('th', { scope: 'row' }, x.receivedAtText),
              h('td', null, x.channel),
              h('td', null, x.agencyName),
              h('td', null, x.placeName),
              h('td', null, x.flags.map((f) => (lang === 'en' ? f.en : f.vi)).join('; ')),
              h('td', { class: 'decision' }, x.decision ? `${x.decision.decision === 'keep' ? t.reviewKept : t.reviewExcluded}: ${x.decision.reason}` : t.reviewNoDecision),
              h('td', null,
                h('button', { type: 'button', class: 'btn apply-one', disabled: saving, onclick: () => void decide({ ids: [x.id] }, lang) }, t.reviewApplyOne),
                ' ',
                h('button', { type: 'button', class: 'link history', onclick: () => void showHistory(x.id) }, t.reviewHistory))))))
        : h('p', null, t.loading),
      page && pages > 1
        ? h('div', { class: 'nav' },
            h('button', { type: 'button', class: 'btn', disabled: page.page <= 1, onclick: async () => (await loadPage(page!.page - 1), redraw()) }, t.reviewPrev),
            h('span', null, fill(t.reviewPage, { page: page.page, pages })),
            h('button', { type: 'button', class: 'btn', disabled: page.page >= pages, onclick: async () => (await loadPage(page!.page + 1), redraw()) }, t.reviewNext))
        : null,
      history ? historyView(lang) : null,
      h('p', null, h('button', { type: 'button', class: 'btn', onclick: () => ((group = undefined), (history = undefined), redraw()) }, t.reviewBack)),
    ].filter((x): x is HTMLElement => x !== null);
  }

  function historyView(lang: Lang): Node {
    const t = strings[lang];
    const x = history!;
    return h('section', { class: 'review-history', 'aria-labelledby': 'sv-review-history' },
      h('h3', { id: 'sv-review-history', tabindex: '-1' }, fill(t.reviewHistoryTitle, { id: x.response })),
      x.decisions.length === 0
        ? h('p', null, t.reviewNoHistory)
        : h('table', { class: 'grid' },
            h('thead', null, h('tr', null, [t.reviewDecision, t.reviewWhy, t.reviewBy, t.reviewAt, t.reviewState].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', null, x.decisions.map((d) => h('tr', null,
              h('th', { scope: 'row' }, d.decision === 'keep' ? t.reviewKept : t.reviewExcluded),
              h('td', null, d.reason), h('td', null, d.decidedBy), h('td', null, d.decidedAtText),
              h('td', null, d.inForce ? t.reviewCurrent : t.reviewSuperseded))))));
  }

  function overviewView(lang: Lang): Node[] {
    const t = strings[lang];
    const o = overview!;
    if (o.causes.length === 0) return [h('p', { class: 'review-totals' }, t.reviewNone)];
    return [
      h('p', { class: 'review-totals' }, fill(t.reviewTotals, { responses: n(o.totals.responses, lang), undecided: n(o.totals.undecided, lang),
        kept: n(o.totals.kept, lang), excluded: n(o.totals.excluded, lang) })),
      ...o.causes.map((c) => h('table', { class: 'grid review-cause', 'data-cause': c.cause },
        h('caption', null, fill(t.reviewCause, { text: lang === 'en' ? c.en : c.vi, code: c.cause })),
        h('thead', null, h('tr', null, [t.reviewPlace, t.reviewResponses, t.reviewUndecided, t.reviewKept, t.reviewExcluded, t.reviewDays]
          .map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, c.groups.map((g) => h('tr', { 'data-key': g.key },
          h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link open-group', 'aria-label': `${kindLabel(g.kind, lang)}: ${g.name} — ${fill(t.reviewOpen, { n: n(g.counts.responses, lang) })}`,
            onclick: () => void openGroup(c.cause, g, lang) }, `${kindLabel(g.kind, lang)}: ${g.name}`)),
          h('td', { class: 'num' }, n(g.counts.responses, lang)), h('td', { class: 'num' }, n(g.counts.undecided, lang)),
          h('td', { class: 'num' }, n(g.counts.kept, lang)), h('td', { class: 'num' }, n(g.counts.excluded, lang)),
          h('td', null, g.days.slice(0, 5).map((d) => h('button', { type: 'button', class: 'link open-day', onclick: () => void openGroup(c.cause, g, lang, d.day) },
            `${d.dayText} (${n(d.counts.responses, lang)}) `)))))))),
    ];
  }

  return {
    load,
    view(lang: Lang): (Node | null)[] {
      const t = strings[lang];
      const head: (Node | null)[] = [
        h('p', null, t.reviewIntro),
        h('p', { id: 'sv-review-status', role: 'status', tabindex: '-1' }, status),
        h('p', { id: 'sv-review-alert', class: 'err', role: 'alert', tabindex: '-1' }, alert),
      ];
      if (!waves) return [...head, h('p', null, t.loading)];
      const select = h('div', { class: 'field' },
        h('label', { for: 'sv-review-wave' }, t.wave),
        h('select', { id: 'sv-review-wave', onchange: async (e: Event) => {
          wave = (e.target as HTMLSelectElement).value;
          group = undefined;
          history = undefined;
          await loadOverview();
          redraw('sv-review-wave');
        } }, waves.map((w) => h('option', { value: w.code, selected: w.code === wave ? true : undefined }, `${w.code} — ${lang === 'en' ? w.name.en : w.name.vi}`))));
      if (group) return [...head, ...groupView(lang)];
      return [...head, select, ...(overview ? overviewView(lang) : [h('p', null, t.loading)])];
    },
  };
}
