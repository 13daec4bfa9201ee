import type { ApiFailure } from '../../shared/api';
import { focusHeading, h, replaceChildren } from '../../shared/dom';
import type { Lang } from '../../shared/i18n';
import type { SupervisionApi } from './api';
import { reconcileView } from './reconcile';
import { reviewView } from './review';
import { strings } from './strings';
import { importView, keyersView, planView } from './views';

type Tab = 'reconcile' | 'keyers' | 'import' | 'plan' | 'review';
const TABS: Tab[] = ['reconcile', 'keyers', 'import', 'plan', 'review'];

/** Supervisors' screen: reconciliation queue, keyers' error rates, responses import, the fieldwork plan and the review of flagged responses. */
export function supervisionScreen(doc: Document, api: SupervisionApi) {
  let main: HTMLElement | undefined;
  let lang: Lang = 'vi';
  let tab: Tab = 'reconcile';
  const problem = (r: ApiFailure) =>
    r.kind === 'http' ? [r.problem.title, r.problem.detail].filter(Boolean).join(' ') || strings[lang].failed : strings[lang].failed;
  const redraw = (focus?: string) => {
    draw();
    if (focus) (doc.getElementById(focus) as HTMLElement | null)?.focus();
  };
  const views = {
    reconcile: reconcileView(api, redraw, problem),
    keyers: keyersView(api, redraw, problem),
    import: importView(api, redraw, problem, doc),
    plan: planView(api, redraw, problem, doc),
    review: reviewView(api, redraw, problem),
  };
  const loaded = new Set<Tab>();
  let ready: Promise<void> = Promise.resolve();

  function show(next: Tab): void {
    tab = next;
    if (!loaded.has(next)) {
      loaded.add(next);
      ready = views[next].load();
    }
    redraw(`sv-tab-${next}`);
  }

  function draw(focus = false): void {
    if (!main) return;
    const t = strings[lang];
    replaceChildren(main,
      h('h1', null, t.title),
      h('nav', { 'aria-label': t.tabs, class: 'tabs' }, TABS.map((x) =>
        h('button', { type: 'button', class: 'btn', id: `sv-tab-${x}`, 'aria-current': x === tab ? 'page' : undefined, onclick: () => show(x) }, t[x]))),
      h('section', { 'aria-labelledby': `sv-tab-${tab}` }, ...views[tab].view(lang)),
      h('p', null, h('a', { href: '/staff' }, t.back)));
    if (focus) focusHeading(main.querySelector('h1'));
  }

  return {
    render(target: HTMLElement, l: Lang, focus = false): void {
      main = target;
      lang = l;
      main.classList.add('wide');
      if (!loaded.size) show(tab);
      draw(focus);
    },
    ready: () => ready,
  };
}
