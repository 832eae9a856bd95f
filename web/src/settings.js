// Settings, by role: everyone has their profile and shortcuts;
// supervisors also labels and canned replies; administrators agents,
// teams, custom attributes, inboxes and API tokens. Most sections are one
// generic table over a REST collection.
import { useEffect, useState } from 'preact/hooks';
import { html } from './html.js';
import { get, post, patch, del, put, missing } from './api.js';
import { useStore, toast, set, getState } from './store.js';
import { navigate, linkClick } from './router.js';
import { t, setLocale, shortTime } from './i18n.js';
import { Modal, Empty, Chip } from './ui.js';
import { Rules } from './rules.js';
import { SlaPolicies, BusinessHours, Assignment } from './automation.js';

const RANK = { agent: 1, supervisor: 2, administrator: 3 };

const SECTIONS = [
  ['profile', 'agent'], ['shortcuts', 'agent'], ['labels', 'supervisor'],
  ['canned', 'supervisor'], ['rules', 'supervisor'], ['sla', 'supervisor'],
  ['hours', 'supervisor'], ['assignment', 'supervisor'],
  ['agents', 'administrator'],
  ['teams', 'administrator'], ['attributes', 'administrator'],
  ['inboxes', 'administrator'], ['tokens', 'administrator'],
];

export function Settings({ section }) {
  const s = useStore();
  const rank = RANK[s.me.role] || 1;
  const mine = SECTIONS.filter(([, r]) => RANK[r] <= rank);
  const cur = mine.find(([k]) => k === section) ? section : 'profile';
  return html`<div class="settings">
    <nav class="settings-nav" aria-label=${t('nav.settings')}>
      <h1>${t('nav.settings')}</h1>
      ${mine.map(([k]) => html`<a key=${k} href=${'/settings/' + k}
        onClick=${linkClick} class=${'snav' + (k === cur ? ' active' : '')}
        aria-current=${k === cur ? 'page' : undefined}>
        ${t('settings.' + k)}</a>`)}
    </nav>
    <section class="settings-body">${body(cur)}</section>
  </div>`;
}

function body(cur) {
  switch (cur) {
  case 'shortcuts': return html`<${Shortcuts} />`;
  case 'rules': return html`<${Rules} />`;
  case 'sla': return html`<${SlaPolicies} />`;
  case 'hours': return html`<${BusinessHours} />`;
  case 'assignment': return html`<${Assignment} />`;
  case 'agents': return html`<${Crud} key="agents" path="/api/v1/users"
    title=${t('settings.agents')} store="users" fields=${[
      { key: 'name', label: t('f.name'), required: true },
      { key: 'email', label: t('f.email'), type: 'email', required: true,
        createOnly: true },
      { key: 'role', label: t('f.role'), options: ['agent', 'supervisor',
        'administrator'].map((r) => [r, t('role.' + r)]) },
      { key: 'password', label: t('f.password'), type: 'password',
        createOnly: true, required: true },
      { key: 'disabled', label: t('f.disabled'), type: 'checkbox',
        editOnly: true },
    ]} columns=${[['name', t('f.name')], ['email', t('f.email')],
      ['role', t('f.role'), (v) => t('role.' + v)],
      ['disabled', t('f.state'), (v) => (v ? t('f.disabled')
        : t('f.active'))]]} noDelete />`;
  case 'teams': return html`<${Crud} key="teams" path="/api/v1/teams"
    title=${t('settings.teams')} store="teams" fields=${[
      { key: 'name', label: t('f.name'), required: true },
      { key: 'description', label: t('f.description') }]}
    columns=${[['name', t('f.name')], ['description', t('f.description')],
      ['member_count', t('f.members')]]} extra=${TeamMembers} />`;
  case 'labels': return html`<${Crud} key="labels" path="/api/v1/labels"
    title=${t('settings.labels')} store="labels" fields=${[
      { key: 'name', label: t('f.name'), required: true },
      { key: 'color', label: t('f.color'), type: 'color' }]}
    columns=${[['name', t('f.name'), (v, r) => html`<${Chip} label=${r} />`]]}
    />`;
  case 'canned': return html`<${Crud} key="canned"
    path="/api/v1/canned-replies" title=${t('settings.canned')}
    store="canned" fields=${[
      { key: 'shortcut', label: t('f.shortcut'), required: true },
      { key: 'title', label: t('f.title'), required: true },
      { key: 'body', label: t('f.body'), type: 'textarea', required: true },
      { key: 'intent', label: t('f.intent') }]}
    columns=${[['shortcut', t('f.shortcut'), (v) => '/' + v],
      ['title', t('f.title')], ['intent', t('f.intent')]]} />`;
  case 'attributes': return html`<${Crud} key="attributes"
    path="/api/v1/attributes" title=${t('settings.attributes')}
    store="attributes" fields=${[
      { key: 'key', label: t('f.key'), required: true, createOnly: true },
      { key: 'name', label: t('f.name'), required: true },
      { key: 'type', label: t('f.type'), options: ['text', 'number', 'date',
        'boolean', 'list'].map((x) => [x, x]) }]}
    columns=${[['key', t('f.key')], ['name', t('f.name')],
      ['type', t('f.type')]]} />`;
  case 'inboxes': return html`<${Crud} key="inboxes" path="/api/v1/inboxes"
    title=${t('settings.inboxes')} store="inboxes" fields=${[
      { key: 'name', label: t('f.name'), required: true }]}
    columns=${[['name', t('f.name')], ['phone_number', t('f.phone')],
      ['phone_number_id', 'phone_number_id']]} noCreate />`;
  case 'tokens': return html`<${Crud} key="tokens" path="/api/v1/tokens"
    title=${t('settings.tokens')} fields=${[
      { key: 'name', label: t('f.name'), required: true }]}
    columns=${[['name', t('f.name')], ['prefix', t('f.prefix')],
      ['created_at', t('f.created'), (v) => shortTime(v)],
      ['last_used_at', t('f.last_used'), (v) => (v ? shortTime(v) : '—')]]}
    noEdit showSecret="token" />`;
  default: return html`<${Profile} />`;
  }
}

