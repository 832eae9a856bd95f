// One message of a thread, for every type the Cloud API delivers. All
// customer content is rendered as text nodes (htm never parses strings as
// markup); links are built only for our own media URLs and for a map
// link made from numbers.
import { html } from './html.js';
import { t, clockTime, fullTime, bytes } from './i18n.js';
import { Icon } from './ui.js';
import { userName } from './store.js';
import { ActivityLine, activityText } from './activity.js';

const str = (v) => (typeof v === 'string' ? v : v == null ? '' : String(v));

// A one-line summary of a message for the conversation list.
export function previewText(m) {
  const c = m.content || {};
  if (m.text) return m.text;
  switch (m.type) {
  case 'image': return '📷 ' + (str(c.caption) || t('msg.image'));
  case 'video': return '🎬 ' + (str(c.caption) || t('msg.video'));
  case 'audio': return '🎤 ' + t(c.voice ? 'msg.voice' : 'msg.audio');
  case 'document': return '📄 ' + (str(c.filename) || t('msg.document'));
  case 'sticker': return t('msg.sticker');
  case 'location': return '📍 ' + (str(c.name) || t('msg.location'));
  case 'contacts': return '👤 ' + t('msg.contacts');
  case 'reaction': return str(c.emoji) + ' ' + t('msg.reaction');
  case 'template': return t('msg.template');
  case 'activity': return activityText(m);
  default: return t('msg.unsupported', { type: str(m.type) });
  }
}

// Only our own media endpoint is ever used as a URL; anything else the
// server might pass through is ignored.
function mediaUrl(m) {
  const md = (m.media && m.media[0]) || null;
  if (!md || !md.id || md.state === 'failed') return null;
  return '/api/v1/media/' + encodeURIComponent(md.id);
}

function Caption({ text }) {
  return text ? html`<p class="msg-text"><bdi>${text}</bdi></p>` : null;
}

function MediaPending({ m, label }) {
  const md = (m.media && m.media[0]) || {};
  return html`<div class="media-missing"><${Icon} name="doc" />
    ${md.state === 'failed' ? t('msg.media_failed') : label}</div>`;
}

function Image({ m, onZoom }) {
  const url = mediaUrl(m);
  const c = m.content || {};
  return html`<div class="msg-media">
    ${url ? html`<button class="thumb" onClick=${() => onZoom(url)}
        aria-label=${t('msg.open_image')}>
        <img src=${url} alt=${str(c.caption) || t('msg.image')}
          loading="lazy" /></button>`
      : html`<${MediaPending} m=${m} label=${t('msg.image')} />`}
    <${Caption} text=${str(c.caption)} /></div>`;
}

function Audio({ m }) {
  const url = mediaUrl(m);
  const c = m.content || {};
  return html`<div class="msg-media">
    <span class="media-kind">${t(c.voice ? 'msg.voice' : 'msg.audio')}</span>
    ${url ? html`<audio controls preload="none" src=${url}></audio>`
      : html`<${MediaPending} m=${m} label=${t('msg.audio')} />`}</div>`;
}

function Video({ m }) {
  const url = mediaUrl(m);
  const c = m.content || {};
  return html`<div class="msg-media">
    ${url ? html`<video controls preload="metadata" src=${url}></video>`
      : html`<${MediaPending} m=${m} label=${t('msg.video')} />`}
    <${Caption} text=${str(c.caption)} /></div>`;
}

function Document({ m }) {
  const url = mediaUrl(m);
  const c = m.content || {};
  const md = (m.media && m.media[0]) || {};
  const name = str(c.filename || md.filename) || t('msg.document');
  const body = html`<${Icon} name="doc" size=${22} /><span class="doc-text">
    <bdi class="doc-name">${name}</bdi>
    <span class="doc-size">${bytes(md.size)} ${str(md.mime_type)}</span>
    </span>`;
  return html`<div class="msg-media">
    ${url ? html`<a class="doc" href=${url} download=${name}>${body}</a>`
      : html`<div class="doc">${body}</div>`}
    <${Caption} text=${str(c.caption)} /></div>`;
}

function Location({ m }) {
  const c = m.content || {};
  const lat = Number(c.latitude);
  const lon = Number(c.longitude);
  const ok = Number.isFinite(lat) && Number.isFinite(lon) &&
    Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  const url = ok ? `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}` +
    `#map=16/${lat}/${lon}` : null;
  return html`<div class="loc"><${Icon} name="pin" size=${22} />
    <span><bdi class="loc-name">${str(c.name) || t('msg.location')}</bdi>
      ${c.address && html`<bdi class="loc-addr">${str(c.address)}</bdi>`}
      ${url && html`<a href=${url} target="_blank"
        rel="noopener noreferrer">${t('msg.open_map')}</a>`}
    </span></div>`;
}

function Contacts({ m }) {
  const list = Array.isArray(m.content) ? m.content
    : (m.content && m.content.contacts) || [];
  return html`<div class="cards">${list.map((c, i) => {
    const name = c.name && (c.name.formatted_name || c.name.first_name);
    return html`<div class="card" key=${i}><${Icon} name="user" />
      <span><bdi class="card-name">${str(name) || t('msg.contact')}</bdi>
      ${(c.phones || []).map((p) => html`<span class="card-phone">
        ${str(p.phone || p.wa_id)}</span>`)}
      ${(c.emails || []).map((p) => html`<span class="card-phone">
        ${str(p.email)}</span>`)}</span></div>`;
  })}</div>`;
}

