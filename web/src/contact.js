// The contact pane: the CRM beside a thread. Name, phone, e-mail, custom
// attributes, labels, notes and previous conversations, edited in place
// (each field saves on blur or Enter).
import { useEffect, useState } from 'preact/hooks';
import { html } from './html.js';
import { get, patch, post, del, qs, missing } from './api.js';
import { useStore, toast } from './store.js';
import { navigate } from './router.js';
import { t, shortTime, fullTime } from './i18n.js';
import { Avatar, Chip, Icon } from './ui.js';

// A field that reads as text and edits in place.
export function Editable({ label, value, onSave, type = 'text' }) {
  const [v, setV] = useState(value || '');
  useEffect(() => setV(value || ''), [value]);
  const save = () => { if ((value || '') !== v) onSave(v); };
  return html`<label class="field"><span class="field-label">${label}</span>
    <input class="inplace" type=${type} value=${v}
      onInput=${(e) => setV(e.target.value)} onBlur=${save}
      onKeyDown=${(e) => { if (e.key === 'Enter') e.target.blur();
        if (e.key === 'Escape') { setV(value || ''); e.target.blur(); } }} />
  </label>`;
}

export function ContactPane({ conversationId, contactId, summary,
  onClose }) {
  const s = useStore();
  const [c, setC] = useState(null);
  const [notes, setNotes] = useState([]);
  const [note, setNote] = useState('');
  const [history, setHistory] = useState([]);
  const [absent, setAbsent] = useState(false);

  useEffect(() => {
    if (!contactId) return;
    get('/api/v1/contacts/' + contactId).then((r) => setC(r.data || r))
      .catch((e) => { if (missing(e)) setAbsent(true); });
    get('/api/v1/contacts/' + contactId + '/notes').then((r) =>
      setNotes(r.data || [])).catch(() => {});
    get('/api/v1/conversations' + qs({ contact_id: contactId,
      status: 'all', limit: 10 })).then((r) => setHistory((r.data || [])
      .filter((x) => x.id !== conversationId && (x.contact_id ??
        (x.contact && x.contact.id)) === contactId))).catch(() => {});
  }, [contactId]);

  async function save(change) {
    try {
      const r = await patch('/api/v1/contacts/' + contactId, change);
      setC({ ...c, ...change, ...(r && (r.data || r)) });
    } catch (e) { toast(e.message, { kind: 'error' }); }
  }

  async function addNote(e) {
    e.preventDefault();
    if (!note.trim()) return;
    try {
      const r = await post('/api/v1/contacts/' + contactId + '/notes',
        { body: note.trim() });
      setNotes([r.data || r, ...notes]);
      setNote('');
    } catch (err) { toast(err.message, { kind: 'error' }); }
  }

  async function label(l, add) {
    try {
      await (add ? post : del)('/api/v1/contacts/' + contactId +
        '/labels/' + l.id);
      const labels = add ? [...(c.labels || []), l]
        : (c.labels || []).filter((x) => x.id !== l.id);
      setC({ ...c, labels });
    } catch (e) { toast(e.message, { kind: 'error' }); }
  }

  if (absent && summary) return html`<${ReadOnly} c=${summary}
    onClose=${onClose} />`;
  if (absent || !contactId) return html`<div class="contact">
    <p class="muted pad">${t('contact.unavailable')}</p></div>`;
  if (!c) return html`<div class="contact"><p class="muted pad">
    ${t('common.loading')}</p></div>`;
  const attrs = c.attributes || {};
  return html`<div class="contact">
    <header class="contact-head">
      <${Avatar} name=${c.name || c.phone} size=${48} />
      <div><h3><bdi>${c.name || c.phone || c.wa_id}</bdi></h3>
        <span class="muted">${c.phone || c.wa_id}</span></div>
      <button class="btn icon ghost close-contact" onClick=${onClose}
        aria-label=${t('common.close')}><${Icon} name="x" /></button>
    </header>
    <section class="contact-sec">
      <${Editable} label=${t('contact.name')} value=${c.name}
        onSave=${(v) => save({ name: v })} />
      <${Editable} label=${t('contact.phone')} value=${c.phone}
        onSave=${(v) => save({ phone: v })} type="tel" />
      <${Editable} label=${t('contact.email')} value=${c.email}
        onSave=${(v) => save({ email: v })} type="email" />
      ${s.attributes.filter((a) => !a.model || a.model === 'contact')
        .map((a) => html`<${Editable} key=${a.key || a.id}
          label=${a.name || a.key} value=${attrs[a.key] == null ? ''
            : String(attrs[a.key])}
          onSave=${(v) => save({ attributes: { ...attrs, [a.key]: v } })} />`)}
    </section>
    <section class="contact-sec">
      <h4>${t('contact.labels')}</h4>
      <div class="chips">${(c.labels || []).map((l) => html`<${Chip}
        key=${l.id} label=${l} onRemove=${() => label(l, false)} />`)}
      ${s.labels.length > 0 && html`<select aria-label=${t('action.label')}
        onChange=${(e) => { const l = s.labels.find((x) => String(x.id) ===
          e.target.value); if (l) label(l, true); e.target.value = ''; }}>
        <option value="">+ ${t('action.label')}</option>
        ${s.labels.filter((l) => !(c.labels || []).some((x) => x.id ===
          l.id)).map((l) => html`<option value=${String(l.id)}>${l.name}
          </option>`)}</select>`}</div>
    </section>
    <section class="contact-sec">
      <h4>${t('contact.notes')}</h4>
      <form onSubmit=${addNote} class="note-form">
        <textarea rows="2" value=${note} aria-label=${t('contact.add_note')}
          placeholder=${t('contact.add_note')}
          onInput=${(e) => setNote(e.target.value)} />
        <button class="btn small" type="submit" disabled=${!note.trim()}>
          ${t('common.save')}</button>
      </form>
      <ul class="notes">${notes.map((n) => html`<li key=${n.id}>
        <p><bdi>${n.body || n.text}</bdi></p><span class="muted"
        title=${fullTime(n.created_at)}>${shortTime(n.created_at)}</span>
        </li>`)}</ul>
    </section>
    <section class="contact-sec">
      <h4>${t('contact.history')}</h4>
      ${history.length === 0 && html`<p class="muted">${t('contact.no_history')}
        </p>`}
      <ul class="history">${history.map((h) => html`<li key=${h.id}>
        <a href=${'/inbox/' + h.id} onClick=${(e) => { e.preventDefault();
          navigate('/inbox/' + h.id); }}>#${h.id} · ${t('status.' + h.status)}
          · ${shortTime(h.last_message_at)}</a></li>`)}</ul>
    </section>
  </div>`;
}

// What the conversation says about its contact, while the contacts API
// is not there to edit it.
function ReadOnly({ c, onClose }) {
  return html`<div class="contact">
    <header class="contact-head">
      <${Avatar} name=${c.name || c.phone} size=${48} />
      <div><h3><bdi>${c.name || c.phone || c.wa_id}</bdi></h3>
        <span class="muted">${c.phone || c.wa_id}</span></div>
      <button class="btn icon ghost close-contact" onClick=${onClose}
        aria-label=${t('common.close')}><${Icon} name="x" /></button>
    </header>
    <section class="contact-sec">
      <div class="field"><span class="field-label">${t('contact.phone')}
        </span><span>${c.phone || '—'}</span></div>
      <div class="field"><span class="field-label">WhatsApp ID</span>
        <span>${c.wa_id || '—'}</span></div>
      <p class="muted">${t('contact.readonly')}</p>
    </section></div>`;
}
