// Tiny runtime guards shared by the per-panel protocols: inbound messages are checked, never cast.
export type Guard<T> = (v: unknown) => v is T;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === 'string';
export const isNumber = (v: unknown): v is number => typeof v === 'number';
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/** Checks `v.type` against a table of per-type field guards. */
export function makeMessageGuard<T extends { type: string }>(
  fields: { [K in T['type']]: (msg: Record<string, unknown>) => boolean },
): Guard<T> {
  return (v: unknown): v is T => {
    if (!isObject(v) || !isString(v.type)) return false;
    // Own properties only: `constructor`, `toString`, `__proto__` … are not message types.
    if (!Object.prototype.hasOwnProperty.call(fields, v.type)) return false;
    const check = (fields as Record<string, (m: Record<string, unknown>) => boolean>)[v.type];
    return typeof check === 'function' && check(v);
  };
}
