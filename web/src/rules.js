// The rules screen (settings, supervisors and up): the rules in evaluation
// order (drag or move up/down, enable, stop flag), the editor for event,
// condition groups and typed actions, and the tester beside it, which runs
// a sample message through the draft without side effects.
import { useEffect, useState } from 'preact/hooks';
import { html } from './html.js';
import { get, post, patch, del } from './api.js';
import { useStore, toast } from './store.js';
import { t } from './i18n.js';
import { Empty, PRIORITIES } from './ui.js';
import './locales/automation.js';

export const EVENTS = ['message.received', 'conversation.created',
  'conversation.opened', 'conversation.resolved', 'conversation.assigned',
  'conversation.priority_changed', 'time.no_agent_reply',
  'time.customer_waiting', 'time.window_closing', 'time.idle',
  'sla.at_risk', 'sla.breached'];

const TEXT_OPS = ['equals', 'not_equals', 'contains', 'not_contains',
  'starts_with', 'matches', 'keywords', 'in', 'is_set', 'not_set'];
const INT_OPS = ['equals', 'not_equals', 'in', 'gt', 'lt', 'is_set',
  'not_set'];
const FIELDS = {
  text: TEXT_OPS, type: TEXT_OPS, reply_id: TEXT_OPS, intent: TEXT_OPS,
  language: TEXT_OPS, sentiment: TEXT_OPS, status: TEXT_OPS,
  flow_step: TEXT_OPS, 'contact.name': TEXT_OPS, 'contact.phone': TEXT_OPS,
  inbox_id: INT_OPS, team_id: INT_OPS, assignee_id: INT_OPS,
  priority: INT_OPS, first_message: ['is'], business_hours: ['is'],
  label: ['has', 'not_has'],
};
const INT_FIELDS = ['inbox_id', 'team_id', 'assignee_id', 'priority'];
const LIST_OPS = ['keywords', 'in'];
const NO_VALUE = ['is_set', 'not_set'];

export const ACTIONS = ['reply', 'template', 'buttons', 'list', 'assign',
  'unassign', 'set_priority', 'add_label', 'remove_label', 'set_attribute',
  'note', 'snooze', 'resolve', 'reopen', 'webhook', 'csat', 'set_step',
  'apply_sla'];

const opsOf = (field) => FIELDS[field] || (field.startsWith('contact.')
  ? TEXT_OPS : TEXT_OPS);

// --- conditions: the server's JSON <-> the editor's rows ------------------

// Editor form of a condition document: groups {mode, items}, leaves
// {field, op, value} with lists as comma-separated text.
export function condFromJson(c) {
  if (!c || typeof c !== 'object' || Object.keys(c).length === 0)
    return { mode: 'all', items: [] };
  if (c.all || c.any) return { mode: c.all ? 'all' : 'any',
    items: (c.all || c.any).map(condFromJson) };
  if (c.not) {
    const g = condFromJson(c.not);
    return g.items ? { mode: 'none', items: g.items }
      : { mode: 'none', items: [g] };
  }
  const v = c.value;
  return { field: c.field || 'text', op: c.op || 'equals',
    value: Array.isArray(v) ? v.join(', ') : v == null ? '' : String(v) };
}

// A leaf's value in the type the server expects.
function leafValue(l) {
  const int = INT_FIELDS.includes(l.field);
  if (l.op === 'is') return l.value === 'true' || l.value === true;
  if (LIST_OPS.includes(l.op)) {
    const parts = String(l.value).split(',').map((x) => x.trim())
      .filter(Boolean);
    return int ? parts.map(Number) : parts;
  }
  return int ? Number(l.value) : String(l.value);
}

// The condition document for an editor group; an empty root is {}.
export function condToJson(g, root = true) {
  if (!g.items) {
    const out = { field: g.field, op: g.op };
    if (!NO_VALUE.includes(g.op)) out.value = leafValue(g);
    return out;
  }
  if (root && g.items.length === 0) return {};
  const items = g.items.map((x) => condToJson(x, false));
  if (g.mode === 'none') return { not: { any: items } };
  return { [g.mode]: items };
}

