// Activity lines in a thread: the private messages of type "activity" that
// record what people and automation did to a conversation, rendered as one
// compact centred sentence ("Rule ‘Welcome’ set priority to High").
import { html } from './html.js';
import { t, clockTime, fullTime } from './i18n.js';
import { userName, teamName } from './store.js';
import { PRIORITIES } from './ui.js';
import './locales/automation.js';

const str = (v) => (v == null ? '' : String(v));

// A value of a changed field in words: people and teams by name,
// priorities and statuses translated, an empty value as "nobody"/"none".
function valueText(action, v) {
  if (v == null || v === '' || v === 0) {
    if (action === 'assignee') return t('act.nobody');
    if (action === 'team') return t('act.no_team');
    if (action !== 'priority') return t('act.none');
  }
  switch (action) {
  case 'assignee': return userName(Number(v)) || '#' + v;
  case 'team': return teamName(Number(v)) || '#' + v;
  case 'priority': return t('prio.' + (PRIORITIES[Number(v)] || 'none'));
  case 'status': return t('status.' + v);
  case 'snoozed_until': return fullTime(Number(v));
  default: return typeof v === 'object' ? (v.name || JSON.stringify(v))
    : str(v);
  }
}

// What one automation action did, in words: "set priority to High".
export function didText(c) {
  const d = (c.detail && typeof c.detail === 'object') ? c.detail : c;
  const did = str(c.did);
  switch (did) {
  case 'set_priority': return t('act.did.set_priority', {
    value: valueText('priority', d.priority) });
  case 'assign': return d.user_id ? t('act.did.assign_user', {
    name: userName(Number(d.user_id)) || '#' + d.user_id })
    : d.team_id ? t('act.did.assign_team', { name: teamName(
      Number(d.team_id)) || '#' + d.team_id }) : t('act.did.assign_auto');
  case 'add_label': case 'remove_label': return t('act.did.' + did,
    { label: str(d.label) });
  case 'set_attribute': return t('act.did.set_attribute', {
    key: str(d.key), value: str(d.value) });
  case 'snooze': return t('act.did.snooze', { minutes: str(d.minutes) });
  case 'set_step': return d.step ? t('act.did.set_step', { step: d.step })
    : t('act.did.clear_step');
  case 'template': return t('act.did.template', { name: str(d.name) });
  case 'skipped': return t('act.did.skipped', { reason: str(c.reason ||
    d.reason) });
  case 'returned_to_queue': return t('act.did.returned_to_queue');
  case 'at_risk': case 'breached': return t('act.did.sla_' + did);
  default: return t('act.did.' + did) !== 'act.did.' + did
    ? t('act.did.' + did) : did.replace(/_/g, ' ');
  }
}

// The sentence for an activity message m.
export function activityText(m) {
  const c = (m.content && typeof m.content === 'object') ? m.content : {};
  const action = str(c.action);
  if (action === 'automation') {
    const rule = str(c.rule);
    if (rule === 'sla' && !c.rule_id) return t('act.sla', {
      what: didText(c) });
    if (rule === 'routing' && !c.rule_id) return t('act.routing', {
      what: didText(c) });
    return t('act.rule', { rule, what: didText(c) });
  }
  const who = m.sender && m.sender.type === 'user' && m.sender.id
    ? userName(m.sender.id) || '#' + m.sender.id : t('act.system');
  const to = valueText(action, c.to);
  switch (action) {
  case 'assignee': return c.to ? t('act.assigned', { who, to })
    : t('act.unassigned', { who });
  case 'team': return t('act.team', { who, to });
  case 'priority': return t('act.priority', { who, to });
  case 'status': return t('act.status.' + str(c.to)) !== 'act.status.' +
    str(c.to) ? t('act.status.' + str(c.to), { who })
    : t('act.status', { who, to });
  case 'snoozed_until': return c.to ? t('act.snoozed', { who, to })
    : t('act.unsnoozed', { who });
  case 'label_added': case 'label_removed': return t('act.' + action, {
    who, label: valueText('label', c.label || c.to || c.from) });
  default: return t('act.other', { who, what: action.replace(/_/g, ' ') });
  }
}

export function ActivityLine({ m }) {
  const auto = m.sender && m.sender.type === 'automation';
  return html`<div class=${'activity' + (auto ? ' auto' : '')}
    data-id=${m.id} data-type="activity" role="note">
    <span class="activity-text"><bdi>${activityText(m)}</bdi></span>
    <time title=${fullTime(m.created_at)}>${clockTime(m.created_at)}</time>
  </div>`;
}
