// Full-resolution series of one file-store run: one metric file per key under metrics/
// (keys with '/' are nested folders). MLflow metrics have no context, so context is {}.
import * as path from 'node:path';
import type { ReadError, ReadSeriesOptions, RunInfo, Series, SeriesResult } from '../../model';
import { contextFreeKeys } from '../../util/context-free-series';
import { errorMessage } from '../../util/fs';
import { listKeyFiles, type UnreadKey } from './key-files';
import { mapLimit } from '../../util/map-limit';
import { readMetricFile } from './metric-file';

/** A few files in flight keeps the disk busy without holding many large buffers at once. */
const FILE_READ_CONCURRENCY = 4;

export async function readFileStoreSeries(run: RunInfo, options: ReadSeriesOptions = {}): Promise<SeriesResult> {
  const errors: ReadError[] = [];
  const series: Series[] = [];
  try {
    const unread: UnreadKey[] = [];
    let files = await listKeyFiles(path.join(run.path, 'metrics'), unread);
    for (const u of unread) errors.push({ path: u.path, runId: run.id, message: u.message });
    // MLflow series never carry a context, so only context-free refs can match.
    const wanted = contextFreeKeys(options.only);
    if (wanted) files = files.filter((f) => wanted.has(f.key));
    const results = await mapLimit(files, FILE_READ_CONCURRENCY, (f) =>
      readMetricFile(f.file, `metrics/${f.key}`, options.signal),
    );
    files.forEach((f, i) => {
      const r = results[i];
      for (const message of r.problems) errors.push({ path: f.file, runId: run.id, message });
      series.push({ key: f.key, context: {}, points: { steps: r.steps, values: r.values, times: r.times } });
    });
  } catch (err) {
    errors.push({ path: run.path, runId: run.id, message: `cannot read metrics: ${errorMessage(err)}` });
  }
  return { series, errors };
}