// --- actions: typed rows --------------------------------------------------

const lines = (v) => String(v || '').split('\n').map((x) => x.trim())
  .filter(Boolean);

// Editor form of an action: list members as text lines.
function actFromJson(a) {
  const x = { ...a };
  if (a.type === 'template') x.params = (a.params || []).join(', ');
  if (a.type === 'buttons') x.buttons = (a.buttons || []).map((b) =>
    `${b.id} | ${b.title}`).join('\n');
  if (a.type === 'list') x.rows = (a.rows || []).map((r) => [r.id, r.title,
    r.description].filter((p) => p != null).join(' | ')).join('\n');
  if (a.type === 'assign') x.mode = a.user_id ? 'user' : a.team_id ? 'team'
    : 'auto';
  return x;
}

// The server's JSON for an editor action row.
export function actToJson(x) {
  const split = (l) => l.split('|').map((p) => p.trim());
  switch (x.type) {
  case 'reply': case 'note': return { type: x.type, text: x.text || '' };
  case 'template': return { type: 'template', name: x.name || '',
    language: x.language || 'en', params: String(x.params || '')
      .split(',').map((p) => p.trim()).filter(Boolean) };
  case 'buttons': return { type: 'buttons', text: x.text || '',
    buttons: lines(x.buttons).map((l) => { const [id, title] = split(l);
      return { id, title: title || id }; }) };
  case 'list': return { type: 'list', text: x.text || '',
    button: x.button || '', rows: lines(x.rows).map((l) => {
      const [id, title, description] = split(l);
      return description ? { id, title: title || id, description }
        : { id, title: title || id }; }) };
  case 'assign': return x.mode === 'user' ? { type: 'assign',
    user_id: Number(x.user_id) } : x.mode === 'team' ? { type: 'assign',
    team_id: Number(x.team_id) } : { type: 'assign', auto: true };
  case 'set_priority': return { type: x.type,
    priority: Number(x.priority || 0) };
  case 'add_label': case 'remove_label': return { type: x.type,
    label: x.label || '' };
  case 'set_attribute': return { type: x.type, key: x.key || '',
    value: x.value || '' };
  case 'snooze': return { type: x.type, minutes: Number(x.minutes || 60) };
  case 'webhook': return x.secret ? { type: x.type, url: x.url || '',
    secret: x.secret } : { type: x.type, url: x.url || '' };
  case 'set_step': return { type: x.type, step: x.step || '' };
  case 'apply_sla': return { type: x.type,
    policy_id: Number(x.policy_id || 0) };
  default: return { type: x.type };
  }
}

// The rule document the server takes, from the editor's draft.
export function draftToRule(d) {
  const r = { name: d.name.trim(), enabled: d.enabled, event: d.event,
    stop: d.stop, reply_period_s: Math.round(Number(d.reply_min || 0) * 60),
    conditions: condToJson(d.cond), actions: d.actions.map(actToJson) };
  r.event_minutes = d.event.startsWith('time.')
    ? Number(d.event_minutes || 0) : 0;
  return r;
}

function ruleToDraft(r) {
  return { id: r.id, name: r.name || '', enabled: r.enabled !== false,
    event: r.event || 'message.received', stop: !!r.stop,
    event_minutes: r.event_minutes || 0,
    reply_min: r.reply_period_s ? r.reply_period_s / 60 : 0,
    cond: condFromJson(r.conditions),
    actions: (r.actions || []).map(actFromJson) };
}

const NEW_RULE = () => ruleToDraft({ name: '', event: 'message.received',
  conditions: { all: [{ field: 'text', op: 'keywords', value: [] }] },
  actions: [{ type: 'reply', text: '' }] });

// --- the screen -----------------------------------------------------------

