// Automation settings besides rules (SLA policies, business hours per
// inbox, assignment policies and agents' skills) and the conversation's
// automation panel: SLA state, place in the queue and what automation did.
import { useEffect, useState } from 'preact/hooks';
import { html } from './html.js';
import { get, post, put, del, missing } from './api.js';
import { useStore, toast, teamName } from './store.js';
import { t, fullTime, relative, shortTime } from './i18n.js';
import { Empty } from './ui.js';
import { on } from './bus.js';
import { didText } from './activity.js';
import './locales/automation.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

// Load a collection once; returns [rows|null, reload].
function useList(path) {
  const [rows, setRows] = useState(null);
  const load = () => get(path).then((r) => setRows((r && r.data) || []))
    .catch((e) => { if (!missing(e)) toast(e.message, { kind: 'error' });
      setRows([]); });
  useEffect(() => { load(); }, [path]);
  return [rows, load];
}

// "1 h 30 min" for a number of seconds.
function duration(s) {
  if (!s) return '—';
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return [h && t('dur.h', { n: h }), m && t('dur.min', { n: m })]
    .filter(Boolean).join(' ') || t('dur.min', { n: 0 });
}

// --- SLA policies ---------------------------------------------------------

export function SlaPolicies() {
  const [rows, load] = useList('/api/v1/sla-policies');
  const blank = { name: '', first: '', next: '', resolution: '',
    business_hours_only: false, at_risk_pct: 80 };
  const [v, setV] = useState(blank);
  const up = (k, x) => setV({ ...v, [k]: x });
  async function add(e) {
    e.preventDefault();
    const min = (x) => Math.round(Number(x || 0) * 60);
    try {
      await post('/api/v1/sla-policies', { name: v.name.trim(),
        first_response_s: min(v.first), next_response_s: min(v.next),
        resolution_s: min(v.resolution),
        business_hours_only: v.business_hours_only,
        at_risk_pct: Number(v.at_risk_pct) || 80 });
      setV(blank);
      toast(t('common.saved'));
      load();
    } catch (x) { toast(x.message, { kind: 'error', timeout: 8000 }); }
  }
  async function remove(p) {
    if (!confirm(t('common.confirm_delete', { name: p.name }))) return;
    try { await del('/api/v1/sla-policies/' + p.id); load(); } catch (x) {
      toast(x.message, { kind: 'error' });
    }
  }
  return html`<div>
    <header class="page-head"><h2>${t('settings.sla')}</h2></header>
    <p class="muted">${t('sla.intro')}</p>
    ${rows === null ? html`<p class="muted">${t('common.loading')}</p>`
      : rows.length === 0 ? html`<${Empty} title=${t('sla.none')} />`
      : html`<div class="table-wrap"><table class="table"><thead><tr>
        <th>${t('f.name')}</th><th>${t('sla.first')}</th>
        <th>${t('sla.next')}</th><th>${t('sla.resolution')}</th>
        <th>${t('sla.at_risk_pct')}</th><th>${t('sla.bh_only')}</th>
        <th class="narrow"><span class="sr-only">${t('common.actions')}
        </span></th></tr></thead><tbody>
        ${rows.map((p) => html`<tr key=${p.id}><td>${p.name}</td>
          <td>${duration(p.first_response_s)}</td>
          <td>${duration(p.next_response_s)}</td>
          <td>${duration(p.resolution_s)}</td><td>${p.at_risk_pct} %</td>
          <td>${p.business_hours_only ? t('common.yes') : t('common.no')}</td>
          <td><button class="btn small danger" onClick=${() => remove(p)}>
            ${t('common.delete')}</button></td></tr>`)}
        </tbody></table></div>`}
    <h3>${t('sla.add')}</h3>
    <form class="stack narrow-col" onSubmit=${add}>
      <label>${t('f.name')}<input required value=${v.name}
        onInput=${(e) => up('name', e.target.value)} /></label>
      ${[['first', 'sla.first'], ['next', 'sla.next'],
        ['resolution', 'sla.resolution']].map(([k, l]) => html`<label
        key=${k}>${t(l)} (${t('sla.minutes')})<input type="number" min="0"
        value=${v[k]} onInput=${(e) => up(k, e.target.value)} /></label>`)}
      <label>${t('sla.at_risk_pct')}<input type="number" min="1" max="99"
        value=${v.at_risk_pct} onInput=${(e) => up('at_risk_pct',
        e.target.value)} /></label>
      <label class="check"><input type="checkbox"
        checked=${v.business_hours_only} onChange=${(e) => up(
        'business_hours_only', e.target.checked)} />${t('sla.bh_only')}
      </label>
      <button class="btn primary" type="submit">${t('common.add')}</button>
    </form>
  </div>`;
}