// A table over a collection with create, edit and delete dialogs.
function Crud({ path, title, fields, columns, store, noCreate, noEdit,
  noDelete, extra: Extra, showSecret }) {
  const [rows, setRows] = useState(null);
  const [edit, setEdit] = useState(null);
  const [absent, setAbsent] = useState(false);
  const [secret, setSecret] = useState('');
  async function load() {
    try {
      const r = await get(path + '?limit=200');
      setRows(r.data || []);
      if (store) set({ [store]: r.data || [] });
    } catch (e) {
      if (missing(e)) setAbsent(true);
      else toast(e.message, { kind: 'error' });
      setRows([]);
    }
  }
  useEffect(() => { load(); }, [path]);
  async function save(values) {
    try {
      if (edit.id) await patch(path + '/' + edit.id, values);
      else {
        const r = await post(path, values);
        if (showSecret && r && r[showSecret]) setSecret(r[showSecret]);
      }
      setEdit(null);
      toast(t('common.saved'));
      load();
    } catch (e) { toast(e.message, { kind: 'error' }); }
  }
  async function remove(r) {
    if (!confirm(t('common.confirm_delete', { name: r.name || r.id })))
      return;
    try { await del(path + '/' + r.id); load(); } catch (e) {
      toast(e.message, { kind: 'error' });
    }
  }
  if (absent) return html`<h2>${title}</h2><${Empty}
    title=${t('settings.unavailable')} />`;
  return html`<div>
    <header class="page-head"><h2>${title}</h2>
      ${!noCreate && html`<button class="btn primary"
        onClick=${() => setEdit({})}>${t('common.add')}</button>`}</header>
    ${secret && html`<div class="secret" role="alert"><p>
      ${t('tokens.once')}</p><code>${secret}</code>
      <button class="btn small" onClick=${() => setSecret('')}>
        ${t('common.done')}</button></div>`}
    ${rows === null ? html`<p class="muted">${t('common.loading')}</p>`
      : rows.length === 0 ? html`<${Empty} title=${t('settings.none')} />`
      : html`<table class="table"><thead><tr>
        ${columns.map(([k, l]) => html`<th key=${k}>${l}</th>`)}
        <th class="narrow"><span class="sr-only">${t('common.actions')}
        </span></th></tr></thead>
        <tbody>${rows.map((r) => html`<tr key=${r.id}>
          ${columns.map(([k, , f]) => html`<td key=${k}>${f ? f(r[k], r)
            : r[k] == null ? '—' : String(r[k])}</td>`)}
          <td class="row-actions">
            ${!noEdit && html`<button class="btn small"
              onClick=${() => setEdit(r)}>${t('common.edit')}</button>`}
            ${!noDelete && html`<button class="btn small danger"
              onClick=${() => remove(r)}>${noEdit ? t('tokens.revoke')
                : t('common.delete')}</button>`}
          </td></tr>`)}</tbody></table>`}
    ${edit && html`<${Modal} title=${edit.id ? t('common.edit')
      : t('common.add')} onClose=${() => setEdit(null)}>
      <${Form} fields=${fields.filter((f) => (edit.id ? !f.createOnly
        : !f.editOnly))} initial=${edit} onSubmit=${save} />
      ${Extra && edit.id && html`<${Extra} row=${edit} />`}
    </${Modal}>`}
  </div>`;
}