export function Rules() {
  const [rules, setRules] = useState(null);
  const [draft, setDraft] = useState(null);
  const [dragging, setDragging] = useState(null);
  async function load() {
    try { setRules((await get('/api/v1/rules')).data || []); } catch (e) {
      toast(e.message, { kind: 'error' });
      setRules([]);
    }
  }
  useEffect(() => { load(); }, []);

  async function reorder(list) {
    setRules(list);
    try {
      const r = await post('/api/v1/rules/reorder', { ids: list.map((x) =>
        x.id) });
      if (r && r.data) setRules(r.data);
    } catch (e) { toast(e.message, { kind: 'error' }); load(); }
  }
  const move = (i, d) => {
    const j = i + d;
    if (j < 0 || j >= rules.length) return;
    const list = rules.slice();
    [list[i], list[j]] = [list[j], list[i]];
    reorder(list);
  };
  const drop = (to) => {
    if (dragging == null || dragging === to) return;
    const list = rules.slice();
    const [x] = list.splice(dragging, 1);
    list.splice(to, 0, x);
    setDragging(null);
    reorder(list);
  };
  async function flip(r, key) {
    try {
      const u = await patch('/api/v1/rules/' + r.id, { [key]: !r[key] });
      setRules(rules.map((x) => (x.id === r.id ? { ...x, ...(u || {}),
        [key]: !r[key] } : x)));
    } catch (e) { toast(e.message, { kind: 'error' }); }
  }
  async function remove(r) {
    if (!confirm(t('common.confirm_delete', { name: r.name }))) return;
    try {
      await del('/api/v1/rules/' + r.id);
      if (draft && draft.id === r.id) setDraft(null);
      load();
    } catch (e) { toast(e.message, { kind: 'error' }); }
  }
  async function save(d) {
    try {
      const body = draftToRule(d);
      if (d.id) await patch('/api/v1/rules/' + d.id, body);
      else await post('/api/v1/rules', body);
      toast(t('common.saved'));
      setDraft(null);
      load();
    } catch (e) { toast(e.message, { kind: 'error', timeout: 8000 }); }
  }

  return html`<div class="rules-page">
    <header class="page-head"><h2>${t('settings.rules')}</h2>
      <button class="btn primary" onClick=${() => setDraft(NEW_RULE())}>
        ${t('rules.new')}</button></header>
    <p class="muted">${t('rules.intro')}</p>
    <div class="rules-grid">
      <div class="rules-main">
        ${rules === null ? html`<p class="muted">${t('common.loading')}</p>`
          : rules.length === 0 ? html`<${Empty} title=${t('rules.none')} />`
          : html`<ol class="rule-list" aria-label=${t('rules.order')}>
            ${rules.map((r, i) => html`<${RuleRow} key=${r.id} r=${r} i=${i}
              last=${i === rules.length - 1} move=${move} flip=${flip}
              edit=${() => setDraft(ruleToDraft(r))} remove=${remove}
              editing=${draft && draft.id === r.id}
              onDragStart=${() => setDragging(i)} onDrop=${() => drop(i)}
              />`)}</ol>`}
        ${draft && html`<${Editor} key=${draft.id || 'new'} draft=${draft}
          setDraft=${setDraft} onSave=${save}
          onCancel=${() => setDraft(null)} />`}
      </div>
      <${Tester} rules=${rules || []} draft=${draft} />
    </div>
  </div>`;
}

