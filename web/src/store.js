// The app's shared state: who is signed in, the account's people, teams,
// labels and inboxes, the connection status, toasts and the presence of
// other agents. Components read it with useStore() and re-render when
// set() changes it; nothing here talks to the network by itself.
import { useEffect, useState } from 'preact/hooks';

const state = {
  me: null, account: null, users: [], teams: [], labels: [], inboxes: [],
  canned: [], attributes: [], online: true, toasts: [], presence: {},
  shortcuts: [],
};
const listeners = new Set();

export const getState = () => state;

export function set(patch) {
  Object.assign(state, typeof patch === 'function' ? patch(state) : patch);
  for (const l of listeners) l();
}

// Re-render the calling component whenever the state changes.
export function useStore() {
  const [, tick] = useState(0);
  useEffect(() => {
    const l = () => tick((n) => n + 1);
    listeners.add(l);
    return () => listeners.delete(l);
  }, []);
  return state;
}

let toastSeq = 0;

// Show a toast; returns its id. opts: {action, onAction, timeout, kind}.
export function toast(text, opts = {}) {
  const id = ++toastSeq;
  set({ toasts: [...state.toasts, { id, text, ...opts }] });
  const ms = opts.timeout ?? 4000;
  if (ms > 0) setTimeout(() => dismiss(id), ms);
  return id;
}

export function dismiss(id) {
  set({ toasts: state.toasts.filter((x) => x.id !== id) });
}

export const userName = (id) => {
  const u = state.users.find((x) => x.id === id);
  return u ? u.name || u.email : '';
};
export const teamName = (id) => {
  const u = state.teams.find((x) => x.id === id);
  return u ? u.name : '';
};
