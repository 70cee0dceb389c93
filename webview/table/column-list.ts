// Edits of the table's column order, as pure functions over the list of column ids (the header menu's
// replace / move and drag-and-drop): each returns the new list, or undefined when nothing changes.

/** `id` replaced by `next` (a summary or step change); a column already shown under `next` is not doubled. */
export function replacedColumn(ids: readonly string[], id: string, next: string | undefined): string[] | undefined {
  if (!next || next === id) return undefined;
  return [...new Set(ids.map((c) => (c === id ? next : c)))];
}

/** `id` swapped with its neighbour `delta` places away (◀ ▶); undefined at either end. */
export function movedColumn(ids: readonly string[], id: string, delta: number): string[] | undefined {
  const i = ids.indexOf(id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= ids.length) return undefined;
  const out = [...ids];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** `from` dropped onto `onto`: it now stands just before it. */
export function droppedColumn(ids: readonly string[], from: string, onto: string): string[] | undefined {
  if (from === onto || !ids.includes(from) || !ids.includes(onto)) return undefined;
  const out = ids.filter((c) => c !== from);
  out.splice(out.indexOf(onto), 0, from);
  return out;
}
