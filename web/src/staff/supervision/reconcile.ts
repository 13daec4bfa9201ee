import type { ApiFailure } from '../../shared/api';
import { h, say } from '../../shared/dom';
import { formatDateTime } from '../../shared/format';
import { fill, type Lang } from '../../shared/i18n';
import type { FormReconciliation, KeyedField, QueuedForm, SupervisionApi } from './api';
import { strings } from './strings';

type Choice = { pick: 'first' | 'second' | 'other'; other: string };

/** The value a decision posts for a field: place fields as text, answers as their JSON value (null = blank). */
export function decidedBody(form: FormReconciliation, choices: Record<string, Choice>): Record<string, unknown> {
  const value = (f: KeyedField): string | null => {
    const c = choices[f.field];
    if (!f.differs || !c) return f.first;
    return c.pick === 'first' ? f.first : c.pick === 'second' ? f.second : c.other.trim() === '' ? null : c.other.trim();
  };
  const body: Record<string, unknown> = {};
  const answers: Record<string, unknown> = {};
  for (const f of form.fields) {
    const v = value(f);
    if (['agency', 'area', 'unit', 'stratum'].includes(f.field)) body[f.field] = v;
    else if (v === null) answers[f.field] = null;
    else {
      try {
        answers[f.field] = JSON.parse(v);
      } catch {
        answers[f.field] = v;
      }
    }
  }
  body.answers = answers;
  return body;
}

/** The reconciliation queue, and one form's two keyings side by side where the supervisor picks or types each right value. */
export function reconcileView(api: SupervisionApi, redraw: (focus?: string) => void, problem: (r: ApiFailure) => string) {
  let queue: QueuedForm[] | undefined;
  let form: FormReconciliation | undefined;
  let choices: Record<string, Choice> = {};
  let status = '';
  let alert = '';
  let saving = false;

  async function load(): Promise<void> {
    const r = await api.queue();
    queue = r.ok ? r.data : [];
    alert = r.ok ? '' : problem(r);
    redraw();
  }

  async function open(q: QueuedForm): Promise<void> {
    const r = await api.form(q.wave, q.serial);
    if (!r.ok) {
      alert = problem(r);
      return redraw();
    }
    form = r.data;
    choices = Object.fromEntries(form.fields.filter((f) => f.differs).map((f) => [f.field, { pick: 'first' as const, other: '' }]));
    status = '';
    alert = '';
    redraw('sv-form-title');
  }

  async function save(): Promise<void> {
    if (!form) return;
    saving = true;
    redraw();
    const r = await api.decide(form.wave, form.serial, decidedBody(form, choices));
    saving = false;
    if (r.ok) {
      const serial = form.serial;
      form = undefined;
      await load();
      status = serial;
      redraw('sv-status');
    } else {
      alert = problem(r);
      redraw('sv-alert');
    }
  }

  function valueText(v: string | null, lang: Lang): string {
    return v === null ? strings[lang].blank : v;
  }

  function choiceCell(f: KeyedField, lang: Lang): Node {
    const t = strings[lang];
    if (!f.differs) return document.createTextNode(valueText(f.first, lang));
    const c = choices[f.field];
    const name = `sv-pick-${f.field}`;
    const radio = (pick: Choice['pick'], label: string) =>
      h('div', { class: 'check' },
        h('input', { type: 'radio', name, id: `${name}-${pick}`, value: pick, checked: c.pick === pick,
          onchange: () => ((c.pick = pick), redraw(`${name}-${pick}`)) }),
        h('label', { for: `${name}-${pick}` }, label));
    return h('fieldset', { class: 'pick' },
      h('legend', { class: 'visually-hidden' }, f.field),
      radio('first', fill(t.pickFirst, { value: valueText(f.first, lang) })),
      radio('second', fill(t.pickSecond, { value: valueText(f.second, lang) })),
      radio('other', t.typeOther),
      c.pick === 'other'
        ? h('input', { type: 'text', id: `sv-other-${f.field}`, 'aria-label': fill(t.otherFor, { field: f.field }), value: c.other,
            oninput: (e: Event) => (c.other = (e.target as HTMLInputElement).value) })
        : null);
  }

  return {
    load,
    view(lang: Lang): (Node | null)[] {
      const t = strings[lang];
      const head: (Node | null)[] = [
        h('p', { id: 'sv-status', role: 'status', tabindex: '-1' }, status ? fill(t.saved, { serial: status }) : ''),
        h('p', { id: 'sv-alert', class: 'err', role: 'alert', tabindex: '-1' }, alert),
      ];
      if (form) {
        const f = form;
        return [
          ...head,
          h('h2', { id: 'sv-form-title', tabindex: '-1' }, fill(t.formTitle, { serial: f.serial })),
          h('p', null, `${t.wave}: ${f.wave} · ${t.questionnaire}: ${f.questionnaire} · `,
            fill(t.differs, { n: f.fields.filter((x) => x.differs).length })),
          h('table', { class: 'grid' },
            h('caption', null, fill(t.formTitle, { serial: f.serial })),
            h('thead', null, h('tr', null,
              h('th', { scope: 'col' }, t.field),
              h('th', { scope: 'col' }, fill(t.first, { name: f.keyers[0]?.displayName ?? '' })),
              h('th', { scope: 'col' }, fill(t.second, { name: f.keyers[1]?.displayName ?? '' })),
              h('th', { scope: 'col' }, t.decided))),
            h('tbody', null, f.fields.map((x) => h('tr', { class: x.differs ? 'differs' : null },
              h('th', { scope: 'row' }, x.label ? [`${x.field}. `, say(x.label, lang)] : x.field),
              h('td', null, valueText(x.first, lang)),
              h('td', null, valueText(x.second, lang)),
              h('td', null, choiceCell(x, lang)))))),
          h('div', { class: 'nav' },
            h('button', { type: 'button', class: 'btn', onclick: () => ((form = undefined), redraw()) }, t.backToQueue),
            h('button', { type: 'button', class: 'btn primary', disabled: saving, onclick: () => void save() }, saving ? t.saving : t.save)),
        ];
      }
      if (!queue) return [...head, h('p', null, t.loading)];
      if (!queue.length) return [...head, h('p', null, t.queueEmpty)];
      return [
        ...head,
        h('table', { class: 'grid' },
          h('caption', null, t.queueCaption),
          h('thead', null, h('tr', null, [t.serial, t.wave, t.questionnaire, t.keyedAt].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', null, queue.map((q) => h('tr', null,
            h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', 'aria-label': fill(t.open, { serial: q.serial }),
              onclick: () => void open(q) }, q.serial)),
            h('td', null, q.wave), h('td', null, q.questionnaire), h('td', null, formatDateTime(q.keyedAt, lang)))))),
      ];
    },
  };
}