function RuleRow({ r, i, last, move, flip, edit, remove, editing,
  onDragStart, onDrop }) {
  return html`<li class=${'rule-row' + (r.enabled ? '' : ' off') +
    (editing ? ' editing' : '')} draggable="true"
    onDragStart=${(e) => { e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', String(r.id)); onDragStart(); }}
    onDragOver=${(e) => e.preventDefault()}
    onDrop=${(e) => { e.preventDefault(); onDrop(); }}>
    <span class="grip" aria-hidden="true">⋮⋮</span>
    <span class="rule-pos">${i + 1}</span>
    <div class="rule-info">
      <strong><bdi>${r.name}</bdi></strong>
      <span class="muted">${t('event.' + r.event)}${r.event_minutes
        ? ' · ' + t('rules.after_min', { n: r.event_minutes }) : ''}
        · ${t('rules.n_actions', { n: (r.actions || []).length })}</span>
    </div>
    <label class="check small"><input type="checkbox" checked=${r.enabled}
      onChange=${() => flip(r, 'enabled')} />${t('rules.enabled')}</label>
    <label class="check small" title=${t('rules.stop_help')}><input
      type="checkbox" checked=${r.stop} onChange=${() => flip(r, 'stop')} />
      ${t('rules.stop')}</label>
    <span class="rule-btns">
      <button class="btn small icon" disabled=${i === 0}
        aria-label=${t('rules.up', { name: r.name })}
        onClick=${() => move(i, -1)}>↑</button>
      <button class="btn small icon" disabled=${last}
        aria-label=${t('rules.down', { name: r.name })}
        onClick=${() => move(i, 1)}>↓</button>
      <button class="btn small" onClick=${edit}>${t('common.edit')}</button>
      <button class="btn small danger" onClick=${() => remove(r)}>
        ${t('common.delete')}</button>
    </span>
  </li>`;
}

// --- the editor -----------------------------------------------------------

function Editor({ draft, setDraft, onSave, onCancel }) {
  const d = draft;
  const up = (k, v) => setDraft({ ...d, [k]: v });
  const submit = (e) => { e.preventDefault(); onSave(d); };
  return html`<form class="rule-editor" onSubmit=${submit}
    aria-label=${t('rules.editor')}>
    <h3>${d.id ? t('rules.edit') : t('rules.new')}</h3>
    <div class="row-fields">
      <label class="grow">${t('f.name')}<input name="rule-name"
        value=${d.name} required onInput=${(e) => up('name',
        e.target.value)} /></label>
      <label>${t('rules.event')}<select value=${d.event}
        onChange=${(e) => up('event', e.target.value)}>
        ${EVENTS.map((ev) => html`<option value=${ev}>${t('event.' + ev)}
        </option>`)}</select></label>
      ${d.event.startsWith('time.') && html`<label>${t('rules.minutes')}
        <input type="number" min="1" max="43200" required
          value=${d.event_minutes} onInput=${(e) => up('event_minutes',
          e.target.value)} /></label>`}
    </div>
    <fieldset class="cond-root"><legend>${t('rules.conditions')}</legend>
      <${Group} g=${d.cond} root onChange=${(g) => up('cond', g)} />
    </fieldset>
    <fieldset class="act-list"><legend>${t('rules.actions')}</legend>
      ${d.actions.map((a, i) => html`<${ActionRow} key=${i} a=${a} i=${i}
        onChange=${(x) => up('actions', d.actions.map((y, j) => (j === i
          ? x : y)))}
        onRemove=${() => up('actions', d.actions.filter((_, j) =>
          j !== i))} />`)}
      <button type="button" class="btn small" onClick=${() => up('actions',
        [...d.actions, { type: 'reply', text: '' }])}>
        + ${t('rules.add_action')}</button>
    </fieldset>
    <div class="row-fields">
      <label>${t('rules.reply_period')}<input type="number" min="0"
        value=${d.reply_min} onInput=${(e) => up('reply_min',
        e.target.value)} /></label>
      <label class="check"><input type="checkbox" checked=${d.stop}
        onChange=${(e) => up('stop', e.target.checked)} />
        ${t('rules.stop_help')}</label>
      <label class="check"><input type="checkbox" checked=${d.enabled}
        onChange=${(e) => up('enabled', e.target.checked)} />
        ${t('rules.enabled')}</label>
    </div>
    <div class="editor-btns">
      <button class="btn primary" type="submit">${t('rules.save')}</button>
      <button class="btn" type="button" onClick=${onCancel}>
        ${t('common.cancel')}</button>
    </div>
  </form>`;
}