// --- business hours -------------------------------------------------------

export function BusinessHours() {
  const s = useStore();
  const [inbox, setInbox] = useState(s.inboxes[0] ? String(s.inboxes[0].id)
    : '');
  useEffect(() => {
    if (!inbox && s.inboxes[0]) setInbox(String(s.inboxes[0].id));
  }, [s.inboxes.length]);
  return html`<div>
    <header class="page-head"><h2>${t('settings.hours')}</h2></header>
    <p class="muted">${t('hours.intro')}</p>
    ${s.inboxes.length === 0 ? html`<${Empty} title=${t('hours.no_inbox')} />`
      : html`<label class="inline">${t('hours.inbox')}<select value=${inbox}
        onChange=${(e) => setInbox(e.target.value)}>${s.inboxes.map((i) =>
        html`<option value=${String(i.id)}>${i.name}</option>`)}</select>
        </label>
        ${inbox && html`<${HoursForm} key=${inbox} inbox=${inbox} />`}`}
  </div>`;
}

function HoursForm({ inbox }) {
  const [h, setH] = useState(null);
  const [none, setNone] = useState(false);
  const zones = typeof Intl.supportedValuesOf === 'function'
    ? Intl.supportedValuesOf('timeZone') : [];
  useEffect(() => {
    get('/api/v1/business-hours/' + inbox).then((r) => {
      const x = (r && r.hours) || {};
      setH({ timezone: x.timezone || 'UTC', weekly: x.weekly || [],
        holidays: (x.holidays || []).join('\n') });
    }).catch(() => {
      setNone(true);
      setH({ timezone: Intl.DateTimeFormat().resolvedOptions().timeZone ||
        'UTC', weekly: DAYS.slice(0, 5).map((day) => ({ day, open: '09:00',
        close: '18:00' })), holidays: '' });
    });
  }, [inbox]);
  if (!h) return html`<p class="muted">${t('common.loading')}</p>`;
  const setRow = (i, k, v) => setH({ ...h, weekly: h.weekly.map((w, j) =>
    (j === i ? { ...w, [k]: v } : w)) });
  async function save(e) {
    e.preventDefault();
    try {
      await put('/api/v1/business-hours/' + inbox, { timezone: h.timezone,
        weekly: h.weekly, holidays: h.holidays.split(/[\s,]+/)
          .filter(Boolean) });
      setNone(false);
      toast(t('common.saved'));
    } catch (x) { toast(x.message, { kind: 'error', timeout: 8000 }); }
  }
  return html`<form class="stack hours" onSubmit=${save}>
    ${none && html`<p class="muted">${t('hours.none')}</p>`}
    <label>${t('f.timezone')}<input list="bh-zones" value=${h.timezone}
      required onInput=${(e) => setH({ ...h, timezone: e.target.value })} />
      <datalist id="bh-zones">${zones.map((z) => html`<option value=${z} />`)}
      </datalist></label>
    <fieldset class="stack"><legend>${t('hours.weekly')}</legend>
      ${h.weekly.map((w, i) => html`<div class="hours-row" key=${i}>
        <select aria-label=${t('hours.day')} value=${w.day}
          onChange=${(e) => setRow(i, 'day', e.target.value)}>
          ${DAYS.map((d) => html`<option value=${d}>${t('day.' + d)}
          </option>`)}</select>
        <input type="time" aria-label=${t('hours.open')} value=${w.open}
          required onInput=${(e) => setRow(i, 'open', e.target.value)} />
        <span aria-hidden="true">–</span>
        <input aria-label=${t('hours.close')} value=${w.close} required
          pattern="([01][0-9]|2[0-3]):[0-5][0-9]|24:00" size="5"
          onInput=${(e) => setRow(i, 'close', e.target.value)} />
        <button type="button" class="btn small icon ghost"
          aria-label=${t('hours.remove')} onClick=${() => setH({ ...h,
          weekly: h.weekly.filter((_, j) => j !== i) })}>×</button>
      </div>`)}
      <button type="button" class="btn small" onClick=${() => setH({ ...h,
        weekly: [...h.weekly, { day: 'mon', open: '09:00',
          close: '18:00' }] })}>+ ${t('hours.add')}</button>
    </fieldset>
    <label>${t('hours.holidays')}<textarea rows="3" value=${h.holidays}
      placeholder="2026-12-25" onInput=${(e) => setH({ ...h,
      holidays: e.target.value })} /></label>
    <p class="muted small">${t('hours.ooh')}</p>
    <button class="btn primary" type="submit">${t('common.save')}</button>
  </form>`;
}

// --- assignment policies and skills ---------------------------------------