function Form({ fields, initial, onSubmit }) {
  const [v, setV] = useState(() => Object.fromEntries(fields.map((f) =>
    [f.key, initial[f.key] ?? (f.options ? f.options[0][0] : f.type ===
      'color' ? '#4f46e5' : f.type === 'checkbox' ? false : '')])));
  const submit = (e) => {
    e.preventDefault();
    const out = {};
    for (const f of fields) if (initial[f.key] !== v[f.key]) out[f.key] =
      v[f.key];
    onSubmit(out);
  };
  return html`<form class="stack" onSubmit=${submit}>
    ${fields.map((f) => html`<label key=${f.key} class=${f.type ===
      'checkbox' ? 'check' : ''}>${f.type !== 'checkbox' && f.label}
      ${f.options ? html`<select value=${v[f.key]} onChange=${(e) =>
          setV({ ...v, [f.key]: e.target.value })}>${f.options.map(([o,
          l]) => html`<option value=${o}>${l}</option>`)}</select>`
        : f.type === 'textarea' ? html`<textarea rows="4" value=${v[f.key]}
          required=${f.required} onInput=${(e) => setV({ ...v,
          [f.key]: e.target.value })} />`
        : f.type === 'checkbox' ? html`<input type="checkbox"
          checked=${v[f.key]} onChange=${(e) => setV({ ...v,
          [f.key]: e.target.checked })} /> ${f.label}`
        : html`<input type=${f.type || 'text'} value=${v[f.key]}
          required=${f.required} onInput=${(e) => setV({ ...v,
          [f.key]: e.target.value })} />`}</label>`)}
    <button class="btn primary" type="submit">${t('common.save')}</button>
  </form>`;
}

function TeamMembers({ row }) {
  const s = useStore();
  const [members, setMembers] = useState([]);
  const base = '/api/v1/teams/' + row.id + '/members';
  const load = () => get(base).then((r) => setMembers((r.data || [])
    .map((m) => m.user_id || m.id))).catch(() => {});
  useEffect(() => { load(); }, [row.id]);
  async function flip(uid, on) {
    try { await (on ? put : del)(base + '/' + uid); load(); } catch (e) {
      toast(e.message, { kind: 'error' });
    }
  }
  return html`<fieldset class="members"><legend>${t('f.members')}</legend>
    ${s.users.map((u) => html`<label class="check" key=${u.id}>
      <input type="checkbox" checked=${members.includes(u.id)}
        onChange=${(e) => flip(u.id, e.target.checked)} />
      ${u.name || u.email}</label>`)}</fieldset>`;
}