// A condition group: all/any/none of its rows; rows are leaves or (one
// level down) nested groups.
function Group({ g, root, onChange }) {
  const set = (i, x) => onChange({ ...g, items: g.items.map((y, j) =>
    (j === i ? x : y)) });
  const drop = (i) => onChange({ ...g, items: g.items.filter((_, j) =>
    j !== i) });
  return html`<div class=${'cond-group' + (root ? ' root' : '')}>
    <label class="inline">${t('rules.match')}<select value=${g.mode}
      onChange=${(e) => onChange({ ...g, mode: e.target.value })}>
      ${['all', 'any', 'none'].map((m) => html`<option value=${m}>
        ${t('rules.mode.' + m)}</option>`)}</select></label>
    ${g.items.length === 0 && html`<p class="muted small">
      ${t('rules.always')}</p>`}
    ${g.items.map((x, i) => (x.items
      ? html`<div class="cond-nested" key=${i}><${Group} g=${x}
          onChange=${(y) => set(i, y)} />
          <button type="button" class="btn small danger"
            onClick=${() => drop(i)}>${t('rules.remove_group')}</button></div>`
      : html`<${Leaf} key=${i} l=${x} onChange=${(y) => set(i, y)}
          onRemove=${() => drop(i)} />`))}
    <div class="cond-add">
      <button type="button" class="btn small" onClick=${() => onChange({
        ...g, items: [...g.items, { field: 'text', op: 'contains',
          value: '' }] })}>+ ${t('rules.add_condition')}</button>
      ${root && html`<button type="button" class="btn small"
        onClick=${() => onChange({ ...g, items: [...g.items, { mode: 'any',
          items: [] }] })}>+ ${t('rules.add_group')}</button>`}
    </div>
  </div>`;
}

function Leaf({ l, onChange, onRemove }) {
  const s = useStore();
  const known = Object.keys(FIELDS);
  const attrs = s.attributes.map((a) => 'contact.' + a.key);
  const fields = [...known, ...attrs.filter((x) => !known.includes(x))];
  if (!fields.includes(l.field)) fields.push(l.field);
  const ops = opsOf(l.field);
  const setField = (f) => {
    const o = opsOf(f);
    onChange({ field: f, op: o.includes(l.op) ? l.op : o[0],
      value: o[0] === 'is' ? 'true' : l.value });
  };
  return html`<div class="cond-leaf">
    <select aria-label=${t('rules.field')} value=${l.field}
      onChange=${(e) => setField(e.target.value)}>
      ${fields.map((f) => html`<option value=${f}>${t('field.' + f) ===
        'field.' + f ? f : t('field.' + f)}</option>`)}</select>
    <select aria-label=${t('rules.operator')} value=${l.op}
      onChange=${(e) => onChange({ ...l, op: e.target.value })}>
      ${ops.map((o) => html`<option value=${o}>${t('op.' + o)}</option>`)}
    </select>
    ${l.op === 'is' ? html`<select aria-label=${t('rules.value')}
        value=${String(l.value)} onChange=${(e) => onChange({ ...l,
        value: e.target.value })}><option value="true">${t('common.yes')}
        </option><option value="false">${t('common.no')}</option></select>`
      : NO_VALUE.includes(l.op) ? html`<span class="cond-novalue"></span>`
      : l.field === 'priority' && !LIST_OPS.includes(l.op)
        ? html`<select aria-label=${t('rules.value')} value=${String(
          l.value || 0)} onChange=${(e) => onChange({ ...l,
          value: e.target.value })}>${PRIORITIES.map((p, i) => html`<option
          value=${String(i)}>${t('prio.' + p)}</option>`)}</select>`
        : html`<input aria-label=${t('rules.value')} value=${l.value}
          placeholder=${LIST_OPS.includes(l.op) ? t('rules.comma')
            : l.op === 'matches' ? t('rules.regex') : ''}
          onInput=${(e) => onChange({ ...l, value: e.target.value })} />`}
    <button type="button" class="btn small icon ghost"
      aria-label=${t('rules.remove_condition')} onClick=${onRemove}>×</button>
  </div>`;
}

