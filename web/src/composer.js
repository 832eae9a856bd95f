// The composer: replies and private notes (with @mentions), emoji,
// attachments (picker, drag and drop, paste), canned replies by /shortcut
// and suggested as you type, templates with parameters once the 24-hour
// window has closed (a countdown while it is open), a formatting preview,
// and undo send: the message waits for the account's undo window, with
// an Undo toast that cancels it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';
import { get, post, qs, ApiError } from './api.js';
import { useStore, getState, toast, dismiss } from './store.js';
import { t, countdown, bytes } from './i18n.js';
import { Icon, Modal } from './ui.js';
import { on } from './bus.js';

const EMOJI = ['😀', '😊', '🙂', '😉', '😍', '🙏', '👍', '👌', '👏', '🎉',
  '❤️', '✅', '⭐', '🔥', '😢', '😅', '🤔', '📦', '🚚', '💳', '📞', '⏰',
  '👋', '🙌'];

const uuid = () => (crypto.randomUUID ? crypto.randomUUID()
  : String(Date.now()) + Math.random().toString(16).slice(2));

// The Cloud API type for an uploaded file.
function mediaType(mime) {
  if (/^image\/(jpeg|png)$/.test(mime)) return 'image';
  if (mime === 'image/webp') return 'sticker';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'document';
}

// WhatsApp's *bold*, _italic_, ~strike~ and ```mono``` as elements, for
// the preview. Works on text only; nothing is parsed as HTML.
function formatted(text) {
  const out = [];
  const re = /(\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~|```[^`]+```)/g;
  let last = 0;
  let m;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const s = m[0];
    if (s.startsWith('```')) out.push(html`<code>${s.slice(3, -3)}</code>`);
    else if (s[0] === '*') out.push(html`<strong>${s.slice(1, -1)}</strong>`);
    else if (s[0] === '_') out.push(html`<em>${s.slice(1, -1)}</em>`);
    else out.push(html`<s>${s.slice(1, -1)}</s>`);
    last = m.index + s.length;
  }
  out.push(text.slice(last));
  return out;
}

// The token being typed at the caret ("/ref", "@ji"), or null.
function tokenAt(text, caret) {
  const before = text.slice(0, caret);
  const m = before.match(/(^|\s)([/@][^\s/@]*)$/);
  return m ? { text: m[2], start: caret - m[2].length } : null;
}