function Profile() {
  const s = useStore();
  const [v, setV] = useState({ name: s.me.name || '', locale:
    s.me.locale || 'en', timezone: s.me.timezone || '' });
  const [pw, setPw] = useState({ current_password: '', new_password: '' });
  const zones = typeof Intl.supportedValuesOf === 'function'
    ? Intl.supportedValuesOf('timeZone') : [];
  async function save(e) {
    e.preventDefault();
    try {
      const change = {};
      for (const [k, x] of Object.entries(v))
        if (x !== '' && x !== (s.me[k] || '')) change[k] = x;
      const r = await patch('/api/v1/me', change);
      const user = (r && (r.user || r)) || {};
      set({ me: { ...s.me, ...v, ...user } });
      setLocale(v.locale, v.timezone);
      set({});
      toast(t('common.saved'));
    } catch (err) { toast(err.message, { kind: 'error' }); }
  }
  async function change(e) {
    e.preventDefault();
    try {
      await patch('/api/v1/me', pw);
      setPw({ current_password: '', new_password: '' });
      toast(t('profile.pw_changed'));
    } catch (err) { toast(err.message, { kind: 'error' }); }
  }
  return html`<div class="narrow-col">
    <h2>${t('settings.profile')}</h2>
    <form class="stack" onSubmit=${save}>
      <label>${t('f.name')}<input value=${v.name} onInput=${(e) =>
        setV({ ...v, name: e.target.value })} /></label>
      <label>${t('f.language')}<select value=${v.locale} onChange=${(e) =>
        setV({ ...v, locale: e.target.value })}>
        <option value="en">English</option><option value="ko">한국어</option>
      </select></label>
      <label>${t('f.timezone')}<input list="zones" value=${v.timezone}
        onInput=${(e) => setV({ ...v, timezone: e.target.value })} />
        <datalist id="zones">${zones.map((z) => html`<option value=${z} />`)}
        </datalist></label>
      <button class="btn primary" type="submit">${t('common.save')}</button>
    </form>
    <h3>${t('profile.password')}</h3>
    <form class="stack" onSubmit=${change}>
      <label>${t('profile.current')}<input type="password"
        autocomplete="current-password" value=${pw.current_password}
        onInput=${(e) => setPw({ ...pw, current_password: e.target.value })}
        /></label>
      <label>${t('profile.new')}<input type="password"
        autocomplete="new-password" value=${pw.new_password}
        onInput=${(e) => setPw({ ...pw, new_password: e.target.value })} />
      </label>
      <button class="btn" type="submit" disabled=${!pw.current_password ||
        !pw.new_password}>${t('profile.change')}</button>
    </form></div>`;
}

// User-defined shortcuts: a key combination inserts a canned reply.
// Stored on the server when it offers /me/shortcuts, else in this browser.
function Shortcuts() {
  const s = useStore();
  const [keys, setKeys] = useState('');
  const [canned, setCanned] = useState('');
  async function store(list) {
    set({ shortcuts: list });
    try { await put('/api/v1/me/shortcuts', { data: list }); } catch {
      localStorage.setItem('parley.shortcuts', JSON.stringify(list));
    }
  }
  function record(e) {
    if (['Control', 'Shift', 'Alt', 'Meta', 'Tab'].includes(e.key)) return;
    e.preventDefault();
    const parts = [];
    if (e.ctrlKey) parts.push('Ctrl');
    if (e.altKey) parts.push('Alt');
    if (e.shiftKey) parts.push('Shift');
    if (e.metaKey) parts.push('Meta');
    parts.push(e.key.length === 1 ? e.key.toUpperCase() : e.key);
    setKeys(parts.join('+'));
  }
  return html`<div class="narrow-col"><h2>${t('settings.shortcuts')}</h2>
    <p class="muted">${t('shortcuts.text')}</p>
    <ul class="plain">${(s.shortcuts || []).map((sc, i) => html`<li key=${i}>
      <kbd>${sc.keys}</kbd> → ${(s.canned.find((c) => c.id === sc.canned_id)
        || {}).title || '?'} <button class="btn small" onClick=${() =>
        store(s.shortcuts.filter((_, j) => j !== i))}>${t('common.delete')}
      </button></li>`)}</ul>
    ${s.canned.length === 0 ? html`<p class="muted">${t('shortcuts.nocanned')}
      </p>` : html`<form class="stack" onSubmit=${(e) => { e.preventDefault();
        if (keys && canned) store([...(s.shortcuts || []), { keys,
          canned_id: Number(canned) }]); setKeys(''); }}>
      <label>${t('shortcuts.keys')}<input value=${keys} readonly
        onKeyDown=${record} placeholder=${t('shortcuts.press')} /></label>
      <label>${t('shortcuts.canned')}<select value=${canned}
        onChange=${(e) => setCanned(e.target.value)}><option value="">—
        </option>${s.canned.map((c) => html`<option value=${String(c.id)}>
        ${c.title}</option>`)}</select></label>
      <button class="btn primary" type="submit" disabled=${!keys || !canned}>
        ${t('common.add')}</button></form>`}</div>`;
}
