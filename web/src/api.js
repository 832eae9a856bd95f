// The REST client: JSON in and out, the CSRF token on every non-GET
// request, errors as ApiError with the server's stable code, and the
// live event stream with automatic resume (EventSource sends
// Last-Event-ID on reconnect).

let csrf = '';
export const setCsrf = (t) => { csrf = t || ''; };

export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

let onUnauthorized = () => {};
export const setUnauthorizedHandler = (fn) => { onUnauthorized = fn; };

// Send one request. body may be an object (sent as JSON) or FormData.
// Resolves to the parsed JSON (or null for an empty body); rejects with
// ApiError for an HTTP error and with code "network" when the server
// cannot be reached.
export async function api(method, path, body, headers = {}) {
  const h = { Accept: 'application/json', ...headers };
  let payload;
  if (body instanceof FormData || typeof body === 'string') payload = body;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrf) h['X-CSRF-Token'] = csrf;
  let res;
  try {
    res = await fetch(path, { method, headers: h, body: payload,
      credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'network', 'cannot reach the server');
  }
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!res.ok) {
    const err = (json && json.error) || {};
    const e = new ApiError(res.status, err.code ||
      (res.status >= 500 ? 'unavailable' : 'http_' + res.status),
      err.message || res.statusText, res.headers.get('Retry-After'));
    if (res.status === 401 && !path.startsWith('/api/v1/auth/'))
      onUnauthorized(e);
    throw e;
  }
  return json;
}

export const get = (p) => api('GET', p);
export const post = (p, b, h) => api('POST', p, b === undefined ? {} : b, h);
export const patch = (p, b) => api('PATCH', p, b);
export const put = (p, b) => api('PUT', p, b);
export const del = (p) => api('DELETE', p);

// Build a query string from an object, skipping empty values.
export function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') u.set(k, v);
  const s = u.toString();
  return s ? '?' + s : '';
}

// An endpoint that has not landed on this server answers 404/405 with
// route_not_found; the UI then hides the feature instead of failing.
export const missing = (e) => e instanceof ApiError &&
  (e.code === 'route_not_found' || e.code === 'method_not_allowed');

const EVENT_TYPES = ['message.created', 'message.updated',
  'conversation.created', 'conversation.updated', 'presence', 'typing',
  'viewing', 'team.created', 'team.updated', 'team.deleted',
  'user.created', 'user.updated', 'user.deleted', 'contact.updated',
  'label.created', 'label.updated'];

// Open the event stream; handler(type, data) is called for each event,
// status(online) when the connection opens or drops. Returns a closer.
export function subscribe(handler, status = () => {}) {
  const es = new EventSource('/api/v1/events');
  const on = (ev) => {
    let data = null;
    try { data = JSON.parse(ev.data); } catch { return; }
    handler(ev.type, data);
  };
  for (const t of EVENT_TYPES) es.addEventListener(t, on);
  es.onmessage = on;
  es.onopen = () => status(true);
  es.onerror = () => status(false);
  return () => es.close();
}
