// The app frame: restores the session (GET /me), shows sign-in or the
// signed-in shell (navigation rail, the page for the route, toasts,
// the shortcut overlay), and keeps the live event stream open.
import { useEffect, useState } from 'preact/hooks';
import { html } from './html.js';
import { get, post, setCsrf, subscribe, setUnauthorizedHandler, missing }
  from './api.js';
import { set, useStore, getState } from './store.js';
import { navigate, useRoute, linkClick } from './router.js';
import { setLocale, t } from './i18n.js';
import { Login } from './login.js';
import { Inbox } from './inbox.js';
import { Contacts } from './contacts.js';
import { Settings } from './settings.js';
import { Toasts, Icon } from './ui.js';
import { emit } from './bus.js';

// Load what every screen needs once signed in. Lists that have not landed
// on this server stay empty.
async function loadAccount() {
  const list = (p) => get(p).then((r) => (r && r.data) || [])
    .catch((e) => (missing(e) || e.status === 403 ? [] : Promise.reject(e)));
  const [users, teams, labels, inboxes, canned, attributes] =
    await Promise.all(['/api/v1/users?limit=200', '/api/v1/teams?limit=200',
      '/api/v1/labels', '/api/v1/inboxes', '/api/v1/canned-replies',
      '/api/v1/attributes'].map((p) => list(p).catch(() => [])));
  set({ users, teams, labels, inboxes, canned, attributes });
  get('/api/v1/me/shortcuts').then((r) => set({ shortcuts: (r && r.data) ||
    r || [] })).catch(() => set({ shortcuts: JSON.parse(
    localStorage.getItem('parley.shortcuts') || '[]') }));
}

// Apply GET /me (or the login reply) to the state and the language.
export function applyMe(me) {
  setCsrf(me.csrf_token);
  setLocale(me.user.locale, me.user.timezone ||
    (me.account && me.account.timezone));
  set({ me: me.user, account: me.account || getState().account });
}

// Keep the shared lists in step with events about them.
function onAccountEvent(type, d) {
  const s = getState();
  const upsert = (arr, item) => (arr.some((x) => x.id === item.id)
    ? arr.map((x) => (x.id === item.id ? { ...x, ...item } : x))
    : [...arr, item]);
  if (type.startsWith('team.') && d && d.id)
    set({ teams: type === 'team.deleted' ? s.teams.filter((x) => x.id !==
      d.id) : upsert(s.teams, d.team || d) });
  if (type.startsWith('user.') && d && d.id)
    set({ users: upsert(s.users, d.user || d) });
  if (type === 'presence' || type === 'viewing' || type === 'typing') {
    const key = d.conversation_id || 0;
    const who = { ...(s.presence[key] || {}) };
    who[d.user_id] = { type, at: Date.now(), until: d.until, name: d.name };
    set({ presence: { ...s.presence, [key]: who } });
  }
}

export function App() {
  const s = useStore();
  const route = useRoute();
  const [booting, setBooting] = useState(true);

  useEffect(() => {
    setUnauthorizedHandler(() => { set({ me: null }); navigate('/login'); });
    get('/api/v1/me').then(async (me) => {
      applyMe(me);
      await loadAccount();
      if (route[0] === 'login' || route.length === 0)
        navigate('/inbox', { replace: true });
    }).catch(() => {
      setLocale(navigator.language);
      if (route[0] !== 'login') navigate('/login', { replace: true });
    }).finally(() => setBooting(false));
  }, []);

  useEffect(() => {
    if (!s.me) return undefined;
    return subscribe((type, d) => { onAccountEvent(type, d); emit(type, d); },
      (online) => set({ online }));
  }, [s.me && s.me.id]);

  if (booting) return html`<div class="boot" aria-busy="true"></div>`;
  if (!s.me || route[0] === 'login')
    return html`<${Login} onDone=${async (me) => {
      applyMe(me); await loadAccount(); navigate('/inbox');
    }} />`;
  return html`<${Shell} route=${route} />`;
}

function NavLink({ href, icon, label, active }) {
  return html`<a href=${href} onClick=${linkClick} class=${'nav-link' +
    (active ? ' active' : '')} aria-current=${active ? 'page' : undefined}
    title=${label}><${Icon} name=${icon} /><span>${label}</span></a>`;
}

async function signOut() {
  try { await post('/api/v1/auth/logout'); } catch { /* gone already */ }
  set({ me: null });
  navigate('/login');
}

function Shell({ route }) {
  const s = useStore();
  const page = route[0] || 'inbox';
  let body;
  if (page === 'contacts') body = html`<${Contacts} id=${route[1]} />`;
  else if (page === 'settings') body = html`<${Settings} section=${route[1]} />`;
  else body = html`<${Inbox} id=${route[1] ? Number(route[1]) : null} />`;
  return html`<div class="shell">
    <nav class="rail" aria-label=${t('nav.main')}>
      <div class="brand" aria-hidden="true"><${Icon} name="logo" /></div>
      <${NavLink} href="/inbox" icon="inbox" label=${t('nav.inbox')}
        active=${page === 'inbox'} />
      <${NavLink} href="/contacts" icon="contacts" label=${t('nav.contacts')}
        active=${page === 'contacts'} />
      <${NavLink} href="/settings" icon="settings" label=${t('nav.settings')}
        active=${page === 'settings'} />
      <div class="rail-end">
        <span class=${'conn ' + (s.online ? 'on' : 'off')} role="status"
          title=${s.online ? t('conn.live') : t('conn.offline')}>
          <span class="sr-only">${s.online ? t('conn.live')
            : t('conn.offline')}</span></span>
        <button class="nav-link" onClick=${signOut} title=${t('nav.signout')}
          aria-label=${t('nav.signout')}><${Icon} name="logout" />
          <span>${t('nav.signout')}</span></button>
      </div>
    </nav>
    <main class="page">${body}</main>
    ${!s.online && html`<div class="offline-bar" role="status">
      ${t('conn.reconnecting')}</div>`}
    <${Toasts} />
  </div>`;
}
