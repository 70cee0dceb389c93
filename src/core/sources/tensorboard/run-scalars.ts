// All scalar series of one TensorBoard run folder: every event file read in filename order,
// merged per tag, with Lightning's placeholder removed. Problems stay per file.
import * as path from 'node:path';
import type { Series, SeriesPoints, SeriesRef } from '../../model';
import { contextFreeKeys } from '../../util/context-free-series';
import { readEventFileTail } from './tail-cache';
import { mergeFilePoints } from './merge';

export const HP_METRIC = 'hp_metric';

export interface RunScalars {
  series: Series[];
  /** `<file>: <problem>` for files that could not be read completely. */
  errors: string[];
  warnings: string[];
  /** Files that held at least one record. */
  readableFiles: number;
}

/**
 * Lightning's TensorBoardLogger logs `hp_metric = -1` at step 0 next to the hparams
 * (default_hp_metric=True) so the hparams tab has a column; it is not a result. A file that
 * carries hparams-plugin entries and starts its hp_metric with (0, -1) loses that one point.
 */
function dropHpMetricPlaceholder(points: SeriesPoints): SeriesPoints {
  if (points.steps.length === 0 || points.steps[0] !== 0 || points.values[0] !== -1) return points;
  return {
    steps: points.steps.subarray(1),
    values: points.values.subarray(1),
    times: points.times?.subarray(1),
  };
}

/** `eventFiles`: names a directory listing typed as regular files. */
export async function readRunScalars(
  dir: string,
  eventFiles: string[],
  options: { only?: SeriesRef[]; signal?: AbortSignal } = {},
): Promise<RunScalars> {
  const out: RunScalars = { series: [], errors: [], warnings: [], readableFiles: 0 };
  const wanted = contextFreeKeys(options.only);
  const parts = new Map<string, SeriesPoints[]>();
  for (const name of eventFiles) {
    if (options.signal?.aborted) break;
    // Cached per file: a live run's appended records are all that is read on the next pass.
    const { all, last: read } = await readEventFileTail(path.join(dir, name), { signal: options.signal, listedAsFile: true });
    if (read.records > 0) out.readableFiles++;
    if (read.error) out.errors.push(`${name}: ${read.error}`);
    for (const w of read.warnings) out.warnings.push(`${name}: ${w}`);
    if (read.partialTailBytes > 0) {
      out.warnings.push(`${name}: incomplete last record (${read.partialTailBytes} bytes), file still being written or cut short`);
    }
    const placeholderFile = read.cursor.decoder.hasHparamsPlugin;
    for (const [tag, points] of all) {
      if (wanted && !wanted.has(tag)) continue;
      const p = tag === HP_METRIC && placeholderFile ? dropHpMetricPlaceholder(points) : points;
      if (p.steps.length === 0) continue;
      let list = parts.get(tag);
      if (!list) parts.set(tag, (list = []));
      list.push(p);
    }
  }
  for (const tag of [...parts.keys()].sort()) {
    out.series.push({ key: tag, context: {}, points: mergeFilePoints(parts.get(tag)!) });
  }
  return out;
}
