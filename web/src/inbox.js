// The inbox: the conversation list (tabs with unread counts, filters,
// sort, search, infinite scroll, multi-select with bulk actions), the
// thread and the contact pane, live over the event stream. On a phone
// one pane shows at a time.
import { useEffect, useRef, useState, useCallback } from 'preact/hooks';
import { html } from './html.js';
import { get, post, qs, missing } from './api.js';
import { useStore, getState, toast } from './store.js';
import { navigate } from './router.js';
import { t, shortTime } from './i18n.js';
import { on } from './bus.js';
import { Icon, Avatar, Chip, Priority, Empty, PRIORITIES } from './ui.js';
import { Thread } from './thread.js';
import { ContactPane } from './contact.js';
import { AutomationPanel } from './automation.js';
import { useShortcuts, ShortcutHelp } from './keys.js';
import { previewText } from './message.js';

const TABS = ['mine', 'unassigned', 'all'];
const PAGE = 30;

// The list query for the current tab and filters.
function listQuery(tab, f, cursor) {
  return qs({ assignee: f.assignee || (tab === 'all' ? '' : tab === 'mine'
    ? 'me' : 'unassigned'), status: f.status, inbox_id: f.inbox_id,
  team_id: f.team_id, label: f.label, priority: f.priority, sort: f.sort,
  q: f.q, cursor, limit: PAGE });
}

// Does conversation c belong in the list for this tab and filters? Used
// to place live updates without a refetch.
function matches(c, tab, f, me) {
  if (tab === 'mine' && c.assignee_id !== me.id) return false;
  if (tab === 'unassigned' && c.assignee_id) return false;
  if (f.status && f.status !== 'all' && c.status !== f.status) return false;
  if (f.inbox_id && String(c.inbox_id) !== String(f.inbox_id)) return false;
  if (f.team_id && String(c.team_id) !== String(f.team_id)) return false;
  if (f.priority && String(c.priority) !== String(f.priority)) return false;
  return !f.q;
}

function sortKey(c, sort) {
  if (sort === 'waiting') return -(c.waiting_since || Infinity);
  if (sort === 'priority') return (c.priority || 0) * 1e15 +
    (c.last_message_at || 0);
  return c.last_message_at || 0;
}

