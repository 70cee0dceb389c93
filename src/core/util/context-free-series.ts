// Helpers for the formats whose series are plain metric keys with no context (MLflow, W&B,
// TensorBoard, Hugging Face Trainer, Lightning CSV).
import type { Series, SeriesRef } from '../model';

/** The keys a ReadSeriesOptions.only asks for; refs with a context cannot match and are dropped. Undefined = all keys. */
export function contextFreeKeys(only: readonly SeriesRef[] | undefined): Set<string> | undefined {
  return only && new Set(only.filter((r) => Object.keys(r.context).length === 0).map((r) => r.key));
}

/** Points of one series as they are collected while parsing, before they become typed arrays. */
export interface SeriesColumns {
  steps: number[];
  values: number[];
  /** NaN where the row had no epoch. */
  epochs: number[];
}

/** The collected columns as context-free Series, sorted by key. */
export function seriesFromColumns(columns: Map<string, SeriesColumns>): Series[] {
  const series: Series[] = [];
  for (const [key, cols] of columns) {
    series.push({
      key,
      context: {},
      points: { steps: Float64Array.from(cols.steps), values: Float64Array.from(cols.values), epochs: Float64Array.from(cols.epochs) },
    });
  }
  return series.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