export function Composer({ conv, onSent, bind }) {
  const s = useStore();
  const [mode, setMode] = useState('reply');
  const [text, setText] = useState('');
  const [files, setFiles] = useState([]);
  const [preview, setPreview] = useState(false);
  const [emoji, setEmoji] = useState(false);
  const [popup, setPopup] = useState(null);
  const [pick, setPick] = useState(0);
  const [suggest, setSuggest] = useState([]);
  const [tpl, setTpl] = useState(false);
  const [busy, setBusy] = useState(false);
  const [, tick] = useState(0);
  const [drag, setDrag] = useState(false);
  const area = useRef(null);
  const typedAt = useRef(0);

  const expires = conv.window_expires_at;
  const windowOpen = expires == null ? true : expires > Date.now();
  const windowKnown = expires !== undefined;

  // Focus at once so that the keys typed right after r or n land in the
  // box, and again after a mode change has re-rendered it.
  if (bind) bind.current = { focus: (m) => { setMode(m);
    if (area.current) area.current.focus();
    setTimeout(() => area.current && area.current.focus(), 0); } };

  useEffect(() => {
    if (!expires) return undefined;
    const i = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(i);
  }, [expires]);

  // Suggested canned replies for the words typed so far.
  useEffect(() => {
    if (mode !== 'reply' || text.length < 3 || text.startsWith('/')) {
      setSuggest([]);
      return undefined;
    }
    const timer = setTimeout(() => {
      get('/api/v1/canned-replies/suggest' + qs({ q: text,
        conversation_id: conv.id })).then((r) => setSuggest(
        ((r && r.data) || []).slice(0, 3))).catch(() => setSuggest(
        localSuggest(getState().canned, text)));
    }, 250);
    return () => clearTimeout(timer);
  }, [text, mode]);

  function onInput(e) {
    const v = e.target.value;
    setText(v);
    const tok = tokenAt(v, e.target.selectionStart);
    if (tok && tok.text[0] === '/' && mode === 'reply') {
      const q = tok.text.slice(1).toLowerCase();
      const items = s.canned.filter((c) => (c.shortcut || '').toLowerCase()
        .startsWith(q) || (c.title || '').toLowerCase().includes(q))
        .slice(0, 8);
      setPopup(items.length ? { kind: 'canned', tok, items } : null);
    } else if (tok && tok.text[0] === '@' && mode === 'note') {
      const q = tok.text.slice(1).toLowerCase();
      const items = s.users.filter((u) => (u.name || u.email).toLowerCase()
        .includes(q)).slice(0, 8);
      setPopup(items.length ? { kind: 'mention', tok, items } : null);
    } else setPopup(null);
    setPick(0);
    announceTyping();
  }

  function announceTyping() {
    if (Date.now() - typedAt.current < 3000) return;
    typedAt.current = Date.now();
    post('/api/v1/conversations/' + conv.id + '/typing').catch(() => {});
  }

  function choose(item) {
    const { tok } = popup;
    const insert = popup.kind === 'canned' ? fill(item.body) + ' '
      : '@' + (item.name || item.email).replace(/\s+/g, '') + ' ';
    const v = text.slice(0, tok.start) + insert +
      text.slice(tok.start + tok.text.length);
    setText(v);
    setPopup(null);
    area.current.focus();
  }

  // Canned replies may use {{contact.name}} and {{agent.name}}.
  function fill(body) {
    return (body || '').replace(/\{\{\s*contact\.name\s*\}\}/g,
      (conv.contact && conv.contact.name) || '').replace(
      /\{\{\s*agent\.name\s*\}\}/g, s.me.name || '');
  }

  function onKeyDown(e) {
    if (popup) {
      if (e.key === 'ArrowDown') { e.preventDefault();
        setPick((pick + 1) % popup.items.length); return; }
      if (e.key === 'ArrowUp') { e.preventDefault();
        setPick((pick + popup.items.length - 1) % popup.items.length);
        return; }
      if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault();
        choose(popup.items[pick]); return; }
      if (e.key === 'Escape') { e.preventDefault(); setPopup(null); return; }
    }
    if (e.key === 'Escape') { e.target.blur(); return; }
    for (const sc of s.shortcuts || []) {
      if (matchesKey(e, sc.keys) && sc.canned_id) {
        const c = s.canned.find((x) => x.id === sc.canned_id);
        if (c) { e.preventDefault(); insertText(fill(c.body)); return; }
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  }

  function insertText(v) {
    const el = area.current;
    const at = el ? el.selectionStart : text.length;
    setText(text.slice(0, at) + v + text.slice(at));
  }

  function addFiles(list) {
    const max = 100 * 1024 * 1024;
    const ok = [...list].filter((f) => {
      if (f.size > max) toast(t('compose.too_big', { name: f.name }),
        { kind: 'error' });
      return f.size <= max;
    });
    setFiles((old) => [...old, ...ok]);
  }

  async function upload(f) {
    const fd = new FormData();
    fd.append('file', f, f.name);
    const r = await post('/api/v1/media', fd);
    return r.data || r;
  }

  // Send text (or a note), then each attachment with the text as the
  // first one's caption. Each message shows an undo toast.
  async function send() {
    if (busy || (!text.trim() && !files.length)) return;
    if (mode === 'reply' && windowKnown && !windowOpen) { setTpl(true);
      return; }
    setBusy(true);
    const body = text.trim();
    try {
      if (mode === 'note') {
        await sendBody({ type: 'note', text: { body }, private: true });
      } else if (files.length) {
        for (let i = 0; i < files.length; i++) {
          const up = await upload(files[i]);
          const type = mediaType(files[i].type || '');
          const media = { id: up.id };
          if (i === 0 && body && type !== 'audio' && type !== 'sticker')
            media.caption = body;
          if (type === 'document') media.filename = files[i].name;
          await sendBody({ type, [type]: media });
        }
      } else {
        await sendBody({ type: 'text', text: { body } });
      }
      setText('');
      setFiles([]);
      setPreview(false);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'window_closed') {
        toast(t('compose.window_closed'), { kind: 'error' });
        setTpl(true);
      } else toast(t('compose.failed', { why: e.message }), { kind: 'error' });
    } finally { setBusy(false); }
  }

  async function sendBody(body) {
    const r = await post('/api/v1/conversations/' + conv.id + '/messages',
      body, { 'Idempotency-Key': uuid() });
    const m = (r && (r.data || r)) || {};
    onSent(m);
    if (!body.private && m.id) offerUndo(m, body);
  }

  function offerUndo(m, body) {
    const win = (s.account && s.account.undo_send_ms) || 5000;
    const left = m.send_after ? m.send_after - Date.now() : win;
    if (left <= 0) return;
    const id = toast(t('compose.sending'), {
      action: t('compose.undo'), timeout: Math.min(left, win),
      onAction: async () => {
        try {
          const r = await post('/api/v1/messages/' + m.id + '/cancel');
          onSent({ ...m, ...(r && (r.data || r)), status: 'cancelled' });
          if (body.text) setText(body.text.body);
          toast(t('compose.undone'));
        } catch (e) {
          toast(e.status === 409 ? t('compose.too_late') : e.message,
            { kind: 'error' });
        }
      },
    });
    return id;
  }

  const closed = mode === 'reply' && windowKnown && !windowOpen;
  return html`<div class=${'composer ' + mode + (drag ? ' drag' : '')}
    onDragOver=${(e) => { e.preventDefault(); setDrag(true); }}
    onDragLeave=${() => setDrag(false)}
    onDrop=${(e) => { e.preventDefault(); setDrag(false);
      addFiles(e.dataTransfer.files); }}>
    ${suggest.length > 0 && html`<div class="suggest" aria-label=${
      t('compose.suggested')}><span class="muted">${t('compose.suggested')}
      </span>${suggest.map((c) => html`<button class="btn small"
        key=${c.id} onClick=${() => { setText(fill(c.body)); setSuggest([]);
          area.current.focus(); }}>${c.title || c.shortcut}</button>`)}
    </div>`}
    <div class="compose-tabs" role="tablist">
      <button role="tab" aria-selected=${mode === 'reply'}
        class=${'ctab' + (mode === 'reply' ? ' active' : '')}
        onClick=${() => setMode('reply')}>${t('compose.reply')} <kbd>r</kbd>
      </button>
      <button role="tab" aria-selected=${mode === 'note'}
        class=${'ctab' + (mode === 'note' ? ' active' : '')}
        onClick=${() => setMode('note')}>${t('compose.note')} <kbd>n</kbd>
      </button>
      <span class="window">${expires && windowOpen ? t('compose.window_open',
        { left: countdown(expires) }) : closed ? t('compose.window_shut')
        : ''}</span>
    </div>
    ${closed ? html`<div class="closed-note"><p>${t('compose.closed.text')}
        </p><button class="btn primary" onClick=${() => setTpl(true)}>
        ${t('compose.template')}</button></div>`
      : html`<div class="compose-box">
      ${popup && html`<ul class="popup" role="listbox">${popup.items.map(
        (it, i) => html`<li role="option" aria-selected=${i === pick}
          class=${i === pick ? 'picked' : ''} key=${it.id}
          onMouseDown=${(e) => { e.preventDefault(); choose(it); }}>
          ${popup.kind === 'canned' ? html`<b>/${it.shortcut}</b>
            <span class="muted">${it.title}</span>`
            : html`<b>${it.name || it.email}</b>`}</li>`)}</ul>`}
      ${preview ? html`<div class="preview" aria-label=${t('compose.preview')}>
          ${text.split('\n').map((l) => html`<p>${formatted(l)}</p>`)}</div>`
        : html`<textarea ref=${area} rows="3" value=${text}
          aria-label=${mode === 'note' ? t('compose.note.label')
            : t('compose.reply.label')}
          placeholder=${mode === 'note' ? t('compose.note.ph')
            : t('compose.reply.ph')}
          onInput=${onInput} onKeyDown=${onKeyDown}
          onPaste=${(e) => { if (e.clipboardData.files.length) {
            e.preventDefault(); addFiles(e.clipboardData.files); } }} />`}
      ${files.length > 0 && html`<ul class="files">${files.map((f, i) =>
        html`<li key=${i}><${Icon} name="doc" size=${14} /><bdi>${f.name}</bdi>
          <span class="muted">${bytes(f.size)}</span>
          <button class="chip-x" aria-label=${t('compose.remove_file',
            { name: f.name })} onClick=${() => setFiles(files.filter(
            (_, j) => j !== i))}>×</button></li>`)}</ul>`}
      <div class="compose-bar">
        <label class="btn icon ghost" title=${t('compose.attach')}>
          <${Icon} name="clip" /><span class="sr-only">${t('compose.attach')}
          </span><input type="file" multiple class="sr-only"
            onChange=${(e) => { addFiles(e.target.files);
              e.target.value = ''; }} /></label>
        <button class="btn icon ghost" aria-label=${t('compose.emoji')}
          aria-expanded=${emoji} title=${t('compose.emoji')}
          onClick=${() => setEmoji(!emoji)}><${Icon} name="smile" /></button>
        <button class=${'btn ghost small' + (preview ? ' on' : '')}
          aria-pressed=${preview} onClick=${() => setPreview(!preview)}>
          ${t('compose.preview')}</button>
        <button class="btn ghost small" onClick=${() => setTpl(true)}>
          ${t('compose.template')}</button>
        <span class="spacer"></span>
        <span class="hint hide-sm">${t('compose.hint')}</span>
        <button class="btn primary" onClick=${send} disabled=${busy ||
          (!text.trim() && !files.length)}>
          <${Icon} name="send" size=${16} />
          ${mode === 'note' ? t('compose.add_note') : t('compose.send')}
        </button>
      </div>
      ${emoji && html`<div class="emoji-grid" role="group"
        aria-label=${t('compose.emoji')}>${EMOJI.map((e) => html`<button
          class="btn ghost" onClick=${() => { insertText(e);
            setEmoji(false); }}>${e}</button>`)}</div>`}
    </div>`}
    ${tpl && html`<${TemplatePicker} conv=${conv} onClose=${() =>
      setTpl(false)} send=${async (body) => {
        try { await sendBody(body); setTpl(false); } catch (e) {
          toast(t('compose.failed', { why: e.message }), { kind: 'error' });
        }
      }} />`}
  </div>`;
}

