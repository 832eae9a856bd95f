// Small shared pieces: icons (inline SVG paths, no icon font), toasts,
// a modal dialog with focus handling, avatars, label chips, priority.
import { useEffect, useRef } from 'preact/hooks';
import { html } from './html.js';
import { useStore, dismiss } from './store.js';
import { t } from './i18n.js';

const paths = {
  logo: 'M5 6a3 3 0 0 1 3-3h8a3 3 0 0 1 3 3v6a3 3 0 0 1-3 3h-5l-4 4v-4a3 3 0 0 1-2-3z',
  inbox: 'M3 13l3-9h12l3 9v6H3zM3 13h5l1 3h6l1-3h5',
  contacts: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21v-1a6 6 0 0 1 12 0v1M16 3.5a4 4 0 0 1 0 7.5M22 21v-1a6 6 0 0 0-4-5.6',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z',
  logout: 'M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9',
  search: 'M11 19a8 8 0 1 0 0-16 8 8 0 0 0 0 16zM21 21l-4.3-4.3',
  back: 'M15 18l-6-6 6-6',
  send: 'M22 2L11 13M22 2l-7 20-4-9-9-4z',
  clip: 'M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5',
  smile: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01',
  check: 'M20 6L9 17l-5-5',
  x: 'M18 6L6 18M6 6l12 12',
  user: 'M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z',
  clock: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 6v6l4 2',
  doc: 'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zM14 2v6h6',
  pin: 'M12 22s7-7.5 7-13a7 7 0 0 0-14 0c0 5.5 7 13 7 13zM12 11a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  info: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 16v-4M12 8h.01',
  forward: 'M15 17l5-5-5-5M4 18v-2a4 4 0 0 1 4-4h12',
  note: 'M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z',
  filter: 'M22 3H2l8 9.5V19l4 2v-8.5z',
  alert: 'M12 9v4M12 17h.01M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z',
};

export function Icon({ name, size = 18 }) {
  return html`<svg class="icon" width=${size} height=${size}
    viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"
    focusable="false"><path d=${paths[name] || paths.info} /></svg>`;
}

export function Toasts() {
  const s = useStore();
  return html`<div class="toasts" role="status" aria-live="polite">
    ${s.toasts.map((x) => html`<div class=${'toast ' + (x.kind || '')}
      key=${x.id}>
      <span>${x.text}</span>
      ${x.action && html`<button class="btn link" onClick=${() => {
        dismiss(x.id); x.onAction();
      }}>${x.action}</button>`}
      <button class="btn icon ghost" aria-label=${t('common.dismiss')}
        onClick=${() => dismiss(x.id)}><${Icon} name="x" size=${14} />
      </button></div>`)}
  </div>`;
}

// A modal dialog: focus moves in on open and back on close; Escape closes.
export function Modal({ title, onClose, children, wide }) {
  const ref = useRef(null);
  useEffect(() => {
    const prev = document.activeElement;
    const first = ref.current && ref.current.querySelector(
      'input, select, textarea, button:not(.modal-close)');
    if (first) first.focus();
    return () => prev && prev.focus && prev.focus();
  }, []);
  const key = (e) => { if (e.key === 'Escape') { e.stopPropagation();
    onClose(); } };
  return html`<div class="modal-back" onClick=${(e) =>
    e.target === e.currentTarget && onClose()}>
    <div class=${'modal' + (wide ? ' wide' : '')} role="dialog"
      aria-modal="true" aria-label=${title} ref=${ref} onKeyDown=${key}>
      <header><h2>${title}</h2>
        <button class="btn icon ghost modal-close" onClick=${onClose}
          aria-label=${t('common.close')}><${Icon} name="x" /></button>
      </header>
      <div class="modal-body">${children}</div>
    </div></div>`;
}

const hues = [210, 260, 330, 20, 150, 190, 40, 290];

export function Avatar({ name, size = 32 }) {
  const n = (name || '?').trim();
  let h = 0;
  for (const c of n) h = (h * 31 + c.codePointAt(0)) >>> 0;
  const initials = n.split(/\s+/).slice(0, 2).map((w) => [...w][0] || '')
    .join('').toUpperCase();
  return html`<span class=${'avatar hue-' + (h % hues.length)}
    style=${{ width: size + 'px', height: size + 'px' }}
    aria-hidden="true">${initials}</span>`;
}

// Label colours come from the server; only #rrggbb is used, anything else
// falls back to grey, so a stored value can never inject CSS.
export function Chip({ label, onRemove }) {
  const c = /^#[0-9a-fA-F]{6}$/.test(label.color || '') ? label.color
    : '#8a8f98';
  return html`<span class="chip"><span class="dot"
    style=${{ background: c }}></span><bdi>${label.name}</bdi>
    ${onRemove && html`<button class="chip-x" onClick=${onRemove}
      aria-label=${t('labels.remove', { name: label.name })}>×</button>`}
  </span>`;
}

export const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'];

export function Priority({ value }) {
  if (!value) return null;
  return html`<span class=${'prio p' + value}
    title=${t('prio.' + PRIORITIES[value])}>
    <span class="sr-only">${t('prio.' + PRIORITIES[value])}</span>
    ${'!'.repeat(Math.min(value, 3))}</span>`;
}

export function Empty({ title, text }) {
  return html`<div class="empty"><p class="empty-title">${title}</p>
    ${text && html`<p>${text}</p>`}</div>`;
}