// One typed action: its type, then the members that type takes.
function ActionRow({ a, i, onChange, onRemove }) {
  const s = useStore();
  const [slas, setSlas] = useState([]);
  useEffect(() => {
    if (a.type === 'apply_sla') get('/api/v1/sla-policies').then((r) =>
      setSlas(r.data || [])).catch(() => {});
  }, [a.type]);
  const up = (k, v) => onChange({ ...a, [k]: v });
  const input = (k, label, extra = {}) => html`<label class="grow">${label}
    <input value=${a[k] ?? ''} type=${extra.type || 'text'}
      required=${extra.required} placeholder=${extra.placeholder || ''}
      onInput=${(e) => up(k, e.target.value)} /></label>`;
  const area = (k, label, ph) => html`<label class="grow">${label}
    <textarea rows="2" value=${a[k] ?? ''} placeholder=${ph || ''}
      onInput=${(e) => up(k, e.target.value)} /></label>`;
  const pick = (k, label, opts) => html`<label>${label}<select
    value=${String(a[k] ?? '')} onChange=${(e) => up(k, e.target.value)}>
    ${opts.map(([v, l]) => html`<option value=${String(v)}>${l}</option>`)}
    </select></label>`;
  let members = null;
  switch (a.type) {
  case 'reply': case 'note': members = area('text', t('act.f.text'),
    t('act.f.vars')); break;
  case 'template': members = html`${input('name', t('f.name'))}
    ${input('language', t('f.language'), { placeholder: 'en' })}
    ${input('params', t('act.f.params'), { placeholder: t('rules.comma') })}`;
    break;
  case 'buttons': members = html`${area('text', t('act.f.text'))}
    ${area('buttons', t('act.f.buttons'), 'yes | Yes')}`; break;
  case 'list': members = html`${area('text', t('act.f.text'))}
    ${input('button', t('act.f.button'))}
    ${area('rows', t('act.f.rows'), 'id | title | description')}`; break;
  case 'assign': members = html`${pick('mode', t('act.f.assign_to'),
    [['auto', t('act.f.auto')], ['user', t('act.f.agent')],
      ['team', t('act.f.team')]])}
    ${a.mode === 'user' && pick('user_id', t('act.f.agent'), [['', '—'],
      ...s.users.map((u) => [u.id, u.name || u.email])])}
    ${a.mode === 'team' && pick('team_id', t('act.f.team'), [['', '—'],
      ...s.teams.map((x) => [x.id, x.name])])}`; break;
  case 'set_priority': members = pick('priority', t('action.priority'),
    PRIORITIES.map((p, j) => [j, t('prio.' + p)])); break;
  case 'add_label': case 'remove_label': members = input('label',
    t('act.f.label'), { required: true }); break;
  case 'set_attribute': members = html`${input('key', t('f.key'))}
    ${input('value', t('act.f.value'))}`; break;
  case 'snooze': members = input('minutes', t('rules.minutes'),
    { type: 'number' }); break;
  case 'webhook': members = html`${input('url', 'URL', { type: 'url',
    required: true })} ${input('secret', t('act.f.secret'))}`; break;
  case 'set_step': members = input('step', t('act.f.step')); break;
  case 'apply_sla': members = pick('policy_id', t('settings.sla'),
    [['', '—'], ...slas.map((p) => [p.id, p.name])]); break;
  default: break;
  }
  return html`<div class="act-row">
    <label>${t('act.f.type', { n: i + 1 })}<select value=${a.type}
      onChange=${(e) => onChange(actFromJson({ type: e.target.value }))}>
      ${ACTIONS.map((x) => html`<option value=${x}>${t('action.t.' + x)}
      </option>`)}</select></label>
    ${members}
    <button type="button" class="btn small icon ghost act-x"
      aria-label=${t('rules.remove_action')} onClick=${onRemove}>×</button>
  </div>`;
}

// --- the tester -----------------------------------------------------------

// The rules to test: the stored ones with the draft in its place (or
// last, when new), so an unsaved edit can be tried first.
function testRules(rules, draft) {
  const list = rules.map((r) => ({ ...r }));
  if (!draft) return list;
  const doc = { ...draftToRule(draft), id: draft.id || 0 };
  const i = list.findIndex((r) => r.id === draft.id);
  if (draft.id && i >= 0) list[i] = { ...list[i], ...doc };
  else list.push({ ...doc, position: list.length });
  return list;
}

