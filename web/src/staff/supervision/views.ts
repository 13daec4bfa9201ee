import type { ApiFailure } from '../../shared/api';
import { h } from '../../shared/dom';
import { formatNumber, formatPercent } from '../../shared/format';
import { fill, pick, type Lang } from '../../shared/i18n';
import type { DispositionCounts, FieldworkProgress, FieldworkWave, ImportSummary, KeyerErrorRate, RejectedRow, SupervisionApi } from './api';
import { strings } from './strings';

type Redraw = (focus?: string) => void;
type Problem = (r: ApiFailure) => string;

const pct = (v: number | null, lang: Lang) => (v == null ? strings[lang].none : formatPercent(v, lang));
const num = (v: number | null, lang: Lang) => (v == null ? strings[lang].none : formatNumber(v, lang));
const rows = (r: ApiFailure): RejectedRow[] => (r.kind === 'http' ? ((r.problem as { rows?: RejectedRow[] }).rows ?? []) : []);

function table(caption: string, heads: string[], body: (string | Node)[][]): HTMLElement {
  return h('table', { class: 'grid' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, heads.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, body.map((cells) => h('tr', null, cells.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', null, c)))))));
}

function rejectedTable(list: RejectedRow[], lang: Lang): Node | null {
  const t = strings[lang];
  return list.length ? table(t.rejectedCaption, [t.line, t.reason], list.map((r) => [String(r.line), r.reason])) : null;
}

async function readFile(input: HTMLInputElement | null): Promise<string | undefined> {
  const file = input?.files?.[0];
  return file ? file.text() : undefined;
}

/** Each keyer's error rate against the decided values. */
export function keyersView(api: SupervisionApi, redraw: Redraw, problem: Problem) {
  let list: KeyerErrorRate[] | undefined;
  let alert = '';
  return {
    async load() {
      const r = await api.keyers();
      list = r.ok ? r.data : [];
      alert = r.ok ? '' : problem(r);
      redraw();
    },
    view(lang: Lang): (Node | null)[] {
      const t = strings[lang];
      if (!list) return [h('p', null, t.loading)];
      return [
        h('p', { class: 'err', role: 'alert' }, alert),
        list.length
          ? table(t.keyerCaption, [t.keyer, t.forms, t.fields, t.disagreements, t.errorRate], list.map((k) => [
              `${k.displayName} (${k.userName})`, num(k.forms, lang), num(k.fields, lang), num(k.disagreements, lang), pct(k.errorRate, lang)]))
          : h('p', null, t.noKeyers),
      ];
    },
  };
}

/** Upload of a responses CSV keyed elsewhere: every bad row with its line and reason; atomic mode stores nothing then. */
export function importView(api: SupervisionApi, redraw: Redraw, problem: Problem, doc: Document) {
  let summary: ImportSummary | undefined;
  let rejected: RejectedRow[] = [];
  let alert = '';
  let busy = false;
  let atomic = false;
  async function submit(e: Event) {
    e.preventDefault();
    const text = await readFile(doc.getElementById('sv-import-file') as HTMLInputElement | null);
    if (text === undefined) {
      alert = strings.vi.chooseFile;
      return redraw('sv-import-file');
    }
    busy = true;
    redraw();
    const r = await api.importResponses(text, atomic);
    busy = false;
    summary = r.ok ? r.data : r.kind === 'http' ? ((r.problem as { summary?: ImportSummary }).summary ?? undefined) : undefined;
    rejected = r.ok ? [] : rows(r);
    alert = r.ok ? '' : problem(r);
    redraw('sv-import-result');
  }
  return {
    async load() {},
    view(lang: Lang): (Node | null)[] {
      const t = strings[lang];
      return [
        h('form', { novalidate: true, onsubmit: submit },
          h('div', { class: 'field' }, h('label', { for: 'sv-import-file' }, t.file),
            h('input', { type: 'file', id: 'sv-import-file', accept: '.csv,text/csv' })),
          h('div', { class: 'check' }, h('input', { type: 'checkbox', id: 'sv-atomic', checked: atomic,
            onchange: (e: Event) => (atomic = (e.target as HTMLInputElement).checked) }), h('label', { for: 'sv-atomic' }, t.atomic)),
          h('div', { class: 'nav' }, h('button', { type: 'submit', class: 'btn primary', disabled: busy }, busy ? t.importing : t.importButton))),
        h('div', { id: 'sv-import-result', tabindex: '-1' },
          h('p', { class: 'err', role: 'alert' }, alert === strings.vi.chooseFile ? t.chooseFile : alert),
          summary ? h('p', { role: 'status' }, fill(t.summary, { rows: num(summary.rows, lang), stored: num(summary.stored, lang),
            already: num(summary.alreadyStored, lang), rejected: num(summary.rejected, lang) })) : null,
          rejectedTable(rejected, lang)),
      ];
    },
  };
}

function counts(d: DispositionCounts, lang: Lang): string[] {
  return [num(d.completed, lang), num(d.refused, lang), num(d.nonContact, lang), num(d.ineligible, lang), pct(d.responseRate, lang)];
}

/** A wave's plan: frame upload, sample sizes, assignments, and progress per stratum, commune and surveyor. */
export function planView(api: SupervisionApi, redraw: Redraw, problem: Problem, doc: Document) {
  let waves: FieldworkWave[] | undefined;
  let wave = '';
  let progress: FieldworkProgress | undefined;
  let status = '';
  let alert = '';
  let rejected: RejectedRow[] = [];
  const plan = { method: 'default', margin: '0,05', total: '', minimum: '' };
  const assignment = { userName: '', stratum: '', unit: '', quota: '' };
  const value = (id: string) => (doc.getElementById(id) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
  const decimal = (s: string) => (s.trim() === '' ? undefined : Number(s.replace(',', '.')));

  async function loadProgress() {
    if (!wave) return;
    const r = await api.progress(wave);
    progress = r.ok ? r.data : undefined;
    if (!r.ok) alert = problem(r);
  }
  async function act(run: () => Promise<{ ok: boolean; message?: string; failure?: ApiFailure }>) {
    status = '';
    alert = '';
    rejected = [];
    const r = await run();
    if (r.ok) status = r.message ?? '';
    else if (r.failure) {
      alert = problem(r.failure);
      rejected = rows(r.failure);
    }
    await loadProgress();
    redraw(r.ok ? 'sv-plan-status' : 'sv-plan-alert');
  }
  const t0 = () => strings[document.documentElement.lang === 'en' ? 'en' : 'vi'];

  return {
    async load() {
      const r = await api.waves();
      waves = r.ok ? r.data : [];
      wave = waves.find((w) => w.status === 'open')?.code ?? waves[0]?.code ?? '';
      await loadProgress();
      redraw();
    },
    view(lang: Lang): (Node | null)[] {
      const t = strings[lang];
      if (!waves) return [h('p', null, t.loading)];
      const p = progress;
      return [
        h('div', { class: 'field' }, h('label', { for: 'sv-wave' }, t.wave),
          h('select', { id: 'sv-wave', onchange: async (e: Event) => {
            wave = (e.target as HTMLSelectElement).value;
            await loadProgress();
            redraw('sv-wave');
          } }, waves.map((w) => h('option', { value: w.code, selected: w.code === wave }, `${pick(w.name, lang)} (${w.code})`)))),
        h('p', { id: 'sv-plan-status', role: 'status', tabindex: '-1' }, status),
        h('div', { id: 'sv-plan-alert', tabindex: '-1' }, h('p', { class: 'err', role: 'alert' }, alert), rejectedTable(rejected, lang)),
        h('form', { novalidate: true, onsubmit: (e: Event) => {
          e.preventDefault();
          void act(async () => {
            const text = await readFile(doc.getElementById('sv-frame-file') as HTMLInputElement | null);
            if (text === undefined) return { ok: false, failure: { ok: false, kind: 'http', status: 400, problem: { title: t0().chooseFile } } };
            const r = await api.frame(wave, text);
            return r.ok ? { ok: true, message: fill(t0().frameDone, { strata: r.data.strata, population: formatNumber(r.data.population, lang) }) } : { ok: false, failure: r };
          });
        } },
          h('div', { class: 'field' }, h('label', { for: 'sv-frame-file' }, t.frame), h('input', { type: 'file', id: 'sv-frame-file', accept: '.csv,text/csv' })),
          h('div', { class: 'nav' }, h('button', { type: 'submit', class: 'btn' }, t.frameButton))),
        h('form', { novalidate: true, onsubmit: (e: Event) => {
          e.preventDefault();
          Object.assign(plan, { method: value('sv-method'), margin: value('sv-margin'), total: value('sv-total'), minimum: value('sv-minimum') });
          void act(async () => {
            const r = await api.plan(wave, { method: plan.method, margin: decimal(plan.margin), total: decimal(plan.total), minimum: decimal(plan.minimum) });
            return r.ok ? { ok: true, message: fill(t0().planDone, { total: formatNumber(r.data.total, lang) }) } : { ok: false, failure: r };
          });
        } },
          h('div', { class: 'field' }, h('label', { for: 'sv-method' }, t.method),
            h('select', { id: 'sv-method' }, [['default', t.methodDefault], ['slovin', t.methodSlovin], ['allocate', t.methodAllocate]]
              .map(([v, text]) => h('option', { value: v, selected: plan.method === v }, text)))),
          h('div', { class: 'field' }, h('label', { for: 'sv-margin' }, t.margin), h('input', { id: 'sv-margin', inputmode: 'decimal', value: plan.margin })),
          h('div', { class: 'field' }, h('label', { for: 'sv-total' }, t.total), h('input', { id: 'sv-total', inputmode: 'numeric', value: plan.total })),
          h('div', { class: 'field' }, h('label', { for: 'sv-minimum' }, t.minimum), h('input', { id: 'sv-minimum', inputmode: 'numeric', value: plan.minimum })),
          h('div', { class: 'nav' }, h('button', { type: 'submit', class: 'btn' }, t.planButton))),
        h('h3', null, t.assignTitle),
        h('form', { novalidate: true, onsubmit: (e: Event) => {
          e.preventDefault();
          Object.assign(assignment, { userName: value('sv-user'), stratum: value('sv-stratum'), unit: value('sv-unit'), quota: value('sv-quota') });
          void act(async () => {
            const r = await api.assign(wave, { userName: assignment.userName, stratum: assignment.stratum, unit: assignment.unit.trim() || null, quota: assignment.quota.trim() ? Number(assignment.quota) : null });
            return r.ok ? { ok: true, message: fill(t0().assigned, assignment) } : { ok: false, failure: r };
          });
        } },
          h('div', { class: 'field' }, h('label', { for: 'sv-user' }, t.userName), h('input', { id: 'sv-user', autocomplete: 'off', value: assignment.userName })),
          h('div', { class: 'field' }, h('label', { for: 'sv-stratum' }, t.stratum),
            h('input', { id: 'sv-stratum', list: 'sv-strata', autocomplete: 'off', value: assignment.stratum }),
            h('datalist', { id: 'sv-strata' }, (p?.strata ?? []).map((s) => h('option', { value: s.stratum })))),
          h('div', { class: 'field' }, h('label', { for: 'sv-unit' }, t.unit), h('input', { id: 'sv-unit', inputmode: 'numeric', value: assignment.unit })),
          h('div', { class: 'field' }, h('label', { for: 'sv-quota' }, t.assignmentQuota), h('input', { id: 'sv-quota', inputmode: 'numeric', value: assignment.quota })),
          h('div', { class: 'nav' }, h('button', { type: 'submit', class: 'btn' }, t.assignButton))),
        h('h3', null, t.progressTitle),
        p ? h('p', null, fill(t.total_, { responses: num(p.responses, lang), quota: num(p.quota, lang), rate: pct(p.interviews.responseRate, lang) })) : null,
        h('p', { class: 'note' }, t.rateNote),
        p ? table(t.strataCaption, [t.stratum, t.population, t.quota, t.responses, t.share, t.completed, t.refused, t.nonContact, t.ineligible, t.rate],
          p.strata.map((s) => [s.stratum, num(s.population, lang), num(s.quota, lang), num(s.responses, lang), pct(s.share, lang), ...counts(s.interviews, lang)])) : null,
        p ? table(t.communesCaption, [t.commune, t.quota, t.responses, t.completed, t.refused, t.nonContact, t.ineligible, t.rate],
          p.communes.map((c) => [c.unit ? `${c.name ?? c.unit} (${c.unit})` : t.noCommune, num(c.quota, lang), num(c.responses, lang), ...counts(c.interviews, lang)])) : null,
        p ? table(t.surveyorsCaption, [t.surveyor, t.assignments, t.keyings, t.completed, t.refused, t.nonContact, t.ineligible, t.rate],
          p.surveyors.map((s) => [`${s.displayName} (${s.userName})`, s.assignments.join('; ') || t.none, num(s.keyings, lang), ...counts(s.interviews, lang)])) : null,
      ];
    },
  };
}
