import { StaffApi, type ApiResult, type StaffUser } from '../shared/api';
import { focusHeading, h, replaceChildren } from '../shared/dom';
import { applyLang, bindLangSwitch, fill, saveLang, savedLang, type Lang } from '../shared/i18n';
import type { KeyValueStore } from '../shared/storage';
import { startDashboard } from './dashboard/index';
import { ResultsApi } from './dashboard/api';
import { strings } from './strings';
import { adminArea } from './admin';
import { entryArea } from './entry';
import { fieldArea } from './field';
import { supervisionArea } from './supervision';
import { readJson, writeJson } from '../shared/storage';
import { cs } from './admin/console-strings';

/** The last signed-in profile, so the installed surveyor screens open with no network. */
export const PROFILE_KEY = 'sipas.staff.profile';

const ROLES = ['admin', 'analyst', 'supervisor', 'surveyor'] as const;

/** Staff sign-in and the signed-in home (name, roles, sign-out). Screens for each role come later. */
export function startStaff(doc: Document, store: KeyValueStore, api = new StaffApi()) {
  const admin = adminArea(doc);
  const entry = entryArea(doc, api);
  const field = fieldArea(doc, api, store, () => {
    // The session expired (perhaps while offline): sign in again; the device keeps the interviews meanwhile.
    typedUser = user?.userName ?? typedUser;
    user = undefined;
    store.removeItem(PROFILE_KEY);
    error = strings[lang].expired;
    render(true);
  });
  const supervision = supervisionArea(doc, api);
  let lang: Lang = savedLang(store);
  const main = doc.getElementById('main') as HTMLElement;
  const footer = doc.getElementById('footer');
  let user: StaffUser | undefined;
  let checking = true;
  let busy = false;
  let error = '';
  let typedUser = '';
  // The analysts' dashboard keeps its state (wave, drill-down, a run being watched) across re-renders.
  let dashboard: { root: HTMLElement; render: () => void; ready: Promise<void> } | undefined;

  function render(focus = false): void {
    const t = strings[lang];
    doc.title = t.docTitle;
    if (footer) footer.textContent = t.footer;
    if (checking) replaceChildren(main, h('h1', null, t.title), h('p', { role: 'status' }, t.loading));
    else if (user?.mustChangePassword) replaceChildren(main, ...changePasswordForm());
    else if (user && admin.shows(user)) admin.render(main, lang);
    else if (user && entry.shows(user)) entry.render(main, lang, focus);
    else if (user && field.shows(user)) field.render(main, user, lang, focus);
    else if (user && supervision.shows(user)) supervision.render(main, lang, focus);
    else if (user) replaceChildren(main, ...home(user));
    else replaceChildren(main, ...signInForm());
    if (focus) focusHeading(main.querySelector('h1'));
  }

  function signInForm(): Node[] {
    const t = strings[lang];
    const described = error ? 'sign-in-err' : undefined;
    return [
      h('h1', null, t.title),
      h('p', { id: 'sign-in-err', class: 'err', role: 'alert' }, error),
      h(
        'form',
        { novalidate: true, onsubmit: submit },
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'userName' }, t.userName),
          h('input', {
            id: 'userName',
            name: 'userName',
            type: 'text',
            autocomplete: 'username',
            autocapitalize: 'none',
            spellcheck: 'false',
            required: true,
            value: typedUser,
            'aria-describedby': described,
            'aria-invalid': error ? 'true' : undefined,
          }),
        ),
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'password' }, t.password),
          h('input', {
            id: 'password',
            name: 'password',
            type: 'password',
            autocomplete: 'current-password',
            required: true,
            'aria-describedby': described,
            'aria-invalid': error ? 'true' : undefined,
          }),
        ),
        h('div', { class: 'nav' }, h('button', { type: 'submit', class: 'btn primary', disabled: busy }, busy ? t.signingIn : t.signIn)),
      ),
      h('p', null, h('a', { href: '/' }, t.home)),
    ];
  }

  /** After an admin created the account or reset its password: choose a new one before anything else. */
  function changePasswordForm(): Node[] {
    const t = cs[lang];
    return [
      h('h1', null, t.changePassword),
      h('p', null, t.changeIntro),
      h('p', { id: 'change-err', class: 'err', role: 'alert' }, error),
      h(
        'form',
        { novalidate: true, onsubmit: changePassword },
        h('div', { class: 'field' }, h('label', { for: 'currentPassword' }, t.currentPassword),
          h('input', { id: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true })),
        h('div', { class: 'field' }, h('label', { for: 'newPassword' }, t.newPassword),
          h('input', { id: 'newPassword', type: 'password', autocomplete: 'new-password', minlength: '12', required: true })),
        h('div', { class: 'nav' },
          h('button', { type: 'submit', class: 'btn primary', disabled: busy }, t.changePassword),
          h('button', { type: 'button', class: 'btn', onclick: signOut }, strings[lang].signOut)),
      ),
    ];
  }

  async function changePassword(e: Event): Promise<void> {
    e.preventDefault();
    const current = (doc.getElementById('currentPassword') as HTMLInputElement).value;
    const next = (doc.getElementById('newPassword') as HTMLInputElement).value;
    busy = true;
    const r = await api.changePassword(current, next);
    busy = false;
    if (r.ok) {
      user = r.data;
      error = '';
      render(true);
    } else {
      error = r.kind === 'http' && r.problem.errors
        ? Object.values(r.problem.errors).flat().join(' ')
        : message(r);
      render();
      doc.getElementById('newPassword')?.focus();
    }
  }

  function home(u: StaffUser): (Node | null)[] {
    const t = strings[lang];
    const roleName = (r: string) => ((ROLES as readonly string[]).includes(r) ? t[r as (typeof ROLES)[number]] : r);
    return [
      h('h1', null, fill(t.hello, { name: u.displayName || u.userName })),
      h('p', null, fill(t.account, { userName: u.userName })),
      h('h2', { id: 'roles' }, t.roles),
      u.roles.length
        ? h('ul', { 'aria-labelledby': 'roles' }, u.roles.map((r) => h('li', null, roleName(r))))
        : h('p', null, t.noRoles),
      ...admin.link(u, lang),
      ...entry.link(u, lang),
      ...field.link(u, lang),
      ...supervision.link(u, lang),
      h('div', { class: 'nav' }, h('button', { type: 'button', class: 'btn', onclick: signOut }, t.signOut)),
      analystDashboard(u),
    ];
  }

  function analystDashboard(u: StaffUser): Node | null {
    const analyst = u.roles.includes('analyst') || u.roles.includes('admin');
    main.classList.toggle('wide', analyst);
    if (!analyst) return null;
    if (!dashboard) {
      const root = h('section', { class: 'dashboard', 'aria-labelledby': 'dash-title' });
      dashboard = { root, ...startDashboard(root, new ResultsApi(api), () => lang) };
    } else dashboard.render();
    return dashboard.root;
  }

  function message(r: Extract<ApiResult<unknown>, { ok: false }>): string {
    const t = strings[lang];
    if (r.kind !== 'http') return t.failed;
    if (r.status === 401) return t.wrong;
    // 429: too many failed sign-ins here (the same answer whether or not the account exists); wait, then retry.
    if (r.status === 429)
      return fill(t.throttled, { minutes: String(Math.max(1, Math.ceil((r.retryAfterMs ?? 60_000) / 60_000))) });
    return r.problem.detail || r.problem.title || t.failed;
  }

  async function submit(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const userName = (form.elements.namedItem('userName') as HTMLInputElement).value.trim();
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    typedUser = userName;
    if (!userName || !password) {
      error = strings[lang].missing;
      render();
      return void doc.getElementById(userName ? 'password' : 'userName')?.focus();
    }
    busy = true;
    error = '';
    render();
    const r = await api.signIn(userName, password);
    busy = false;
    if (r.ok) {
      user = r.data;
      error = '';
      writeJson(store, PROFILE_KEY, r.data);
      render(true);
      field.resume();
    } else {
      error = message(r);
      render();
      doc.getElementById('password')?.focus();
    }
  }

  async function signOut(): Promise<void> {
    await api.signOut();
    user = undefined;
    store.removeItem(PROFILE_KEY);
    dashboard = undefined;
    main.classList.remove('wide');
    typedUser = '';
    render(true);
  }

  applyLang(lang, doc);
  bindLangSwitch(doc.getElementById('lang') as HTMLButtonElement, () => lang, (l) => {
    lang = l;
    saveLang(store, l);
    applyLang(l, doc);
    render();
  });
  render();
  const ready = (async () => {
    const [me] = await Promise.all([api.me(), api.refreshCsrf()]);
    checking = false;
    if (me.ok) {
      user = me.data;
      writeJson(store, PROFILE_KEY, me.data);
    } else if (me.kind !== 'http') {
      // No network: the installed surveyor screens keep working as the last signed-in person.
      user = readJson<StaffUser>(store, PROFILE_KEY);
    } else store.removeItem(PROFILE_KEY);
    render();
  })();
  return { ready, admin, entry, field, supervision, dashboard: () => dashboard };
}
