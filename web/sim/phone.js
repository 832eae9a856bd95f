// The customer phone: polls the simulator for this customer's conversation
// and sends what the person types (or taps) as the customer. Every piece of
// text is untrusted and goes into the page with textContent only.
'use strict';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const state = { waId: '', after: 0, entries: new Map(), business: '' };

function randomNumber() {
  return '1555' + String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function timeOf(ts) {
  const d = new Date(Number(ts) * 1000);
  return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

// Post one Cloud API message object as this customer.
async function sendAsCustomer(msg) {
  const name = $('profile').value.trim();
  if (name) msg.profile_name = name;
  const res = await fetch('/sim/customers/' + state.waId + '/messages', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(msg),
  });
  if (!res.ok) $('status').textContent = 'send failed (' + res.status + ')';
  poll();
}

function reply(entry, kind, row) {
  const msg = { type: 'interactive', context: { id: entry.wamid } };
  if (state.business) msg.context.from = state.business;
  msg.interactive = { type: kind };
  msg.interactive[kind] = row;
  sendAsCustomer(msg);
}

function openList(entry, action) {
  $('sheet-title').textContent = action.button || 'Choose';
  const ul = $('sheet-rows');
  ul.replaceChildren();
  for (const section of action.sections || []) {
    if (section.title) ul.append(el('li', 'section', section.title));
    for (const row of section.rows || []) {
      const li = el('li', '', row.title);
      if (row.description) li.append(el('small', '', row.description));
      li.addEventListener('click', () => {
        $('sheet').hidden = true;
        const r = { id: row.id, title: row.title };
        if (row.description) r.description = row.description;
        reply(entry, 'list_reply', r);
      });
      ul.append(li);
    }
  }
  $('sheet').hidden = false;
}

// What the business sent, drawn by type.
function renderOut(box, entry) {
  const m = entry.message || {};
  const t = entry.type;
  if (t === 'text') {
    box.append(el('div', '', m.text && m.text.body));
  } else if (t === 'interactive') {
    const i = m.interactive || {};
    if (i.header && i.header.text) box.append(el('div', 'head', i.header.text));
    if (i.body) box.append(el('div', '', i.body.text));
    if (i.footer) box.append(el('div', 'foot', i.footer.text));
    const btns = el('div', 'buttons');
    const action = i.action || {};
    if (i.type === 'button') {
      for (const b of action.buttons || []) {
        const r = b.reply || {};
        const btn = el('button', '', r.title);
        btn.type = 'button';
        btn.addEventListener('click',
          () => reply(entry, 'button_reply', { id: r.id, title: r.title }));
        btns.append(btn);
      }
    } else if (i.type === 'list') {
      const btn = el('button', '', '☰ ' + (action.button || 'Options'));
      btn.type = 'button';
      btn.addEventListener('click', () => openList(entry, action));
      btns.append(btn);
    } else if (i.type === 'cta_url' && action.parameters) {
      const a = el('a', '', action.parameters.display_text);
      a.href = /^https?:\/\//.test(action.parameters.url || '')
        ? action.parameters.url : '#';
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      btns.append(a);
    }
    box.append(btns);
  } else if (t === 'template') {
    const tpl = m.template || {};
    box.append(el('div', 'kind', 'template ' + (tpl.name || '')));
    for (const c of tpl.components || []) {
      for (const p of c.parameters || []) {
        if (p.type === 'text') box.append(el('div', '', p.text));
      }
    }
  } else if (t === 'reaction') {
    box.append(el('div', '', (m.reaction && m.reaction.emoji) || '(reaction removed)'));
  } else if (t === 'location') {
    const l = m.location || {};
    box.append(el('div', 'kind', 'location'));
    box.append(el('div', '', (l.name || '') + ' ' + l.latitude + ', ' + l.longitude));
  } else {
    const media = m[t] || {};
    box.append(el('div', 'kind', t + (media.filename ? ' · ' + media.filename : '')));
    if (media.caption) box.append(el('div', '', media.caption));
  }
}

// What this customer sent.
function renderIn(box, entry) {
  const m = entry.message || {};
  const t = entry.type;
  if (t === 'text') box.append(el('div', '', m.text && m.text.body));
  else if (t === 'interactive') {
    const i = m.interactive || {};
    const r = i[i.type] || {};
    box.append(el('div', '', r.title || i.type));
  } else box.append(el('div', 'kind', t));
}

function draw() {
  const chat = $('chat');
  const atBottom = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 40;
  chat.replaceChildren();
  const list = [...state.entries.values()].sort(
    (a, b) => a.timestamp - b.timestamp || a.order - b.order);
  let typingUntil = 0;
  for (const entry of list) {
    const box = el('div', 'msg ' + entry.direction);
    if (entry.direction === 'out') renderOut(box, entry);
    else renderIn(box, entry);
    const meta = el('div', 'meta', timeOf(entry.timestamp) + ' ');
    if (entry.direction === 'in') {
      meta.append(el('span', 'ticks' + (entry.read ? ' read' : ''), '✓✓'));
      typingUntil = Math.max(typingUntil, entry.typing_until || 0);
    }
    box.append(meta);
    chat.append(box, el('div', 'clear'));
  }
  $('status').textContent = Date.now() < typingUntil ? 'typing…' : 'online';
  if (atBottom) chat.scrollTop = chat.scrollHeight;
}

let order = 0;
async function poll() {
  if (!state.waId) return;
  try {
    const res = await fetch('/sim/customers/' + state.waId +
      '/conversation?after=' + state.after);
    if (res.status === 404) return;
    const body = await res.json();
    state.after = body.last_seq || state.after;
    state.business = body.display_number || state.business;
    if (!$('profile').value && body.profile_name) {
      $('profile').value = body.profile_name;
    }
    for (const e of body.messages || []) {
      const old = state.entries.get(e.wamid);
      e.order = old ? old.order : order++;
      state.entries.set(e.wamid, e);
    }
    if ((body.messages || []).length) draw();
  } catch (err) {
    $('status').textContent = 'offline';
  }
}

function useNumber(waId) {
  state.waId = waId;
  state.after = 0;
  state.entries.clear();
  $('wa-id').value = waId;
  const url = new URL(location.href);
  url.searchParams.set('wa_id', waId);
  history.replaceState(null, '', url);
  draw();
  poll();
}

$('compose').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = $('text').value;
  if (!text.trim() || !state.waId) return;
  $('text').value = '';
  sendAsCustomer({ type: 'text', text: { body: text } });
});
$('wa-id').addEventListener('change', () => {
  if ($('wa-id').checkValidity()) useNumber($('wa-id').value);
});
$('identity').addEventListener('submit', (ev) => ev.preventDefault());
$('sheet-close').addEventListener('click', () => { $('sheet').hidden = true; });
setInterval(poll, 1000);
setInterval(draw, 5000);
$('profile').value = params.get('name') || '';
useNumber(/^[0-9]{5,20}$/.test(params.get('wa_id') || '')
  ? params.get('wa_id') : randomNumber());