function Interactive({ m }) {
  const c = m.content || {};
  const r = c.button_reply || c.list_reply || c.nfm_reply || c;
  let text = str(r.title || r.text || r.body || r.name);
  if (c.type === 'nfm_reply' && !text) text = t('msg.flow_reply');
  return html`<div class="reply-chip"><span class="reply-kind">
    ${t('msg.' + (c.type || 'interactive'))}</span>
    <bdi>${text}</bdi>${r.description && html`<span class="muted">
      ${str(r.description)}</span>`}</div>`;
}

function Unknown({ m }) {
  return html`<div class="unknown"><${Icon} name="alert" size=${16} />
    ${t('msg.unsupported', { type: str(m.type) || '?' })}</div>`;
}

function Body({ m, onZoom }) {
  const c = m.content || {};
  switch (m.type) {
  case 'text': case 'note':
    return html`<p class="msg-text"><bdi>${str(m.text ?? c.body)}</bdi></p>`;
  case 'image': case 'sticker': return html`<${Image} m=${m}
    onZoom=${onZoom} />`;
  case 'audio': return html`<${Audio} m=${m} />`;
  case 'video': return html`<${Video} m=${m} />`;
  case 'document': return html`<${Document} m=${m} />`;
  case 'location': return html`<${Location} m=${m} />`;
  case 'contacts': return html`<${Contacts} m=${m} />`;
  case 'interactive': return html`<${Interactive} m=${m} />`;
  case 'button': return html`<div class="reply-chip"><span
    class="reply-kind">${t('msg.button')}</span>
    <bdi>${str(c.text || c.payload)}</bdi></div>`;
  case 'template': return html`<div class="tpl"><span class="reply-kind">
    ${t('msg.template')} · ${str(c.name || (c.template && c.template.name))}
    </span>${m.text && html`<p class="msg-text"><bdi>${m.text}</bdi></p>`}
    </div>`;
  case 'order': return html`<div class="reply-chip"><span class="reply-kind">
    ${t('msg.order')}</span>${str(c.text)} · ${(c.product_items || [])
    .length} ${t('msg.items')}</div>`;
  case 'system': return html`<p class="msg-text muted">${str(m.text ||
    c.body)}</p>`;
  default:
    return m.text ? html`<p class="msg-text"><bdi>${m.text}</bdi></p>`
      : html`<${Unknown} m=${m} />`;
  }
}

const TICKS = { queued: 'clock', sending: 'clock', sent: '✓',
  delivered: '✓✓', read: '✓✓', played: '✓✓', failed: '!', cancelled: '×' };

export function Status({ m }) {
  if (m.direction !== 'out' || m.private) return null;
  const st = m.status || 'queued';
  const mark = TICKS[st] || '';
  return html`<span class=${'tick ' + st} title=${t('status.msg.' + st)}
    data-status=${st}>
    ${mark === 'clock' ? html`<${Icon} name="clock" size=${12} />` : mark}
    <span class="sr-only">${t('status.msg.' + st)}</span></span>`;
}

// A bubble: direction, sender, quoted reply, body, reactions, time, ticks
// and, for a failure, the reason in words.
export function Message({ m, quoted, reactions, onZoom }) {
  if (m.type === 'activity') return html`<${ActivityLine} m=${m} />`;
  const out = m.direction === 'out';
  const cls = 'msg ' + (m.private ? 'note' : out ? 'out' : 'in') +
    (m.status === 'failed' ? ' failed' : '') +
    (m.status === 'cancelled' ? ' cancelled' : '');
  const sender = m.sender && m.sender.type === 'user' ? userName(m.sender.id)
    : m.sender && m.sender.type === 'bot' ? t('msg.automation') : '';
  return html`<div class=${cls} data-id=${m.id} data-type=${m.type}>
    ${m.private && html`<span class="note-tag">${t('msg.note')}</span>`}
    ${(out || m.private) && sender && html`<span class="sender">
      ${sender}</span>`}
    ${m.content && m.content.context && m.content.context.forwarded &&
      html`<span class="fwd"><${Icon} name="forward" size=${12} />
        ${t('msg.forwarded')}</span>`}
    ${m.reply_to_wamid && html`<div class="quote"><bdi>${quoted
      ? previewText(quoted) : t('msg.quoted_missing')}</bdi></div>`}
    <${Body} m=${m} onZoom=${onZoom} />
    ${reactions && reactions.length > 0 && html`<span class="reactions">
      ${reactions.map((r) => str(r.content && r.content.emoji)).join(' ')}
      </span>`}
    <span class="meta"><time title=${fullTime(m.created_at)}>
      ${clockTime(m.created_at)}</time><${Status} m=${m} /></span>
    ${m.status === 'failed' && html`<span class="fail-reason" role="note">
      ${t('msg.failed')}: ${str(m.error && (m.error.title || m.error.code)) ||
        t('msg.failed.unknown')}</span>`}
  </div>`;
}
