// Contacts: list with search and filters (label, attribute), edit in a
// side panel, merge duplicates, CSV import and export.
import { useEffect, useState } from 'preact/hooks';
import { html } from './html.js';
import { get, post, patch, qs, missing, api } from './api.js';
import { useStore, toast } from './store.js';
import { navigate } from './router.js';
import { t, shortTime, number } from './i18n.js';
import { Avatar, Chip, Empty, Modal, Icon } from './ui.js';
import { Editable } from './contact.js';

export function Contacts({ id }) {
  const s = useStore();
  const [q, setQ] = useState('');
  const [labelF, setLabelF] = useState('');
  const [attrF, setAttrF] = useState({ key: '', value: '' });
  const [rows, setRows] = useState([]);
  const [cursor, setCursor] = useState(null);
  const [absent, setAbsent] = useState(false);
  const [sel, setSel] = useState(new Set());
  const [merge, setMerge] = useState(false);
  const [importing, setImporting] = useState(false);

  async function load(more) {
    try {
      const r = await get('/api/v1/contacts' + qs({ q, label: labelF,
        attribute: attrF.key && attrF.value ? attrF.key + ':' + attrF.value
          : '', cursor: more ? cursor : '', limit: 50 }));
      setRows(more ? [...rows, ...r.data] : r.data);
      setCursor(r.next_cursor || null);
    } catch (e) {
      if (missing(e)) setAbsent(true);
      else toast(e.message, { kind: 'error' });
    }
  }
  useEffect(() => { load(false); }, [q, labelF, attrF.key, attrF.value]);

  const toggle = (cid) => setSel((old) => {
    const n = new Set(old);
    if (n.has(cid)) n.delete(cid); else n.add(cid);
    return n;
  });
  const current = id && rows.find((r) => String(r.id) === String(id));

  return html`<div class="contacts-page">
    <section class="contacts-list">
      <header class="page-head"><h1>${t('nav.contacts')}</h1>
        <div class="head-actions">
          <a class="btn" href="/api/v1/contacts/export.csv" download>
            ${t('contacts.export')}</a>
          <button class="btn" onClick=${() => setImporting(true)}>
            ${t('contacts.import')}</button>
          <button class="btn" disabled=${sel.size < 2}
            onClick=${() => setMerge(true)}>${t('contacts.merge')}</button>
        </div></header>
      <div class="filters row">
        <label class="search grow"><${Icon} name="search" size=${16} />
          <span class="sr-only">${t('contacts.search')}</span>
          <input type="search" placeholder=${t('contacts.search')}
            value=${q} onChange=${(e) => setQ(e.target.value)} /></label>
        ${s.labels.length > 0 && html`<select aria-label=${t('f.label')}
          value=${labelF} onChange=${(e) => setLabelF(e.target.value)}>
          <option value="">${t('f.label')}: ${t('f.any')}</option>
          ${s.labels.map((l) => html`<option value=${l.name}>${l.name}
          </option>`)}</select>`}
        ${s.attributes.length > 0 && html`<select aria-label=${
          t('contacts.attribute')} value=${attrF.key} onChange=${(e) =>
          setAttrF({ ...attrF, key: e.target.value })}>
          <option value="">${t('contacts.attribute')}</option>
          ${s.attributes.map((a) => html`<option value=${a.key}>${a.name ||
            a.key}</option>`)}</select>
          <input aria-label=${t('contacts.attr_value')} value=${attrF.value}
            placeholder=${t('contacts.attr_value')}
            onChange=${(e) => setAttrF({ ...attrF, value: e.target.value })}
            />`}
      </div>
      ${absent ? html`<${Empty} title=${t('contacts.unavailable')} />`
        : rows.length === 0 ? html`<${Empty} title=${t('contacts.empty')} />`
        : html`<table class="table">
        <thead><tr><th class="narrow"><span class="sr-only">
          ${t('common.select')}</span></th><th>${t('contact.name')}</th>
          <th>${t('contact.phone')}</th><th class="hide-sm">
          ${t('contact.labels')}</th><th class="hide-sm">
          ${t('contacts.last_seen')}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr key=${r.id}
          class=${String(r.id) === String(id) ? 'active' : ''}>
          <td><input type="checkbox" checked=${sel.has(r.id)}
            aria-label=${t('inbox.select', { name: r.name || r.phone })}
            onChange=${() => toggle(r.id)} /></td>
          <td><a href=${'/contacts/' + r.id} onClick=${(e) => {
            e.preventDefault(); navigate('/contacts/' + r.id); }}
            class="row-link"><${Avatar} name=${r.name || r.phone}
            size=${24} /><bdi>${r.name || '—'}</bdi></a></td>
          <td>${r.phone || r.wa_id}</td>
          <td class="hide-sm">${(r.labels || []).map((l) => html`<${Chip}
            key=${l.id} label=${l} />`)}</td>
          <td class="hide-sm">${shortTime(r.last_seen_at || r.updated_at)}
          </td></tr>`)}</tbody></table>`}
      ${cursor && html`<button class="btn wide" onClick=${() => load(true)}>
        ${t('common.more')}</button>`}
    </section>
    ${id && html`<aside class="contact-side">
      <${ContactEditor} id=${id} initial=${current}
        onClose=${() => navigate('/contacts')}
        onSaved=${(c) => setRows(rows.map((r) => (r.id === c.id
          ? { ...r, ...c } : r)))} /></aside>`}
    ${merge && html`<${Merge} rows=${rows.filter((r) => sel.has(r.id))}
      onClose=${() => setMerge(false)} onDone=${() => { setMerge(false);
        setSel(new Set()); load(false); }} />`}
    ${importing && html`<${Import} onClose=${() => setImporting(false)}
      onDone=${() => load(false)} />`}
  </div>`;
}

function ContactEditor({ id, initial, onClose, onSaved }) {
  const s = useStore();
  const [c, setC] = useState(initial || null);
  useEffect(() => {
    get('/api/v1/contacts/' + id).then((r) => setC(r.data || r))
      .catch((e) => toast(e.message, { kind: 'error' }));
  }, [id]);
  async function save(change) {
    try {
      const r = await patch('/api/v1/contacts/' + id, change);
      const n = { ...c, ...change, ...(r && (r.data || r)) };
      setC(n);
      onSaved(n);
      toast(t('common.saved'));
    } catch (e) { toast(e.message, { kind: 'error' }); }
  }
  if (!c) return html`<p class="muted">${t('common.loading')}</p>`;
  const attrs = c.attributes || {};
  return html`<div class="contact">
    <header class="contact-head"><${Avatar} name=${c.name || c.phone}
      size=${40} /><h3><bdi>${c.name || c.phone}</bdi></h3>
      <button class="btn icon ghost" onClick=${onClose}
        aria-label=${t('common.close')}><${Icon} name="x" /></button>
    </header>
    <section class="contact-sec">
      <${Editable} label=${t('contact.name')} value=${c.name}
        onSave=${(v) => save({ name: v })} />
      <${Editable} label=${t('contact.phone')} value=${c.phone}
        onSave=${(v) => save({ phone: v })} type="tel" />
      <${Editable} label=${t('contact.email')} value=${c.email}
        onSave=${(v) => save({ email: v })} type="email" />
      ${s.attributes.map((a) => html`<${Editable} key=${a.key}
        label=${a.name || a.key} value=${attrs[a.key] == null ? ''
          : String(attrs[a.key])}
        onSave=${(v) => save({ attributes: { ...attrs, [a.key]: v } })} />`)}
    </section></div>`;
}

// Merge: the agent picks which contact survives; the others fold into it.
function Merge({ rows, onClose, onDone }) {
  const [keep, setKeep] = useState(rows[0] && rows[0].id);
  async function go() {
    try {
      await post('/api/v1/contacts/merge', { primary_id: keep,
        duplicate_ids: rows.map((r) => r.id).filter((x) => x !== keep) });
      toast(t('contacts.merged'));
      onDone();
    } catch (e) { toast(e.message, { kind: 'error' }); }
  }
  return html`<${Modal} title=${t('contacts.merge')} onClose=${onClose}>
    <p>${t('contacts.merge.text')}</p>
    <fieldset class="stack">${rows.map((r) => html`<label class="radio"
      key=${r.id}><input type="radio" name="keep" checked=${keep === r.id}
      onChange=${() => setKeep(r.id)} /><bdi>${r.name || '—'}</bdi>
      <span class="muted">${r.phone || r.wa_id}</span></label>`)}
    </fieldset>
    <button class="btn primary" onClick=${go}>${t('contacts.merge.go',
      { n: number(rows.length) })}</button></${Modal}>`;
}

function Import({ onClose, onDone }) {
  const [file, setFile] = useState(null);
  const [result, setResult] = useState(null);
  async function go() {
    try {
      const r = await api('POST', '/api/v1/contacts/import',
        await file.text(), { 'Content-Type': 'text/csv' });
      setResult((r && (r.data || r)) || {});
      onDone();
    } catch (e) { toast(e.message, { kind: 'error' }); }
  }
  return html`<${Modal} title=${t('contacts.import')} onClose=${onClose}>
    <p>${t('contacts.import.text')}</p>
    <input type="file" accept=".csv,text/csv" aria-label=${
      t('contacts.import.file')}
      onChange=${(e) => setFile(e.target.files[0] || null)} />
    ${result && html`<p role="status">${t('contacts.import.result', {
      created: number(result.created || 0), updated: number(result.updated ||
        0), failed: number((result.errors || []).length || result.failed ||
        0) })}</p>`}
    <button class="btn primary" disabled=${!file} onClick=${go}>
      ${t('contacts.import')}</button></${Modal}>`;
}
