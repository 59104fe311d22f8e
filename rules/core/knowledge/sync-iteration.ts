/**
 * Array methods that call their callback before they return (`Object.keys(t).forEach(fn)` runs `fn`
 * right there): code in such a callback runs when the call does, unlike a handler that is stored to
 * be called later (`app.get(path, fn)`, `emitter.on(event, fn)`).
 */
export const SYNC_ITERATION_METHODS: ReadonlySet<string> = new Set(['forEach', 'map', 'filter', 'reduce', 'some', 'every', 'flatMap', 'find']);

/** Whether `method` names an array method that runs its callback synchronously. */
export function callsCallbackNow(method: string | undefined): boolean {
  return method !== undefined && SYNC_ITERATION_METHODS.has(method);
}
