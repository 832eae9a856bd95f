// Keyboard shortcuts. Single keys act only when focus is not in a field,
// so typing is never hijacked; the overlay (?) lists them all.
import { useEffect, useRef } from 'preact/hooks';
import { html } from './html.js';
import { t } from './i18n.js';
import { Modal } from './ui.js';

const typing = (el) => el && (el.tagName === 'INPUT' ||
  el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' ||
  el.isContentEditable);

// Bind a map of key → handler for the lifetime of the component.
export function useShortcuts(map) {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    const onKey = (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key !== 'Escape' && typing(document.activeElement)) return;
      if (document.querySelector('.modal') && e.key !== 'Escape') return;
      const fn = ref.current[e.key];
      if (fn) { e.preventDefault(); fn(e); }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}

const LIST = [['j', 'keys.next'], ['k', 'keys.prev'], ['r', 'keys.reply'],
  ['n', 'keys.note'], ['a', 'keys.assign'], ['e', 'keys.resolve'],
  ['x', 'keys.select'], ['/', 'keys.search'], ['?', 'keys.help'],
  ['Enter', 'keys.send'], ['Shift+Enter', 'keys.newline'],
  ['Esc', 'keys.escape']];

export function ShortcutHelp({ onClose }) {
  return html`<${Modal} title=${t('keys.title')} onClose=${onClose}>
    <dl class="keys">${LIST.map(([k, d]) => html`<div key=${k}>
      <dt><kbd>${k}</kbd></dt><dd>${t(d)}</dd></div>`)}</dl>
    <p class="muted">${t('keys.custom')}</p></${Modal}>`;
}
