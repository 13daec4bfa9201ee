import type { ApiResult } from '../../shared/api';
import { focusHeading, h, replaceChildren, say } from '../../shared/dom';
import { fill, pick, type Lang } from '../../shared/i18n';
import type { EntryApi, EntryWave, Named } from './api';
import { strings } from './strings';

type Step = 'setup' | 'serial' | 'items' | 'summary';
const SERIAL = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;

/**
 * Keyboard-first entry of paper forms: choose wave, questionnaire, area and agency once, then for each form type
 * the serial and one keystroke per criterion (1–5, 0 no opinion, Enter blank), check the summary, Enter saves
 * and the next form starts at once.
 */
export function entryScreen(doc: Document, api: EntryApi) {
  let waves: EntryWave[] = [];
  let areas: Named[] = [];
  let agencies: Named[] = [];
  let loaded = false;
  let failed = false;
  let step: Step = 'setup';
  let pick_ = { wave: '', questionnaire: '', area: '', agency: '' };
  let serial = '';
  let answers: (number | null)[] = [];
  let index = 0;
  let status = '';
  let alert = '';
  let saving = false;
  let main: HTMLElement | undefined;
  let lang: Lang = 'vi';

  const t = () => strings[lang];
  const wave = () => waves.find((w) => w.code === pick_.wave);
  const questionnaire = () => wave()?.questionnaires.find((q) => q.key === pick_.questionnaire);
  const items = () => questionnaire()?.items ?? [];
  const named = (n: Named) => (lang === 'en' && n.nameEn ? n.nameEn : n.nameVi);

  async function load(): Promise<void> {
    const [w, a] = await Promise.all([api.forms(), api.areas()]);
    failed = !w.ok || !a.ok;
    if (w.ok && a.ok) {
      waves = w.data.filter((x) => x.questionnaires.length > 0);
      areas = a.data;
      pick_.wave = waves[0]?.code ?? '';
      pick_.questionnaire = waves[0]?.questionnaires[0]?.key ?? '';
      pick_.area = areas[0]?.code ?? '';
      await loadAgencies();
    }
    loaded = true;
    draw();
  }

  async function loadAgencies(): Promise<void> {
    const r: ApiResult<Named[]> = await api.agencies(pick_.area);
    agencies = r.ok ? r.data : [];
    pick_.agency = agencies.some((x) => x.code === pick_.agency) ? pick_.agency : (agencies[0]?.code ?? '');
  }

  function select(id: keyof typeof pick_, label: string, options: { value: string; text: string }[]): HTMLElement {
    return h(
      'div',
      { class: 'field' },
      h('label', { for: `entry-${id}` }, label),
      h(
        'select',
        {
          id: `entry-${id}`,
          onchange: async (e: Event) => {
            pick_[id] = (e.target as HTMLSelectElement).value;
            if (id === 'wave') pick_.questionnaire = wave()?.questionnaires[0]?.key ?? '';
            if (id === 'area') await loadAgencies();
            draw();
            doc.getElementById(`entry-${id}`)?.focus();
          },
        },
        options.map((o) => h('option', { value: o.value, selected: o.value === pick_[id] }, o.text)),
      ),
    );
  }

  function setup(): Node[] {
    return [
      select('wave', t().wave, waves.map((w) => ({ value: w.code, text: `${w.code} — ${pick(w.name, lang)}` }))),
      select('questionnaire', t().questionnaire, (wave()?.questionnaires ?? []).map((q) => ({ value: q.key, text: `${pick(q.title, lang)} (${q.key})` }))),
      select('area', t().area, areas.map((a) => ({ value: a.code, text: named(a) }))),
      select('agency', t().agency, agencies.map((a) => ({ value: a.code, text: named(a) }))),
      h('div', { class: 'nav' }, h('button', { type: 'button', class: 'btn primary', id: 'entry-start', onclick: () => go('serial'),
        disabled: !pick_.questionnaire || !pick_.agency }, t().start)),
    ];
  }

  function serialStep(): Node[] {
    return [
      h(
        'form',
        { novalidate: true, onsubmit: submitSerial },
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'entry-serial' }, t().serial),
          h('p', { id: 'entry-serial-hint', class: 'hint' }, t().serialHint),
          h('input', { id: 'entry-serial', type: 'text', autocomplete: 'off', spellcheck: 'false', value: serial,
            'aria-describedby': 'entry-serial-hint entry-alert', 'aria-invalid': alert ? 'true' : undefined }),
        ),
      ),
    ];
  }

  function itemStep(): Node[] {
    const item = items()[index];
    const value = answers[index];
    return [
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'entry-answer' }, fill(t().item, { n: index + 1, total: items().length, code: item.code }), ' — ', say(item.text, lang)),
        h('p', { id: 'entry-keys', class: 'hint' }, t().keys),
        h('input', { id: 'entry-answer', type: 'text', inputmode: 'numeric', autocomplete: 'off', value: value == null ? '' : String(value),
          'aria-describedby': 'entry-keys entry-alert', onkeydown: answerKey }),
      ),
    ];
  }

  function summaryStep(): Node[] {
    const shown = (v: number | null) => (v == null ? t().blank : v === 0 ? t().noOpinion : String(v));
    return [
      h('p', { id: 'entry-summary-hint', class: 'hint' }, t().summaryHint),
      h(
        'table',
        null,
        h('caption', null, fill(t().summary, { serial })),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t().questionnaire), h('th', { scope: 'col' }, t().answer))),
        h('tbody', null, items().map((item, i) => h('tr', null, h('th', { scope: 'row' }, `${item.code} `, say(item.text, lang)), h('td', null, shown(answers[i]))))),
      ),
      h(
        'div',
        { class: 'nav' },
        h('button', { type: 'button', class: 'btn', onclick: () => back() }, t().back),
        h('button', { type: 'button', class: 'btn primary', id: 'entry-save', disabled: saving, 'aria-describedby': 'entry-summary-hint',
          onclick: save, onkeydown: summaryKey }, saving ? t().saving : t().save),
      ),
    ];
  }

  function draw(focusTitle = false): void {
    if (!main) return;
    const body = !loaded ? [h('p', { role: 'status' }, t().loading)]
      : failed ? [h('p', { class: 'err', role: 'alert' }, t().failed)]
        : step === 'setup' ? setup() : step === 'serial' ? serialStep() : step === 'items' ? itemStep() : summaryStep();
    replaceChildren(
      main,
      h('h1', null, t().title),
      h('p', { id: 'entry-status', role: 'status' }, status),
      h('p', { id: 'entry-alert', class: 'err', role: 'alert' }, alert),
      ...body,
      h('p', null, h('a', { href: '/staff' }, t().home)),
    );
    if (focusTitle) focusHeading(main.querySelector('h1'));
    else (doc.getElementById(step === 'serial' ? 'entry-serial' : step === 'items' ? 'entry-answer' : step === 'summary' ? 'entry-save' : 'entry-start') as HTMLElement | null)?.focus();
  }

  function go(next: Step): void {
    step = next;
    alert = '';
    if (next === 'serial') {
      serial = '';
      answers = items().map(() => null);
      index = 0;
    }
    draw();
  }

  function submitSerial(e: Event): void {
    e.preventDefault();
    const typed = (doc.getElementById('entry-serial') as HTMLInputElement).value.trim();
    if (!SERIAL.test(typed)) {
      alert = t().serialMissing;
      serial = typed;
      return draw();
    }
    serial = typed;
    status = '';
    step = 'items';
    alert = '';
    draw();
  }

  function answerKey(e: KeyboardEvent): void {
    if (e.key === 'Tab' || e.ctrlKey || e.altKey || e.metaKey) return;
    if (e.key === 'Backspace') {
      e.preventDefault();
      return back();
    }
    if (e.key === 'Enter' || /^[0-5]$/.test(e.key)) {
      e.preventDefault();
      answers[index] = e.key === 'Enter' ? null : Number(e.key);
      alert = '';
      if (index + 1 < items().length) index++;
      else step = 'summary';
      return draw();
    }
    if (e.key.length === 1) {
      e.preventDefault();
      alert = fill(t().refused, { key: e.key });
      draw();
    }
  }

  function summaryKey(e: KeyboardEvent): void {
    if (e.key === 'Backspace') {
      e.preventDefault();
      back();
    }
  }

  function back(): void {
    alert = '';
    if (step === 'summary') step = 'items';
    else if (index > 0) index--;
    else step = 'serial';
    draw();
  }

  async function save(): Promise<void> {
    if (saving) return;
    saving = true;
    draw();
    const r = await api.key({
      wave: pick_.wave, questionnaire: pick_.questionnaire, serial, agency: pick_.agency, area: pick_.area,
      answers: Object.fromEntries(items().map((item, i) => [item.code, answers[i]])),
    });
    saving = false;
    if (r.ok) {
      status = fill(t()[r.data.state], { serial: r.data.serial });
      return go('serial');
    }
    alert = r.kind === 'http' ? (r.problem.title ?? t().failed) : t().failed;
    draw();
  }

  let started: Promise<void> | undefined;
  return {
    render(target: HTMLElement, l: Lang, focus = false): void {
      main = target;
      lang = l;
      started ??= load();
      draw(focus);
    },
    ready: () => started ?? Promise.resolve(),
  };
}