function Tester({ rules, draft }) {
  const [f, setF] = useState({ text: '', language: '', intent: '',
    flow_step: '', first_message: false, business_hours: true,
    event: 'message.received' });
  const [out, setOut] = useState(null);
  const [err, setErr] = useState('');
  const up = (k, v) => setF({ ...f, [k]: v });
  async function run(e) {
    e.preventDefault();
    setErr('');
    try {
      const r = await post('/api/v1/rules/test', {
        event: draft ? draft.event : f.event,
        message: { text: f.text, type: 'text', language: f.language || null,
          intent: f.intent || null },
        facts: { flow_step: f.flow_step, first_message: f.first_message,
          business_hours: f.business_hours, status: 'open' },
        rules: testRules(rules, draft) });
      setOut(r);
    } catch (x) { setOut(null); setErr(x.message); }
  }
  const matched = out ? (out.rules || []).filter((r) => r.matched) : [];
  return html`<aside class="tester" aria-labelledby="tester-h">
    <h3 id="tester-h">${t('tester.title')}</h3>
    <p class="muted small">${draft ? t('tester.with_draft')
      : t('tester.stored')}</p>
    <form class="stack" onSubmit=${run}>
      <label>${t('tester.message')}<textarea rows="3" name="sample"
        value=${f.text} onInput=${(e) => up('text', e.target.value)} />
      </label>
      <div class="row-fields">
        <label>${t('field.language')}<input value=${f.language} size="4"
          placeholder="en" onInput=${(e) => up('language',
          e.target.value)} /></label>
        <label>${t('field.intent')}<input value=${f.intent} size="10"
          onInput=${(e) => up('intent', e.target.value)} /></label>
      </div>
      <label>${t('field.flow_step')}<input value=${f.flow_step}
        onInput=${(e) => up('flow_step', e.target.value)} /></label>
      <label class="check"><input type="checkbox" checked=${f.first_message}
        onChange=${(e) => up('first_message', e.target.checked)} />
        ${t('field.first_message')}</label>
      <label class="check"><input type="checkbox"
        checked=${f.business_hours} onChange=${(e) => up('business_hours',
        e.target.checked)} />${t('field.business_hours')}</label>
      <button class="btn primary" type="submit">${t('tester.run')}</button>
    </form>
    ${err && html`<p class="form-error" role="alert">${err}</p>`}
    ${out && html`<div class="tester-out" role="status">
      <h4>${t('tester.matched', { n: matched.length })}</h4>
      <ul class="plain">${(out.rules || []).map((r) => html`<li
        key=${r.rule_id} class=${r.matched ? 'hit' : 'miss'}>
        <span aria-hidden="true">${r.matched ? '✓' : '·'}</span>
        <bdi>${r.name}</bdi>${r.matched ? '' : html` <span class="muted">
        ${t('tester.no_match')}</span>`}${r.suppressed && html` <span
        class="muted">${t('tester.suppressed')}</span>`}</li>`)}</ul>
      <h4>${t('tester.would')}</h4>
      ${(out.actions || []).length === 0 ? html`<p class="muted">
        ${t('tester.nothing')}</p>` : html`<ol class="plain tester-acts">
        ${out.actions.map((a, i) => html`<li key=${i}><strong>
          ${t('action.t.' + a.action.type)}</strong> <span class="muted">
          ${a.rule}</span>${actionSummary(a.action) && html`<div
          class="act-detail"><bdi>${actionSummary(a.action)}</bdi></div>`}
          </li>`)}</ol>`}
    </div>`}
  </aside>`;
}

// The visible part of a rendered action: the text it would send, the
// label, the priority.
function actionSummary(a) {
  if (a.text) return a.text;
  if (a.type === 'set_priority') return t('prio.' + PRIORITIES[a.priority]);
  if (a.label) return a.label;
  if (a.name) return a.name;
  if (a.step != null) return a.step;
  if (a.url) return a.url;
  return '';
}
