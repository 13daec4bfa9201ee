import type { ApiFailure } from '../../shared/api';
import { h, type Children } from '../../shared/dom';
import type { Lang } from '../../shared/i18n';
import { cs, type ConsoleText } from './console-strings';

/** The admin sections, in the order of the navigation. */
export const SECTIONS = [
  ['service-points', 'navServicePoints'],
  ['questionnaires', 'navQuestionnaires'],
  ['waves', 'navWaves'],
  ['targets', 'navTargets'],
  ['par-rules', 'navParRules'],
  ['agencies', 'navAgencies'],
  ['communes', 'navCommunes'],
  ['users', 'navUsers'],
  ['audit', 'navAudit'],
  ['clients', 'navClients'],
] as const;

export type Section = (typeof SECTIONS)[number][0];

export const sectionPath = (s: Section) => `/staff/admin/${s}`;

/** The crumb back home and the admin navigation, the current section marked for screen readers. */
export function adminNav(lang: Lang, current: Section): Children[] {
  const t = cs[lang];
  return [
    h('p', { class: 'crumb' }, h('a', { href: '/staff' }, t.back)),
    h(
      'nav',
      { 'aria-label': t.navLabel, class: 'admin-nav' },
      h(
        'ul',
        null,
        SECTIONS.map(([s, key]) =>
          h('li', null, h('a', { href: sectionPath(s), 'aria-current': s === current ? 'page' : undefined }, t[key])),
        ),
      ),
    ),
  ];
}

/** Every message of a refusal: the title, the detail, and each field's errors as "field: message". */
export function problemLines(r: ApiFailure, t: ConsoleText): string[] {
  if (r.kind !== 'http') return [t.failed];
  if (r.status === 401 || r.status === 403) return [r.problem.title ?? t.denied];
  const lines: string[] = [];
  const errors = r.problem.errors ?? {};
  const reasons = (r.problem as { reasons?: string[] }).reasons;
  if (!Object.keys(errors).length) lines.push([r.problem.title, r.problem.detail].filter(Boolean).join(' — ') || t.failed);
  else if (r.problem.title) lines.push(r.problem.title);
  for (const [field, messages] of Object.entries(errors)) for (const m of messages) lines.push(`${field}: ${m}`);
  if (reasons?.length && !Object.keys(errors).length) lines.splice(0, lines.length, r.problem.title ?? '', ...reasons);
  return lines.filter(Boolean);
}

/** The outcome of the last action: a status line (polite) or an alert with every fault in a list. */
export function outcome(id: string, notice: string, faults: string[]): Children[] {
  return [
    h('p', { id: `${id}-notice`, role: 'status', tabindex: '-1', class: notice ? 'ok' : null }, notice),
    faults.length
      ? h('div', { id: `${id}-faults`, class: 'err', role: 'alert', tabindex: '-1' }, h('p', null, faults[0]),
          faults.length > 1 ? h('ul', null, faults.slice(1).map((f) => h('li', null, f))) : null)
      : null,
  ];
}

export function field(id: string, label: string, input: HTMLElement, hint?: string): HTMLElement {
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, input);
}

export function text(id: string, value = '', type = 'text'): HTMLInputElement {
  return h('input', { id, name: id, type, value, autocomplete: 'off', spellcheck: 'false' });
}

export function checks(name: string, legend: string, options: [string, string][], chosen: string[]): HTMLElement {
  return h(
    'fieldset',
    { class: 'field checks' },
    h('legend', null, legend),
    options.map(([value, label]) =>
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name, value, checked: chosen.includes(value) }), label),
    ),
  );
}

export const checked = (root: ParentNode, name: string) =>
  Array.from(root.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`), (c) => c.value);

export const valueOf = (root: ParentNode, id: string) =>
  (root.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`#${id}`)?.value ?? '').normalize('NFC').trim();

export const list = (s: string) => s.split(/[,\s]+/).map((x) => x.trim()).filter(Boolean);

export function grid(id: string, caption: string, head: string[], rows: Children[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', role: 'region', 'aria-labelledby': `${id}-caption`, tabindex: '0' },
    h('table', { class: 'grid', id }, h('caption', { id: `${id}-caption` }, caption),
      h('thead', null, h('tr', null, head.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', null, rows)),
  );
}

export const button = (label: string, onclick: () => void, cls = 'btn', id?: string) =>
  h('button', { type: 'button', class: cls, id, onclick }, label);

/** dd/mm/yyyy from an ISO date or time (Vietnamese order in both languages, as the style guide asks). */
export function date(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = iso.slice(0, 10).split('-');
  return d.length === 3 ? `${d[2]}/${d[1]}/${d[0]}` : iso;
}

export function time(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())} ${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
}