export function Assignment() {
  const s = useStore();
  const [rows, load] = useList('/api/v1/assignment-policies');
  const blank = { scope: 'team', target: '', mode: 'least_loaded',
    capacity: 10, skills: '', reassign_after_min: 0 };
  const [v, setV] = useState(blank);
  const up = (k, x) => setV({ ...v, [k]: x });
  async function add(e) {
    e.preventDefault();
    try {
      await post('/api/v1/assignment-policies', {
        [v.scope === 'team' ? 'team_id' : 'inbox_id']: Number(v.target),
        mode: v.mode, capacity: Number(v.capacity) || 0,
        skills: v.skills.split(',').map((x) => x.trim()).filter(Boolean),
        reassign_after_min: Number(v.reassign_after_min) || 0 });
      setV(blank);
      toast(t('common.saved'));
      load();
    } catch (x) { toast(x.message, { kind: 'error', timeout: 8000 }); }
  }
  async function remove(p) {
    if (!confirm(t('common.confirm_delete', { name: '#' + p.id }))) return;
    try { await del('/api/v1/assignment-policies/' + p.id); load(); }
    catch (x) { toast(x.message, { kind: 'error' }); }
  }
  const inboxName = (id) => (s.inboxes.find((i) => i.id === id) || {}).name
    || '#' + id;
  const targets = v.scope === 'team' ? s.teams : s.inboxes;
  return html`<div>
    <header class="page-head"><h2>${t('settings.assignment')}</h2></header>
    <p class="muted">${t('assign.intro')}</p>
    ${rows === null ? html`<p class="muted">${t('common.loading')}</p>`
      : rows.length === 0 ? html`<${Empty} title=${t('assign.none')} />`
      : html`<div class="table-wrap"><table class="table"><thead><tr>
        <th>${t('assign.applies')}</th><th>${t('assign.mode')}</th>
        <th>${t('assign.capacity')}</th><th>${t('assign.skills')}</th>
        <th>${t('assign.reassign')}</th><th class="narrow"><span
        class="sr-only">${t('common.actions')}</span></th></tr></thead><tbody>
        ${rows.map((p) => html`<tr key=${p.id}>
          <td>${p.team_id ? t('assign.team_x', { name: teamName(p.team_id) ||
            '#' + p.team_id }) : t('assign.inbox_x', {
            name: inboxName(p.inbox_id) })}</td>
          <td>${t('assign.mode.' + p.mode)}</td>
          <td>${p.capacity || t('assign.unlimited')}</td>
          <td>${(p.skills || []).join(', ') || '—'}</td>
          <td>${p.reassign_after_min ? t('dur.min', {
            n: p.reassign_after_min }) : '—'}</td>
          <td><button class="btn small danger" onClick=${() => remove(p)}>
            ${t('common.delete')}</button></td></tr>`)}
        </tbody></table></div>`}
    <h3>${t('assign.add')}</h3>
    <form class="stack narrow-col" onSubmit=${add}>
      <div class="row-fields">
        <label>${t('assign.scope')}<select value=${v.scope}
          onChange=${(e) => setV({ ...v, scope: e.target.value,
            target: '' })}>
          <option value="team">${t('assign.scope.team')}</option>
          <option value="inbox">${t('assign.scope.inbox')}</option></select>
        </label>
        <label class="grow">${v.scope === 'team' ? t('assign.scope.team')
          : t('assign.scope.inbox')}<select required value=${v.target}
          onChange=${(e) => up('target', e.target.value)}>
          <option value="">—</option>${targets.map((x) => html`<option
          value=${String(x.id)}>${x.name}</option>`)}</select></label>
      </div>
      <label>${t('assign.mode')}<select value=${v.mode}
        onChange=${(e) => up('mode', e.target.value)}>
        <option value="least_loaded">${t('assign.mode.least_loaded')}
        </option><option value="round_robin">${t('assign.mode.round_robin')}
        </option></select></label>
      <label>${t('assign.capacity')}<input type="number" min="0" max="1000"
        value=${v.capacity} onInput=${(e) => up('capacity',
        e.target.value)} /></label>
      <label>${t('assign.skills')}<input value=${v.skills}
        placeholder="lang:ko, billing" onInput=${(e) => up('skills',
        e.target.value)} /></label>
      <label>${t('assign.reassign')}<input type="number" min="0"
        value=${v.reassign_after_min} onInput=${(e) => up(
        'reassign_after_min', e.target.value)} /></label>
      <button class="btn primary" type="submit">${t('common.add')}</button>
    </form>
    <${Skills} />
  </div>`;
}

