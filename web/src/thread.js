// The thread: header with the conversation's actions (assign, team,
// priority, labels, snooze, resolve/reopen), who else is viewing or
// typing, the messages (older ones loaded on scroll up, new ones live)
// and the composer.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';
import { get, post, patch, del, qs } from './api.js';
import { useStore, toast, userName } from './store.js';
import { t, dayLabel } from './i18n.js';
import { on } from './bus.js';
import { Icon, Chip, Modal, PRIORITIES } from './ui.js';
import { Message } from './message.js';
import { Composer } from './composer.js';
import { useShortcuts } from './keys.js';

const PAGE = 50;

// Merge a message into a list sorted by creation (id as tie-break).
function mergeMessage(list, m) {
  const i = list.findIndex((x) => x.id === m.id);
  if (i >= 0) {
    const copy = list.slice();
    copy[i] = { ...list[i], ...m };
    return copy;
  }
  return [...list, m].sort((a, b) => a.created_at - b.created_at ||
    a.id - b.id);
}

export function Thread({ id, summary, onBack, onToggleContact, onChanged }) {
  const s = useStore();
  const [conv, setConv] = useState(summary || null);
  const [msgs, setMsgs] = useState([]);
  const [cursor, setCursor] = useState(null);
  const [zoom, setZoom] = useState(null);
  const [snooze, setSnooze] = useState(false);
  const [labelPick, setLabelPick] = useState(false);
  const listRef = useRef(null);
  const composer = useRef(null);
  const stick = useRef(true);

  useEffect(() => {
    get('/api/v1/conversations/' + id).then((c) => setConv(c.data || c))
      .catch((e) => toast(e.message, { kind: 'error' }));
    loadMessages(null);
    post('/api/v1/conversations/' + id + '/read').catch(() => {});
    const ping = () => post('/api/v1/conversations/' + id + '/viewing')
      .catch(() => {});
    ping();
    const timer = setInterval(ping, 20000);
    return () => clearInterval(timer);
  }, [id]);

  async function loadMessages(cur) {
    try {
      const r = await get('/api/v1/conversations/' + id + '/messages' +
        qs({ cursor: cur, limit: PAGE }));
      const older = (r.data || []).slice().reverse();
      setMsgs((old) => (cur ? [...older, ...old] : older));
      setCursor(r.next_cursor || null);
    } catch (e) { toast(e.message, { kind: 'error' }); }
  }

  useEffect(() => on((type, d) => {
    if (type === 'message.created' || type === 'message.updated') {
      const m = d.message || d;
      if (m.conversation_id !== id) return;
      setMsgs((old) => mergeMessage(old, m));
      if (type === 'message.created' && m.direction === 'in')
        post('/api/v1/conversations/' + id + '/read').catch(() => {});
    } else if (type === 'conversation.updated') {
      const c = d.conversation || d;
      if (c.id === id) setConv((old) => ({ ...old, ...c }));
    }
  }), [id]);

  // Stay at the bottom while the agent is there; keep position when older
  // messages load above.
  useEffect(() => {
    const el = listRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [msgs]);
  useEffect(() => {
    const el = listRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    });
    ro.observe(el.firstElementChild);
    return () => ro.disconnect();
  }, []);

  function onScroll(e) {
    const el = e.currentTarget;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    if (el.scrollTop < 40 && cursor) {
      const c = cursor;
      setCursor(null);
      const h = el.scrollHeight;
      loadMessages(c).then(() => { el.scrollTop = el.scrollHeight - h; });
    }
  }

  async function change(body) {
    try {
      const r = await patch('/api/v1/conversations/' + id, body);
      const c = { ...conv, ...(r && (r.data || r)) };
      setConv(c);
      onChanged(c);
    } catch (e) { toast(e.message, { kind: 'error' }); }
  }

  async function label(l, add) {
    try {
      await (add ? post : del)('/api/v1/conversations/' + id + '/labels/' +
        l.id);
      const labels = add ? [...(conv.labels || []), l]
        : (conv.labels || []).filter((x) => x.id !== l.id);
      setConv({ ...conv, labels });
      onChanged({ ...conv, labels });
    } catch (e) { toast(e.message, { kind: 'error' }); }
  }

  const resolved = conv && conv.status === 'resolved';
  useShortcuts({
    e: () => change({ status: resolved ? 'open' : 'resolved' }),
    a: () => document.getElementById('assign-select').focus(),
    r: () => composer.current && composer.current.focus('reply'),
    n: () => composer.current && composer.current.focus('note'),
  });

  const byWamid = new Map(msgs.filter((m) => m.wamid).map((m) =>
    [m.wamid, m]));
  const reactions = new Map();
  for (const m of msgs) {
    if (m.type !== 'reaction' || !m.content) continue;
    const k = m.content.message_id;
    reactions.set(k, [...(reactions.get(k) || []), m]);
  }
  const name = conv && conv.contact && (conv.contact.name ||
    conv.contact.phone || conv.contact.wa_id);
  const others = Object.entries(s.presence[id] || {}).filter(([uid, p]) =>
    Number(uid) !== s.me.id && Date.now() - p.at < 30000);
  // Presence expires by itself; re-render when the newest entry lapses.
  const [, expire] = useState(0);
  useEffect(() => {
    if (!others.length) return undefined;
    const tm = setTimeout(() => expire((n) => n + 1), 5000);
    return () => clearTimeout(tm);
  });

  let lastDay = '';
  return html`<div class="thread">
    <header class="thread-head">
      <button class="btn icon ghost back" onClick=${onBack}
        aria-label=${t('common.back')}><${Icon} name="back" /></button>
      <div class="thread-title">
        <h2><bdi>${name || '…'}</bdi></h2>
        <span class="muted">${conv && conv.contact && conv.contact.phone}
          ${conv && conv.status && html` · ${t('status.' + conv.status)}`}
        </span>
      </div>
      <div class="thread-selects">
        <select id="assign-select" aria-label=${t('action.assign')}
          title=${t('action.assign') + ' (a)'}
          value=${conv && conv.assignee_id ? String(conv.assignee_id) : ''}
          onChange=${(e) => change({ assignee_id: Number(e.target.value) ||
            null })}>
          <option value="">${t('tab.unassigned')}</option>
          ${s.users.filter((u) => !u.disabled).map((u) => html`<option
            value=${String(u.id)}>${u.id === s.me.id ? t('assign.me',
              { name: u.name }) : u.name || u.email}</option>`)}
        </select>
        <select aria-label=${t('action.team')}
          value=${conv && conv.team_id ? String(conv.team_id) : ''}
          onChange=${(e) => change({ team_id: Number(e.target.value) ||
            null })}>
          <option value="">${t('team.none')}</option>
          ${s.teams.map((x) => html`<option value=${String(x.id)}>
            ${x.name}</option>`)}
        </select>
        <select aria-label=${t('action.priority')}
          value=${String((conv && conv.priority) || 0)}
          onChange=${(e) => change({ priority: Number(e.target.value) })}>
          ${PRIORITIES.map((p, i) => html`<option value=${String(i)}>
            ${t('prio.' + p)}</option>`)}
        </select>
      </div>
      <div class="thread-actions">
        <button class="btn" onClick=${() => setSnooze(true)}
          title=${t('action.snooze')}><${Icon} name="clock" size=${16} />
          <span class="hide-sm">${t('action.snooze')}</span></button>
        <button class=${'btn ' + (resolved ? '' : 'primary')}
          onClick=${() => change({ status: resolved ? 'open' : 'resolved' })}
          title=${(resolved ? t('action.reopen') : t('action.resolve')) +
            ' (e)'}>
          <${Icon} name="check" size=${16} />
          <span class="hide-sm">${resolved ? t('action.reopen')
            : t('action.resolve')}</span></button>
        <button class="btn icon ghost" onClick=${onToggleContact}
          aria-label=${t('contact.pane')} title=${t('contact.pane')}>
          <${Icon} name="info" /></button>
      </div>
    </header>
    <div class="thread-sub">
      ${(conv && conv.labels || []).map((l) => html`<${Chip} key=${l.id}
        label=${l} onRemove=${() => label(l, false)} />`)}
      ${s.labels.length > 0 && html`<button class="btn link small"
        onClick=${() => setLabelPick(!labelPick)}>+ ${t('action.label')}
        </button>`}
      ${labelPick && html`<select aria-label=${t('action.label')}
        onChange=${(e) => { const l = s.labels.find((x) => String(x.id) ===
          e.target.value); if (l) label(l, true); setLabelPick(false); }}>
        <option value="">${t('action.label')}</option>
        ${s.labels.filter((l) => !(conv.labels || []).some((x) => x.id ===
          l.id)).map((l) => html`<option value=${String(l.id)}>${l.name}
          </option>`)}</select>`}
      ${conv && conv.snoozed_until && conv.status === 'snoozed' && html`
        <span class="muted">${t('snooze.until', { when: new Date(
          conv.snoozed_until).toLocaleString() })}</span>`}
      ${others.length > 0 && html`<span class="presence" role="status">
        ${others.map(([uid, p]) => t(p.type === 'typing' ? 'presence.typing'
          : 'presence.viewing', { name: p.name || userName(Number(uid)) ||
          '#' + uid })).join(' · ')}</span>`}
    </div>
    <div class="messages" ref=${listRef} onScroll=${onScroll}
      role="log" aria-live="polite" aria-label=${t('inbox.thread')}>
      <div class="messages-inner">
      ${cursor && html`<div class="muted center">${t('common.loading')}
        </div>`}
      ${msgs.filter((m) => m.type !== 'reaction').map((m) => {
        const day = dayLabel(m.created_at);
        const sep = day !== lastDay;
        lastDay = day;
        return html`${sep && html`<div class="day"><span>${day}</span>
          </div>`}<${Message} key=${m.id} m=${m}
          quoted=${m.reply_to_wamid && byWamid.get(m.reply_to_wamid)}
          reactions=${m.wamid && reactions.get(m.wamid)}
          onZoom=${setZoom} />`;
      })}
    </div></div>
    ${conv && html`<${Composer} bind=${composer} conv=${conv}
      onSent=${(m) => setMsgs((old) => mergeMessage(old, m))} />`}
    ${zoom && html`<${Modal} title=${t('msg.image')} wide
      onClose=${() => setZoom(null)}><img class="zoomed" src=${zoom}
      alt="" /></${Modal}>`}
    ${snooze && html`<${Snooze} onClose=${() => setSnooze(false)}
      onPick=${(until) => { setSnooze(false);
        change({ status: 'snoozed', snoozed_until: until }); }} />`}
  </div>`;
}

function Snooze({ onClose, onPick }) {
  const [custom, setCustom] = useState('');
  const now = new Date();
  const at = (h, days = 0) => {
    const d = new Date(now);
    d.setDate(d.getDate() + days);
    d.setHours(h, 0, 0, 0);
    return d.getTime();
  };
  const options = [
    [t('snooze.hour'), Date.now() + 3600000],
    [t('snooze.evening'), at(18) > Date.now() ? at(18) : at(18, 1)],
    [t('snooze.tomorrow'), at(9, 1)],
    [t('snooze.week'), at(9, 7)],
  ];
  return html`<${Modal} title=${t('action.snooze')} onClose=${onClose}>
    <div class="stack">
      ${options.map(([l, v]) => html`<button class="btn wide"
        onClick=${() => onPick(v)}>${l}</button>`)}
      <label>${t('snooze.custom')}<input type="datetime-local"
        value=${custom} onInput=${(e) => setCustom(e.target.value)} /></label>
      <button class="btn primary" disabled=${!custom}
        onClick=${() => onPick(new Date(custom).getTime())}>
        ${t('action.snooze')}</button>
    </div></${Modal}>`;
}
