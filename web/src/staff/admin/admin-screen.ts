import type { ApiResult } from '../../shared/api';
import { focusHeading, h, replaceChildren, type Children } from '../../shared/dom';
import type { Lang } from '../../shared/i18n';
import { cs, type ConsoleText } from './console-strings';
import { adminNav, outcome, problemLines, type Section } from './ui';

/** What the admin area (index.ts) asks of a screen. */
export interface Screen {
  /** Draws into `main` in `lang`; the first call starts loading. */
  render: (main: HTMLElement, lang: Lang, focus?: boolean) => void;
  /** Settles when the last load or action has. */
  ready: () => Promise<void>;
}

/**
 * The life every admin screen shares: where it draws and in which language, the first render starting the load,
 * and `ready` following the last load or action (tests and the shell wait on it).
 */
export function lifecycle(load: () => Promise<void>, draw: (focus: boolean) => void) {
  let main: HTMLElement | undefined;
  let lang: Lang = 'vi';
  let ready: Promise<void> | undefined;
  return {
    get main() {
      return main;
    },
    get lang() {
      return lang;
    },
    /** Starts an action (or a load) that `ready` then waits for. */
    run(task: () => Promise<void>): void {
      ready = task();
    },
    screen: {
      render(into: HTMLElement, l: Lang, focus = false): void {
        main = into;
        lang = l;
        ready ??= load();
        draw(focus);
      },
      ready: () => ready ?? Promise.resolve(),
    } satisfies Screen,
  };
}

export interface AdminPage {
  section: Section;
  /** Prefix of the status line's and the fault list's ids: `${id}-notice`, `${id}-faults`. */
  id: string;
  title: (t: ConsoleText) => string;
  docTitle: (t: ConsoleText) => string;
  /** Fetches what the screen shows (it is painted after); a refusal goes to the faults through `read`. */
  load: () => Promise<void>;
  /** What the screen shows under its heading and the outcome of the last action. */
  view: (t: ConsoleText) => Children[];
  /** Just before each paint, with the old content still there: keep what the admin typed. */
  keep?: () => void;
}

/**
 * The scaffold of the console screens (cs texts): the admin navigation, the heading, the outcome of the last action
 * (a polite notice or an alert listing every fault), then the screen's own view; loading, painting and the outcome
 * of a change done the same way on every screen.
 */
export function adminScreen(doc: Document, page: AdminPage) {
  const life = lifecycle(async () => {
    await page.load();
    paint();
  }, (focus) => paint(focus));

  function paint(focus = false, target?: string): void {
    const main = life.main;
    if (!main) return;
    page.keep?.();
    const t = cs[life.lang];
    doc.title = page.docTitle(t);
    main.classList.add('wide');
    replaceChildren(main, ...adminNav(life.lang, page.section), h('h1', null, page.title(t)), ...outcome(page.id, s.notice, s.faults),
      ...page.view(t));
    if (target) (main.querySelector(target) as HTMLElement | null)?.focus();
    else if (focus) focusHeading(main.querySelector('h1'));
  }

  const s = {
    /** The status line: what the last action did. */
    notice: '',
    /** The alert: why the last load or action failed, every fault a line. */
    faults: [] as string[],
    get main(): HTMLElement {
      return life.main!;
    },
    get lang(): Lang {
      return life.lang;
    },
    get t(): ConsoleText {
      return cs[life.lang];
    },
    /** Paints again, then focuses `target` (a selector) or, with `focus`, the heading. */
    paint,
    run: life.run,
    /** Loads again, then paints. */
    async reload(): Promise<void> {
      await page.load();
      paint();
    },
    /** A read's data, or undefined with its refusal as the faults. */
    read<T>(r: ApiResult<T>): T | undefined {
      if (r.ok) return r.data;
      s.faults = problemLines(r, s.t);
      return undefined;
    },
    /**
     * The outcome of a change: when done, `done`'s notice, `then` and a reload; when refused, every fault (after
     * the "not saved" summary with `summary`) in the alert, focused. True when done.
     */
    async settle<T>(r: ApiResult<T>, done: (data: T) => string, o: { summary?: boolean; then?: () => void } = {}): Promise<boolean> {
      s.notice = r.ok ? done(r.data) : '';
      s.faults = r.ok ? [] : [...(o.summary ? [s.t.errSummary] : []), ...problemLines(r, s.t)];
      if (r.ok) {
        o.then?.();
        await s.reload();
      } else paint(false, `#${page.id}-faults`);
      return r.ok;
    },
    screen: life.screen,
  };
  return s;
}
