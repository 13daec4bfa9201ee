import { focusHeading, h, replaceChildren } from '../../shared/dom';
import { fill, type Lang } from '../../shared/i18n';
import type { AdminApi } from './api';
import { cs } from './console-strings';
import { adminNav, button, checked, checks, field, grid, list, outcome, problemLines, text, time, valueOf } from './ui';

interface UserRow {
  userName: string;
  displayName: string;
  roles: string[];
  createdAt: string;
  disabledAt: string | null;
  mustChangePassword: boolean;
}

const ROLES = ['admin', 'analyst', 'supervisor', 'surveyor'] as const;
const enc = encodeURIComponent;

/** Staff accounts: create (one-time password shown once), disable and enable, reset a password. */
export function usersScreen(doc: Document, api: AdminApi) {
  let main: HTMLElement | undefined;
  let lang: Lang = 'vi';
  let rows: UserRow[] | undefined;
  let notice = '';
  let faults: string[] = [];
  let secret: { userName: string; password: string } | undefined;
  let ready: Promise<void> = Promise.resolve();
  const t = () => cs[lang];

  async function load(): Promise<void> {
    const r = await api.call<UserRow[]>('GET', '/api/admin/users');
    if (r.ok) rows = r.data;
    else faults = problemLines(r, t());
    paint();
  }

  function paint(focus = false, target?: string): void {
    if (!main) return;
    const tx = t();
    doc.title = tx.uDocTitle;
    main.classList.add('wide');
    replaceChildren(main, ...adminNav(lang, 'users'), h('h1', null, tx.uTitle), ...outcome('p', notice, faults),
      secret ? h('div', { class: 'secret', id: 'p-secret', tabindex: '-1' },
        h('p', null, h('strong', null, fill(tx.uOneTime, { userName: secret.userName, password: '' })), h('code', { id: 'p-password' }, secret.password)),
        h('p', { class: 'hint' }, tx.uOneTimeHint)) : null,
      h('section', { 'aria-labelledby': 'p-form-title' }, h('h2', { id: 'p-form-title' }, tx.uCreate),
        field('p-userName', tx.uUserName, text('p-userName')), field('p-displayName', tx.uDisplayName, text('p-displayName')),
        checks('p-roles', tx.uRoles, ROLES.map((r) => [r, tx[r]]), []),
        h('div', { class: 'nav' }, button(tx.uCreate, () => void (ready = create()), 'btn primary', 'p-create'))),
      !rows ? h('p', null, tx.loading) : grid('p-rows', tx.uCaption, [tx.uUserName, tx.uDisplayName, tx.uRoles, tx.status, tx.actions],
        rows.map((u) => h('tr', { 'data-user': u.userName },
          h('td', null, h('code', null, u.userName)), h('td', null, u.displayName),
          h('td', null, u.roles.map((r) => (ROLES as readonly string[]).includes(r) ? tx[r as (typeof ROLES)[number]] : r).join(', ')),
          h('td', null, u.disabledAt ? tx.uDisabled : u.mustChangePassword ? tx.uMustChange : tx.uActive),
          h('td', { class: 'actions' },
            button(u.disabledAt ? tx.uEnable : tx.uDisable, () => void (ready = act(u, u.disabledAt ? 'enable' : 'disable')), 'btn small'),
            button(tx.uReset, () => void (ready = act(u, 'reset-password')), 'btn small'))))));
    if (target) (main.querySelector(target) as HTMLElement | null)?.focus();
    else if (focus) focusHeading(main.querySelector('h1'));
  }

  async function create(): Promise<void> {
    const root = main!;
    const r = await api.call<{ user: UserRow; password: string }>('POST', '/api/admin/users', {
      userName: valueOf(root, 'p-userName'), displayName: valueOf(root, 'p-displayName'), roles: checked(root, 'p-roles'),
    });
    await after(r.ok ? { userName: r.data.user.userName, password: r.data.password } : undefined, r.ok ? [] : [t().errSummary, ...problemLines(r, t())]);
  }

  async function act(u: UserRow, action: 'enable' | 'disable' | 'reset-password'): Promise<void> {
    const r = await api.call<{ password?: string }>('POST', `/api/admin/users/${enc(u.userName)}/${action}`);
    await after(r.ok && r.data.password ? { userName: u.userName, password: r.data.password } : undefined, r.ok ? [] : problemLines(r, t()));
  }

  async function after(shown: typeof secret, problems: string[]): Promise<void> {
    secret = shown;
    faults = problems;
    notice = '';
    if (!problems.length) await load();
    paint(false, problems.length ? '#p-faults' : shown ? '#p-secret' : undefined);
  }

  return {
    render(el: HTMLElement, l: Lang, focus = false) {
      main = el;
      lang = l;
      if (!rows && !faults.length) ready = load();
      paint(focus);
    },
    ready: () => ready,
  };
}

