// A small in-page event bus: the live stream's events fan out to whichever
// screens are mounted. on() returns the function that unsubscribes.
const handlers = new Set();

export function on(fn) {
  handlers.add(fn);
  return () => handlers.delete(fn);
}

export function emit(type, data) {
  for (const fn of handlers) {
    try { fn(type, data); } catch (e) { console.error(e); }
  }
}