export function Inbox({ id }) {
  const s = useStore();
  const [tab, setTab] = useState(() => localStorage.getItem('parley.tab') ||
    'mine');
  const [filters, setFilters] = useState({ status: 'open', sort:
    'last_activity' });
  const [items, setItems] = useState([]);
  const [cursor, setCursor] = useState(null);
  const [loading, setLoading] = useState(true);
  const [unavailable, setUnavailable] = useState(false);
  const [counts, setCounts] = useState({});
  const [selected, setSelected] = useState(new Set());
  const [showContact, setShowContact] = useState(false);
  const [help, setHelp] = useState(false);
  const [showFilters, setShowFilters] = useState(false);
  const searchRef = useRef(null);
  const gen = useRef(0);

  const load = useCallback(async (more) => {
    const g = more ? gen.current : ++gen.current;
    setLoading(true);
    try {
      const r = await get('/api/v1/conversations' + listQuery(tab, filters,
        more ? cursor : ''));
      if (g !== gen.current) return;
      // Until the server filters by assignee, the tab is applied here too,
      // so "Mine" never shows someone else's conversation.
      const me = getState().me;
      const page = (r.data || []).filter((c) => tab === 'all' ||
        (tab === 'mine' ? c.assignee_id === me.id : !c.assignee_id));
      setItems((old) => (more ? [...old, ...page] : page));
      setCursor(r.next_cursor || null);
      setUnavailable(false);
    } catch (e) {
      if (missing(e)) setUnavailable(true);
      else toast(t('error.load', { what: e.message }), { kind: 'error' });
    } finally { if (g === gen.current) setLoading(false); }
  }, [tab, filters, cursor]);

  const loadCounts = useCallback(() => {
    get('/api/v1/conversations/counts').then(setCounts).catch(() => {});
  }, []);

  useEffect(() => { load(false); setSelected(new Set()); },
    [tab, filters]);
  useEffect(loadCounts, []);
  useEffect(() => localStorage.setItem('parley.tab', tab), [tab]);

  // Live: place created/updated conversations, bump on new messages.
  useEffect(() => on((type, d) => {
    if (type === 'conversation.created' || type === 'conversation.updated') {
      const c = d.conversation || d;
      if (!c || !c.id) return;
      if (!c.contact) { refetchOne(c.id); return; }
      place(c);
      loadCounts();
    } else if (type === 'message.created') {
      const m = d.message || d;
      refetchOne(m.conversation_id);
      loadCounts();
    }
  }), [tab, filters, s.me]);

  function place(c) {
    setItems((old) => {
      const rest = old.filter((x) => x.id !== c.id);
      if (!matches(c, tab, filters, getState().me)) return rest;
      const merged = { ...(old.find((x) => x.id === c.id) || {}), ...c };
      const list = [...rest, merged];
      list.sort((a, b) => sortKey(b, filters.sort) - sortKey(a,
        filters.sort));
      return list;
    });
  }

  function refetchOne(cid) {
    if (!cid) return;
    get('/api/v1/conversations/' + cid).then((c) => place(c.data || c))
      .catch(() => {});
  }

  const open = (cid) => navigate(cid ? '/inbox/' + cid : '/inbox');
  const idx = items.findIndex((x) => x.id === id);

  useShortcuts({
    j: () => items.length && open(items[Math.min(idx + 1,
      items.length - 1)].id),
    k: () => items.length && open(items[Math.max(idx - 1, 0)].id),
    '/': () => searchRef.current && searchRef.current.focus(),
    '?': () => setHelp(true),
    Escape: () => { setHelp(false); setSelected(new Set()); },
    x: () => id && toggle(id),
  });

  function toggle(cid) {
    setSelected((old) => {
      const n = new Set(old);
      if (n.has(cid)) n.delete(cid); else n.add(cid);
      return n;
    });
  }

  const sentinel = useRef(null);
  useEffect(() => {
    if (!sentinel.current || !cursor) return undefined;
    const io = new IntersectionObserver((es) => {
      if (es.some((e) => e.isIntersecting) && !loading) load(true);
    });
    io.observe(sentinel.current);
    return () => io.disconnect();
  }, [cursor, loading, load]);

  const setF = (k, v) => setFilters((f) => ({ ...f, [k]: v }));
  const current = items.find((x) => x.id === id);
  const count = (k) => {
    const v = counts[k];
    if (v == null) return null;
    return typeof v === 'number' ? v : v.unread ?? v.open ?? v.total;
  };

  return html`<div class=${'inbox' + (id ? ' has-thread' : '') +
    (showContact ? ' show-contact' : '')}>
    <section class="list-pane" aria-label=${t('inbox.list')}>
      <header class="list-head">
        <div class="tabs" role="tablist">
          ${TABS.map((k) => html`<button role="tab" key=${k}
            aria-selected=${tab === k} class=${'tab' + (tab === k
              ? ' active' : '')} onClick=${() => setTab(k)}>
            ${t('tab.' + k)}${count(k) ? html` <span class="count">
              ${count(k)}</span>` : ''}</button>`)}
        </div>
        <div class="search-row">
          <label class="search"><${Icon} name="search" size=${16} />
            <span class="sr-only">${t('inbox.search')}</span>
            <input ref=${searchRef} type="search" placeholder=${
              t('inbox.search') + '  /'} value=${filters.q || ''}
              onKeyDown=${(e) => { if (e.key === 'Escape') e.target.blur(); }}
              onChange=${(e) => setF('q', e.target.value)} /></label>
          <button class=${'btn icon ghost' + (showFilters ? ' on' : '')}
            aria-expanded=${showFilters} aria-label=${t('inbox.filters')}
            title=${t('inbox.filters')}
            onClick=${() => setShowFilters(!showFilters)}>
            <${Icon} name="filter" size=${16} /></button>
        </div>
        ${showFilters && html`<${Filters} f=${filters} setF=${setF}
          tab=${tab} />`}
      </header>
      ${selected.size > 0 && html`<${BulkBar} ids=${[...selected]}
        done=${() => { setSelected(new Set()); load(false); loadCounts(); }}
        all=${() => setSelected(new Set(items.map((x) => x.id)))} />`}
      <ul class="conv-list" aria-label=${t('inbox.list')}>
        ${items.map((c) => html`<${Row} key=${c.id} c=${c}
          active=${c.id === id} checked=${selected.has(c.id)}
          onOpen=${() => open(c.id)} onCheck=${() => toggle(c.id)} />`)}
      </ul>
      ${cursor && html`<div ref=${sentinel} class="sentinel">
        ${t('common.loading')}</div>`}
      ${!loading && !items.length && (unavailable
        ? html`<${Empty} title=${t('inbox.unavailable')}
            text=${t('inbox.unavailable.text')} />`
        : html`<${Empty} title=${t('inbox.empty')}
            text=${t('inbox.empty.text')} />`)}
    </section>
    <section class="thread-pane" aria-label=${t('inbox.thread')}>
      ${id ? html`<${Thread} key=${id} id=${id} summary=${current}
          onBack=${() => open(null)}
          onToggleContact=${() => setShowContact(!showContact)}
          onChanged=${(c) => place(c)} />`
        : html`<${Empty} title=${t('inbox.pick')}
            text=${t('inbox.pick.text')} />`}
    </section>
    ${id && html`<aside class="contact-pane" aria-label=${t('contact.pane')}>
      <${ContactPane} key=${id} conversationId=${id}
        contactId=${current && current.contact && current.contact.id}
        summary=${current && current.contact}
        onClose=${() => setShowContact(false)} />
      <${AutomationPanel} key=${'auto' + id} id=${id} /></aside>`}
    ${help && html`<${ShortcutHelp} onClose=${() => setHelp(false)} />`}
  </div>`;
}

