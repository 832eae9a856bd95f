// A tiny client-side router over the History API. Paths:
// /login, /inbox, /inbox/:id, /contacts, /contacts/:id, /settings/:section.
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set();

export function navigate(path, { replace = false } = {}) {
  if (path === location.pathname + location.search) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', path);
  for (const l of listeners) l();
}

addEventListener('popstate', () => { for (const l of listeners) l(); });

// The current path split into segments, re-rendering on navigation.
export function useRoute() {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const l = () => setPath(location.pathname);
    listeners.add(l);
    return () => listeners.delete(l);
  }, []);
  return path.split('/').filter(Boolean);
}

// Follow a same-origin link without a page load.
export function linkClick(e) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey ||
      e.shiftKey) return;
  e.preventDefault();
  navigate(e.currentTarget.getAttribute('href'));
}
