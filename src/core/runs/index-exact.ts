// Which column summaries the index answers exactly from its per-series summaries (count, first/last point,
// min/max): a module of its own, with no imports but types, so the run query's parser (bundled into the
// webviews) can reject the others without pulling in the objective inference.
import type { Summary } from './columns';

export type IndexedSummaryKind = 'last' | 'first' | 'min' | 'max' | 'best';

const EXACT: ReadonlySet<Summary['kind']> = new Set<Summary['kind']>(['last', 'first', 'min', 'max', 'best']);

/** Whether the index answers this summary exactly (else only the full-resolution points do). */
export function indexAnswers(summary: Summary): summary is { kind: IndexedSummaryKind } {
  return EXACT.has(summary.kind);
}
