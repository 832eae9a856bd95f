// Sign-in. Each failure says what happened and what to do: a wrong
// password, too many attempts (with the wait), a disabled user, a server
// that is down or unreachable.
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { post, get } from './api.js';
import { t } from './i18n.js';
import { Icon } from './ui.js';

function explain(e) {
  switch (e.code) {
  case 'invalid_credentials': return t('login.wrong');
  case 'rate_limited': return t('login.throttled',
    { seconds: e.retryAfter || 60 });
  case 'unauthorized': return t('login.disabled');
  case 'network': return t('login.network');
  case 'missing_field': case 'invalid_field': return t('login.fill');
  default: return e.status >= 500 ? t('login.down') : e.message;
  }
}

export function Login({ onDone }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(ev) {
    ev.preventDefault();
    if (!email || !password) { setError(t('login.fill')); return; }
    setBusy(true);
    setError('');
    try {
      await post('/api/v1/auth/login', { email, password });
      onDone(await get('/api/v1/me'));
    } catch (e) {
      setError(explain(e));
      setBusy(false);
    }
  }

  return html`<div class="login">
    <form class="login-card" onSubmit=${submit} novalidate>
      <div class="login-brand"><${Icon} name="logo" /> Parley</div>
      <h1>${t('login.title')}</h1>
      <label for="email">${t('login.email')}</label>
      <input id="email" type="email" autocomplete="username" required
        value=${email} onInput=${(e) => setEmail(e.target.value)}
        aria-invalid=${error ? 'true' : undefined} autofocus />
      <label for="password">${t('login.password')}</label>
      <input id="password" type="password" autocomplete="current-password"
        required value=${password}
        onInput=${(e) => setPassword(e.target.value)}
        aria-invalid=${error ? 'true' : undefined} />
      ${error && html`<p class="form-error" role="alert">${error}</p>`}
      <button class="btn primary wide" type="submit" disabled=${busy}>
        ${busy ? t('login.busy') : t('login.submit')}</button>
    </form>
  </div>`;
}
