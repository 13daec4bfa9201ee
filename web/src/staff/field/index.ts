import type { StaffApi, StaffUser } from '../../shared/api';
import { h } from '../../shared/dom';
import type { Lang } from '../../shared/i18n';
import type { KeyValueStore } from '../../shared/storage';
import { isSurveyor } from '../entry';
import { FieldApi } from './api';
import { interviewScreen } from './interviews';
import { strings } from './strings';

/** The offline interview screen's one hook into the staff shell (staff.ts): a route and a link on the home screen. */
export const INTERVIEWS_PATH = '/staff/interviews';

export function fieldArea(doc: Document, staff: StaffApi, store: KeyValueStore, signInAgain: () => void) {
  let screen: ReturnType<typeof interviewScreen> | undefined;
  let owner = '';
  const here = () => /^\/staff\/interviews\/?$/.test(doc.location?.pathname ?? '');
  return {
    shows: (u: StaffUser) => isSurveyor(u) && here(),
    render: (main: HTMLElement, u: StaffUser, lang: Lang, focus = false) => {
      if (screen && owner !== u.userName) {
        screen.stop();
        screen = undefined;
      }
      if (!screen) {
        owner = u.userName;
        screen = interviewScreen(doc, new FieldApi(staff), store, u, signInAgain);
      }
      screen.render(main, lang, focus);
    },
    resume: () => screen?.resume(),
    link: (u: StaffUser, lang: Lang): Node[] =>
      isSurveyor(u)
        ? [h('p', null, h('a', { href: INTERVIEWS_PATH, class: 'btn' }, strings[lang].link))]
        : here()
          ? [h('p', { class: 'err' }, strings[lang].notSurveyor)]
          : [],
    ready: () => screen?.ready() ?? Promise.resolve(),
  };
}