function Filters({ f, setF, tab }) {
  const s = useStore();
  const sel = (k, label, opts) => html`<label class="filter">
    <span>${label}</span>
    <select value=${f[k] || ''} onChange=${(e) => setF(k, e.target.value)}>
      ${opts.map(([v, l]) => html`<option value=${v}>${l}</option>`)}
    </select></label>`;
  return html`<div class="filters">
    ${sel('status', t('f.status'), [['', t('f.any')], ...['open', 'pending',
      'snoozed', 'resolved', 'all'].map((v) => [v, t('status.' + v)])])}
    ${sel('sort', t('f.sort'), [['last_activity', t('sort.last_activity')],
      ['waiting', t('sort.waiting')], ['priority', t('sort.priority')]])}
    ${sel('priority', t('f.priority'), [['', t('f.any')],
      ...PRIORITIES.map((p, i) => [String(i), t('prio.' + p)])])}
    ${s.inboxes.length > 0 && sel('inbox_id', t('f.inbox'), [['', t('f.any')],
      ...s.inboxes.map((x) => [String(x.id), x.name])])}
    ${sel('team_id', t('f.team'), [['', t('f.any')],
      ...s.teams.map((x) => [String(x.id), x.name])])}
    ${s.labels.length > 0 && sel('label', t('f.label'), [['', t('f.any')],
      ...s.labels.map((x) => [x.name, x.name])])}
    ${tab === 'all' && sel('assignee', t('f.assignee'), [['', t('f.any')],
      ['me', t('tab.mine')], ['unassigned', t('tab.unassigned')],
      ...s.users.map((u) => [String(u.id), u.name || u.email])])}
  </div>`;
}

function Row({ c, active, checked, onOpen, onCheck }) {
  const name = (c.contact && (c.contact.name || c.contact.phone ||
    c.contact.wa_id)) || t('contact.unknown');
  const last = c.last_message;
  return html`<li aria-current=${active ? 'true' : undefined}
    class=${'conv' + (active ? ' active' : '') + (c.unread_count
      ? ' unread' : '') + (checked ? ' checked' : '')}>
    <input type="checkbox" class="conv-check" checked=${checked}
      onChange=${onCheck} aria-label=${t('inbox.select', { name })} />
    <button class="conv-main" onClick=${onOpen}>
      <${Avatar} name=${name} size=${36} />
      <span class="conv-text">
        <span class="conv-top"><bdi class="conv-name">${name}</bdi>
          <${Priority} value=${c.priority} />
          <time class="conv-time">${shortTime(c.last_message_at)}</time>
        </span>
        <span class="conv-bottom">
          <bdi class="conv-preview">${last ? (last.direction === 'out'
            ? t('inbox.you') + ': ' : '') + previewText(last) : ''}</bdi>
          ${c.unread_count > 0 && html`<span class="badge"
            aria-label=${t('inbox.unread', { n: c.unread_count })}>
            ${c.unread_count}</span>`}
        </span>
        ${c.labels && c.labels.length > 0 && html`<span class="conv-labels">
          ${c.labels.slice(0, 3).map((l) => html`<${Chip} key=${l.id}
            label=${l} />`)}</span>`}
      </span>
    </button>
  </li>`;
}

// Actions on many conversations at once: assign, team, status, priority,
// label. One request (POST /conversations/bulk).
function BulkBar({ ids, done, all }) {
  const s = useStore();
  async function apply(change) {
    try {
      await post('/api/v1/conversations/bulk', { ids, ...change });
      toast(t('bulk.done', { n: ids.length }));
      done();
    } catch (e) { toast(e.message, { kind: 'error' }); }
  }
  const pick = (label, opts, fn) => html`<select aria-label=${label}
    onChange=${(e) => { if (e.target.value !== '') fn(e.target.value);
      e.target.value = ''; }}>
    <option value="">${label}</option>
    ${opts.map(([v, l]) => html`<option value=${v}>${l}</option>`)}
  </select>`;
  return html`<div class="bulk-bar" role="toolbar"
    aria-label=${t('bulk.toolbar')}>
    <span class="bulk-count">${t('bulk.selected', { n: ids.length })}</span>
    <button class="btn link" onClick=${all}>${t('bulk.all')}</button>
    ${pick(t('action.assign'), [['0', t('tab.unassigned')],
      ...s.users.map((u) => [String(u.id), u.name || u.email])],
      (v) => apply({ assignee_id: Number(v) || null }))}
    ${pick(t('action.team'), s.teams.map((x) => [String(x.id), x.name]),
      (v) => apply({ team_id: Number(v) }))}
    ${pick(t('action.status'), ['open', 'pending', 'resolved'].map((v) =>
      [v, t('status.' + v)]), (v) => apply({ status: v }))}
    ${pick(t('action.priority'), PRIORITIES.map((p, i) => [String(i),
      t('prio.' + p)]), (v) => apply({ priority: Number(v) }))}
    ${s.labels.length > 0 && pick(t('action.label'), s.labels.map((l) =>
      [String(l.id), l.name]), (v) => apply({ add_labels: [Number(v)] }))}
  </div>`;
}
