import type { AnswerValue, QuestionnaireItem } from '../shared/api';
import { h, say } from '../shared/dom';
import { formatNumber } from '../shared/format';
import { fill, pick, type Lang } from '../shared/i18n';
import type { SurveyText } from './strings';

export const TEXT_MAX = 2000;
export const LIKERT: readonly number[] = [1, 2, 3, 4, 5, 0];

export type OnAnswer = (code: string, value: AnswerValue | undefined, input: HTMLElement) => void;

export const fieldId = (code: string) => `q-${code}`;
export const errorId = (code: string) => `q-${code}-err`;

export function likertLabel(value: number, t: SurveyText): string {
  return t[`l${value}` as 'l0'];
}

function choice(
  type: 'radio' | 'checkbox',
  item: QuestionnaireItem,
  value: string,
  checked: boolean,
  label: (string | Node)[],
  describedBy: string | undefined,
  onAnswer: OnAnswer,
  cls = 'opt',
) {
  const id = `${fieldId(item.code)}-${value}`;
  const input = h('input', {
    type,
    id,
    name: fieldId(item.code),
    value,
    checked,
    'aria-describedby': describedBy,
    onchange: (e: Event) => {
      const el = e.currentTarget as HTMLInputElement;
      if (type === 'radio') onAnswer(item.code, item.scale === 'likert5' ? Number(value) : value, el);
      else {
        const group = el.form ?? el.closest('fieldset');
        const all = group ? group.querySelectorAll<HTMLInputElement>(`input[name="${fieldId(item.code)}"]`) : [];
        const values = Array.from(all, (c) => (c.checked ? c.value : '')).filter(Boolean);
        onAnswer(item.code, values.length ? values : undefined, el);
      }
    },
  });
  return h('label', { class: cls, for: id }, input, h('span', null, ...label));
}

/**
 * One question as a fieldset whose legend is the question; every input inside has its own label.
 * `error` (a message) is shown under the legend and linked to the inputs with aria-describedby.
 */
export function renderItem(
  item: QuestionnaireItem,
  value: AnswerValue | undefined,
  error: string | undefined,
  lang: Lang,
  t: SurveyText,
  onAnswer: OnAnswer,
): HTMLFieldSetElement {
  const id = fieldId(item.code);
  const legendId = `${id}-q`;
  const hintId = `${id}-hint`;
  const errId = errorId(item.code);
  const describedBy = [item.scale === 'text' ? hintId : '', error ? errId : ''].filter(Boolean).join(' ') || undefined;
  const legend = h(
    'legend',
    { id: legendId },
    say(item.text, lang),
    item.required ? h('span', { class: 'req' }, ' ', t.required) : null,
  );
  const err = error ? h('p', { class: 'err', id: errId }, error) : null;
  let body: HTMLElement | HTMLElement[];

  switch (item.scale) {
    case 'likert5':
      body = h(
        'div',
        { class: 'likert' },
        LIKERT.map((v) =>
          choice(
            'radio',
            item,
            String(v),
            value === v,
            v ? [h('b', null, String(v)), ' ', likertLabel(v, t)] : [likertLabel(0, t)],
            describedBy,
            onAnswer,
            v ? 'opt' : 'opt none',
          ),
        ),
      );
      break;
    case 'single':
    case 'multi': {
      const chosen = Array.isArray(value) ? value : [value];
      body = h(
        'div',
        { class: 'choices' },
        (item.options ?? []).map((o) =>
          choice(
            item.scale === 'single' ? 'radio' : 'checkbox',
            item,
            o.value,
            chosen.includes(o.value),
            [say(o.label, lang)],
            describedBy,
            onAnswer,
          ),
        ),
      );
      break;
    }
    case 'text':
      body = [
        h('textarea', {
          id,
          name: id,
          rows: 4,
          maxlength: TEXT_MAX,
          'aria-labelledby': legendId,
          'aria-describedby': describedBy,
          'aria-invalid': error ? 'true' : undefined,
          value: typeof value === 'string' ? value : '',
          oninput: (e: Event) => {
            const el = e.currentTarget as HTMLTextAreaElement;
            onAnswer(item.code, el.value.trim() ? el.value : undefined, el);
          },
        }),
        h('p', { class: 'hint', id: hintId }, fill(t.textHint, { max: formatNumber(TEXT_MAX, lang) })),
      ];
      break;
    default:
      body = h('input', {
        id,
        name: id,
        type: 'number',
        inputmode: 'decimal',
        'aria-labelledby': legendId,
        'aria-describedby': describedBy,
        'aria-invalid': error ? 'true' : undefined,
        value: typeof value === 'number' ? String(value) : '',
        oninput: (e: Event) => {
          const el = e.currentTarget as HTMLInputElement;
          const n = el.value.trim() === '' ? undefined : Number(el.value);
          onAnswer(item.code, n !== undefined && Number.isFinite(n) ? n : undefined, el);
        },
      });
  }

  return h(
    'fieldset',
    { class: error ? 'q invalid' : 'q', id: `${id}-set`, 'aria-describedby': error ? errId : undefined },
    legend,
    err,
    body,
  );
}

/** How an answer reads on the review step. */
export function answerText(item: QuestionnaireItem, value: AnswerValue | undefined, lang: Lang, t: SurveyText): string {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return t.unanswered;
  const label = (v: string) => pick(item.options?.find((o) => o.value === v)?.label, lang) || v;
  switch (item.scale) {
    case 'likert5':
      return value === 0 ? likertLabel(0, t) : `${value} · ${likertLabel(Number(value), t)}`;
    case 'single':
      return label(String(value));
    case 'multi':
      return (Array.isArray(value) ? value : [String(value)]).map(label).join(', ');
    case 'number':
      return typeof value === 'number' ? formatNumber(value, lang) : String(value);
    default:
      return String(value);
  }
}
