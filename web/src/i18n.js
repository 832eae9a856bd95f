// English and Korean strings and Intl formatting in the user's locale and
// time zone. t(key, vars) looks a key up in the active language and falls
// back to English, then to the key itself.
import en from './locales/en.js';
import ko from './locales/ko.js';

const tables = { en, ko };
let lang = 'en';
let locale = 'en';
let timeZone;

// Choose the language and formats for a user ({locale, timezone}).
export function setLocale(userLocale, tz) {
  locale = userLocale || navigator.language || 'en';
  lang = locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
  try {
    new Intl.DateTimeFormat(locale, { timeZone: tz || undefined });
    timeZone = tz || undefined;
  } catch { timeZone = undefined; }
  document.documentElement.lang = lang;
}

export const currentLang = () => lang;

export function t(key, vars) {
  let s = tables[lang][key] ?? en[key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m));
  return s;
}

const fmt = (opts) => new Intl.DateTimeFormat(locale, { timeZone, ...opts });

// A time for a list: the clock today, the weekday within a week, the
// date before that.
export function shortTime(ms) {
  if (!ms) return '';
  const d = new Date(ms);
  const now = Date.now();
  const day = fmt({ year: 'numeric', month: '2-digit', day: '2-digit' });
  if (day.format(d) === day.format(new Date(now)))
    return fmt({ hour: 'numeric', minute: '2-digit' }).format(d);
  if (now - ms < 6 * 86400000) return fmt({ weekday: 'short' }).format(d);
  return fmt({ month: 'short', day: 'numeric' }).format(d);
}

export const fullTime = (ms) => (ms ? fmt({ dateStyle: 'medium',
  timeStyle: 'short' }).format(new Date(ms)) : '');

export const clockTime = (ms) => fmt({ hour: 'numeric', minute: '2-digit' })
  .format(new Date(ms));

export const dayLabel = (ms) => fmt({ weekday: 'long', month: 'long',
  day: 'numeric' }).format(new Date(ms));

export const number = (n) => new Intl.NumberFormat(locale).format(n);

// "3.4 MB" in the user's number format.
export function bytes(n) {
  if (n == null) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return new Intl.NumberFormat(locale, { maximumFractionDigits: i ? 1 : 0 })
    .format(v) + ' ' + units[i];
}

// "in 3 h" / "5 min ago" for window countdowns and waiting times.
export function relative(ms) {
  const diff = ms - Date.now();
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const a = Math.abs(diff);
  if (a < 60000) return rtf.format(Math.round(diff / 1000), 'second');
  if (a < 3600000) return rtf.format(Math.round(diff / 60000), 'minute');
  if (a < 86400000) return rtf.format(Math.round(diff / 3600000), 'hour');
  return rtf.format(Math.round(diff / 86400000), 'day');
}

// "2:59:12" left until ms.
export function countdown(ms) {
  const s = Math.max(0, Math.floor((ms - Date.now()) / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60)
    .padStart(2, '0')}`;
}