// Local fallback when the suggestion endpoint is missing: canned replies
// whose shortcut, title, intent or body share a word with the text.
function localSuggest(canned, text) {
  const words = text.toLowerCase().split(/\W+/).filter((w) => w.length > 3);
  return canned.filter((c) => words.some((w) => [c.shortcut, c.title,
    c.intent, c.body].some((f) => (f || '').toLowerCase().includes(w))))
    .slice(0, 3);
}

// "Ctrl+B" against a keydown event.
export function matchesKey(e, keys) {
  if (!keys) return false;
  const parts = keys.toLowerCase().split('+');
  const key = parts.pop();
  return e.key.toLowerCase() === key &&
    e.ctrlKey === parts.includes('ctrl') && e.altKey === parts.includes('alt')
    && e.shiftKey === parts.includes('shift') &&
    e.metaKey === parts.includes('meta');
}

// Pick an approved template, fill its parameters, see the text, send.
function TemplatePicker({ conv, onClose, send }) {
  const [list, setList] = useState(null);
  const [cur, setCur] = useState(null);
  const [params, setParams] = useState([]);
  const load = () => get('/api/v1/templates' + qs({ inbox_id:
    conv.inbox_id })).then((r) => setList(((r && r.data) || []).filter((x) =>
    !x.status || /^approved$/i.test(x.status)))).catch(() => setList([]));
  useEffect(() => { load(); }, []);
  // Templates are kept in step with Meta by a sync; offer it when none
  // are known yet (administrators only, the server checks).
  async function sync() {
    try {
      await post('/api/v1/templates/sync' + qs({ inbox_id: conv.inbox_id }),
        { inbox_id: conv.inbox_id });
      load();
    } catch (e) { toast(e.message, { kind: 'error' }); }
  }
  const body = cur && (cur.components || []).find((c) =>
    (c.type || '').toUpperCase() === 'BODY');
  const count = cur ? (cur.parameters ? cur.parameters.length
    : ((body && body.text) || '').match(/\{\{\d+\}\}/g)?.length || 0) : 0;
  const text = body ? (body.text || '').replace(/\{\{(\d+)\}\}/g, (m, n) =>
    params[n - 1] || m) : '';
  function submit() {
    const components = count ? [{ type: 'body', parameters: params
      .slice(0, count).map((p) => ({ type: 'text', text: p })) }] : [];
    send({ type: 'template', template: { name: cur.name, language: {
      code: cur.language }, components } });
  }
  return html`<${Modal} title=${t('compose.template')} onClose=${onClose}>
    ${list === null ? html`<p>${t('common.loading')}</p>`
      : list.length === 0 ? html`<div class="stack"><p>${t('tpl.none')}</p>
        <button class="btn" onClick=${sync}>${t('tpl.sync')}</button></div>`
      : html`<div class="stack">
      <label>${t('tpl.pick')}<select onChange=${(e) => {
        setCur(list[Number(e.target.value)] || null); setParams([]); }}>
        <option value="">—</option>
        ${list.map((x, i) => html`<option value=${String(i)}>${x.name} ·
          ${x.language}${x.category ? ' · ' + x.category : ''}</option>`)}
      </select></label>
      ${Array.from({ length: count }, (_, i) => html`<label key=${i}>
        ${(cur.parameters && cur.parameters[i] && (cur.parameters[i].name ||
          cur.parameters[i].example)) || t('tpl.param', { n: i + 1 })}
        <input value=${params[i] || ''} onInput=${(e) => { const p =
          params.slice(); p[i] = e.target.value; setParams(p); }} /></label>`)}
      ${cur && html`<div class="preview tpl-preview"><p>${text}</p></div>`}
      <button class="btn primary" disabled=${!cur || params.slice(0, count)
        .filter(Boolean).length < count} onClick=${submit}>
        ${t('tpl.send')}</button></div>`}
  </${Modal}>`;
}