interface AuditRow {
  id: number;
  at: string;
  userName: string | null;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

const ENTITIES = ['questionnaire', 'wave', 'target', 'agency', 'commune', 'service_point', 'user', 'client_system', 'snapshot',
  'paper_keying', 'response'];

/** Who did what, newest first, filtered by kind of entity or by user, a page at a time. */
export function auditScreen(doc: Document, api: AdminApi) {
  let main: HTMLElement | undefined;
  let lang: Lang = 'vi';
  let rows: AuditRow[] = [];
  let next: number | null = null;
  let loadedOnce = false;
  let filter = { entity: '', user: '' };
  let faults: string[] = [];
  let ready: Promise<void> = Promise.resolve();
  const t = () => cs[lang];

  async function load(more = false): Promise<void> {
    const q = new URLSearchParams();
    if (filter.entity) q.set('entity', filter.entity);
    if (filter.user) q.set('user', filter.user);
    if (more && next) q.set('before', String(next));
    const r = await api.call<{ entries: AuditRow[]; nextBefore: number | null }>('GET', `/api/admin/audit?${q}`);
    loadedOnce = true;
    if (r.ok) {
      rows = more ? rows.concat(r.data.entries) : r.data.entries;
      next = r.data.nextBefore;
      faults = [];
    } else faults = problemLines(r, t());
    paint();
  }

  const short = (v: unknown) => (v == null ? '' : JSON.stringify(v).slice(0, 300));

  function paint(focus = false): void {
    if (!main) return;
    const tx = t();
    doc.title = tx.lDocTitle;
    main.classList.add('wide');
    replaceChildren(main, ...adminNav(lang, 'audit'), h('h1', null, tx.lTitle), ...outcome('l', '', faults),
      h('div', { class: 'filters' },
        field('l-entity', tx.lFilterEntity, h('select', { id: 'l-entity' }, h('option', { value: '' }, tx.lAll),
          ENTITIES.map((e) => h('option', { value: e, selected: e === filter.entity }, e)))),
        field('l-user', tx.lFilterUser, text('l-user', filter.user)),
        button(tx.lApply, () => {
          filter = { entity: valueOf(main!, 'l-entity'), user: valueOf(main!, 'l-user') };
          ready = load();
        }, 'btn', 'l-apply')),
      !loadedOnce ? h('p', null, tx.loading) : grid('l-rows', tx.lCaption, [tx.lAt, tx.lUser, tx.lEntity, tx.lAction, tx.lChange],
        rows.map((a) => h('tr', null, h('td', null, time(a.at)), h('td', null, a.userName ?? ''),
          h('td', null, `${a.entity} `, h('code', null, a.entityId)), h('td', null, a.action),
          h('td', { class: 'json' }, [short(a.before), short(a.after)].filter(Boolean).join(' → '))))),
      next ? button(tx.lMore, () => void (ready = load(true)), 'btn', 'l-more') : null);
    if (focus) focusHeading(main.querySelector('h1'));
  }

  return {
    render(el: HTMLElement, l: Lang, focus = false) {
      main = el;
      lang = l;
      if (!loadedOnce) ready = load();
      paint(focus);
    },
    ready: () => ready,
  };
}

interface ClientRow {
  code: string;
  name: string;
  keyPrefix: string;
  agencyCodes: string[];
  webhookUrl: string | null;
  createdAt: string;
  revokedAt: string | null;
}

interface DeliveryRow {
  id: number;
  snapshotId: number;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
}

/** Machine clients: register (API key and webhook secret shown once), revoke, and the webhook deliveries of each. */
export function clientsScreen(doc: Document, api: AdminApi) {
  let main: HTMLElement | undefined;
  let lang: Lang = 'vi';
  let rows: ClientRow[] | undefined;
  let faults: string[] = [];
  let secret: { key: string; webhook: string | null } | undefined;
  let deliveries: { code: string; rows: DeliveryRow[] } | undefined;
  let ready: Promise<void> = Promise.resolve();
  const t = () => cs[lang];

  async function load(): Promise<void> {
    const r = await api.call<ClientRow[]>('GET', '/api/admin/clients');
    if (r.ok) rows = r.data;
    else faults = problemLines(r, t());
    paint();
  }

  function paint(focus = false, target?: string): void {
    if (!main) return;
    const tx = t();
    doc.title = tx.kDocTitle;
    main.classList.add('wide');
    replaceChildren(main, ...adminNav(lang, 'clients'), h('h1', null, tx.kTitle), ...outcome('k', '', faults),
      secret ? h('div', { class: 'secret', id: 'k-secret', tabindex: '-1' },
        h('p', null, fill(tx.kKey, { key: '' }), h('code', { id: 'k-key' }, secret.key)),
        secret.webhook ? h('p', null, fill(tx.kSecret, { secret: '' }), h('code', null, secret.webhook)) : null) : null,
      h('section', { 'aria-labelledby': 'k-form-title' }, h('h2', { id: 'k-form-title' }, tx.kCreate),
        field('k-code', tx.code, text('k-code')), field('k-name', tx.name, text('k-name')),
        field('k-agencies', tx.kAgencies, text('k-agencies')), field('k-webhook', tx.kWebhook, text('k-webhook', '', 'url')),
        h('div', { class: 'nav' }, button(tx.kCreate, () => void (ready = create()), 'btn primary', 'k-create'))),
      !rows ? h('p', null, tx.loading) : grid('k-rows', tx.kCaption, [tx.code, tx.name, tx.kPrefix, tx.navAgencies, tx.kWebhook, tx.status, tx.actions],
        rows.map((c) => h('tr', null, h('td', null, h('code', null, c.code)), h('td', null, c.name), h('td', null, h('code', null, c.keyPrefix)),
          h('td', null, c.agencyCodes.join(', ')), h('td', null, c.webhookUrl ?? ''),
          h('td', null, c.revokedAt ? `${tx.kRevoked} ${time(c.revokedAt)}` : tx.uActive),
          h('td', { class: 'actions' }, button(tx.kDeliveries, () => void (ready = showDeliveries(c)), 'btn small'),
            c.revokedAt ? null : button(tx.kRevoke, () => void (ready = revoke(c)), 'btn small danger'))))),
      deliveries ? grid('k-deliveries', `${tx.kDeliveries}: ${deliveries.code}`, ['#', 'Snapshot', tx.status, 'HTTP', tx.lAt],
        deliveries.rows.map((d) => h('tr', null, h('td', null, d.id), h('td', null, d.snapshotId),
          h('td', null, `${d.status} (${d.attempts})`), h('td', null, d.lastStatusCode ?? d.lastError ?? ''), h('td', null, time(d.createdAt))))) : null);
    if (target) (main.querySelector(target) as HTMLElement | null)?.focus();
    else if (focus) focusHeading(main.querySelector('h1'));
  }

  async function create(): Promise<void> {
    const root = main!;
    const r = await api.call<{ apiKey: string; webhookSecret: string | null }>('POST', '/api/admin/clients', {
      code: valueOf(root, 'k-code'), name: valueOf(root, 'k-name'), agencyCodes: list(valueOf(root, 'k-agencies')),
      webhookUrl: valueOf(root, 'k-webhook') || null,
    });
    secret = r.ok ? { key: r.data.apiKey, webhook: r.data.webhookSecret } : undefined;
    faults = r.ok ? [] : [t().errSummary, ...problemLines(r, t())];
    if (r.ok) await load();
    paint(false, r.ok ? '#k-secret' : '#k-faults');
  }

  async function revoke(c: ClientRow): Promise<void> {
    const r = await api.call('POST', `/api/admin/clients/${enc(c.code)}/revoke`);
    faults = r.ok ? [] : problemLines(r, t());
    await load();
  }

  async function showDeliveries(c: ClientRow): Promise<void> {
    const r = await api.call<DeliveryRow[]>('GET', `/api/admin/clients/${enc(c.code)}/deliveries`);
    deliveries = r.ok ? { code: c.code, rows: r.data } : undefined;
    faults = r.ok ? [] : problemLines(r, t());
    paint(false, '#k-deliveries');
  }

  return {
    render(el: HTMLElement, l: Lang, focus = false) {
      main = el;
      lang = l;
      if (!rows && !faults.length) ready = load();
      paint(focus);
    },
    ready: () => ready,
  };
}