// Agents' skills. The server has no read of skills yet, so the field
// shows what was set here in this browser session.
// TODO: show stored skills once the users API returns them.
function Skills() {
  const s = useStore();
  const [vals, setVals] = useState({});
  async function save(u) {
    try {
      const skills = String(vals[u.id] || '').split(',').map((x) => x.trim())
        .filter(Boolean);
      await put('/api/v1/agents/' + u.id + '/skills', { skills });
      toast(t('assign.skills_saved', { name: u.name || u.email }));
    } catch (x) { toast(x.message, { kind: 'error' }); }
  }
  return html`<section><h3>${t('assign.agent_skills')}</h3>
    <p class="muted small">${t('assign.skills_help')}</p>
    <ul class="plain skills">${s.users.filter((u) => !u.disabled).map((u) =>
      html`<li key=${u.id}><form class="skill-row" onSubmit=${(e) => {
        e.preventDefault(); save(u); }}>
        <label class="grow">${u.name || u.email}<input value=${vals[u.id] ||
          ''} placeholder="lang:ko, billing" onInput=${(e) => setVals({
          ...vals, [u.id]: e.target.value })} /></label>
        <button class="btn small" type="submit">${t('common.save')}</button>
      </form></li>`)}</ul></section>`;
}

// --- the conversation's automation ----------------------------------------

const SLA_CLASS = { on_track: 'ok', met: 'ok', at_risk: 'warn',
  breached: 'bad' };

// SLA state, queue position and automation history of conversation id,
// refreshed when an activity line arrives for it.
export function AutomationPanel({ id }) {
  const [a, setA] = useState(null);
  const [absent, setAbsent] = useState(false);
  const [policy, setPolicy] = useState(null);
  const load = () => get('/api/v1/conversations/' + id + '/automation')
    .then(setA).catch((e) => { if (missing(e) || e.status === 403)
      setAbsent(true); });
  useEffect(() => { load(); }, [id]);
  useEffect(() => on((type, d) => {
    const m = d && (d.message || d);
    if (type === 'message.created' && m && m.conversation_id === id &&
        m.type === 'activity') load();
    if (type === 'conversation.updated' && m && m.id === id) load();
  }), [id]);
  useEffect(() => {
    if (!a || !a.sla_policy_id) return;
    get('/api/v1/sla-policies').then((r) => setPolicy((r.data || []).find(
      (p) => p.id === a.sla_policy_id) || null)).catch(() => {});
  }, [a && a.sla_policy_id]);
  if (absent) return null;
  if (!a) return html`<section class="contact-sec auto-panel"><h4>
    ${t('auto.title')}</h4><p class="muted">${t('common.loading')}</p>
    </section>`;
  const st = a.sla_state && a.sla_state !== 'none' ? a.sla_state : '';
  const due = a.sla_due_at || (a.sla && a.sla.due_at);
  const q = a.queue;
  return html`<section class="contact-sec auto-panel"
    aria-label=${t('auto.title')}>
    <h4>${t('auto.title')}</h4>
    <div class="field"><span class="field-label">${t('auto.sla')}</span>
      ${st ? html`<span class=${'sla-badge ' + (SLA_CLASS[st] || '')}
        data-sla=${st}>${t('sla.state.' + st)}${due ? html` · <time
        title=${fullTime(due)}>${t('auto.due', { when: relative(due) })}
        </time>` : ''}</span>${policy && html`<span class="muted small">
        ${policy.name} · ${t('sla.first')} ${duration(
          policy.first_response_s)}</span>`}` : html`<span class="muted">
        ${t('auto.no_sla')}</span>`}</div>
    <div class="field"><span class="field-label">${t('auto.queue')}</span>
      ${q ? html`<span data-queue=${q.position}>${t('auto.position', {
        n: q.position })} · ${t('auto.wait', { d: duration(Math.round(
        (q.expected_wait_ms || 0) / 1000)) })}</span>`
        : html`<span class="muted">${t('auto.not_queued')}</span>`}</div>
    ${a.flow_step && html`<div class="field"><span class="field-label">
      ${t('field.flow_step')}</span><code>${a.flow_step}</code></div>`}
    <h4 class="auto-h">${t('auto.history')}</h4>
    ${(a.actions || []).length === 0 ? html`<p class="muted">
      ${t('auto.nothing')}</p>` : html`<ol class="auto-history">
      ${a.actions.map((x, i) => html`<li key=${i}><span>
        <strong><bdi>${x.rule === 'sla' && !x.rule_id ? t('auto.sla')
          : x.rule === 'routing' && !x.rule_id ? t('auto.routing')
            : x.rule}</bdi></strong> ${didText(x)}</span>
        ${x.at ? html`<time class="muted" title=${fullTime(x.at)}>
          ${shortTime(x.at)}</time>` : ''}</li>`)}</ol>`}
  </section>`;
}
