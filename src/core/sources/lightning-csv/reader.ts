// PyTorch Lightning CSVLogger runs (formats-spec §3): <save_dir>/<name>/<version>/ with metrics.csv
// and/or hparams.yaml. Each version folder is its own source root and run. TensorBoardLogger writes
// the same layout with event files instead of metrics.csv: such a folder belongs to the TensorBoard
// reader, so it is ours only when it also has metrics.csv, and we never stop discovery there.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DetectResult, DirListing, ListOptions, ListResult, ReadError, ReadSeriesOptions, RunInfo, RunStatus, SeriesResult, SourceReader, SourceRoot } from '../../model';
import { contextFreeKeys, seriesFromColumns } from '../../util/context-free-series';
import { errorMessage, isLfsPointer, lfsPointerMessage, readHead, readRegularFile, readRegularFileSync } from '../../util/fs';
import { eventFileTimesIn } from '../../util/run-time-files';
import { runTimesWithoutClock, TIME_SOURCE_KEY } from '../../util/run-times';
import { listLightningCheckpoints } from './checkpoints';
import { parseHparams } from './hparams-yaml';
import { parseMetricsCsv } from './metrics-csv';

const METRICS = 'metrics.csv';
const HPARAMS = 'hparams.yaml';
const MAX_CSV_BYTES = 400 * 1024 * 1024;
const MAX_YAML_BYTES = 16 * 1024 * 1024;
/** metrics.csv up to this size is read synchronously (see readSeries). */
const SYNC_READ_BYTES = 4 * 1024 * 1024;

const isEventFile = (f: string) => f.startsWith('events.out.tfevents.');

async function detect(dir: DirListing): Promise<DetectResult> {
  const hasCsv = dir.files.includes(METRICS);
  const hasHparams = dir.files.includes(HPARAMS);
  const versionLike = /^version_/.test(path.basename(dir.path));
  let ours = false;
  if (hasCsv) ours = hasHparams || versionLike || (await csvHasStepColumn(path.join(dir.path, METRICS)));
  // hparams.yaml alone is a common file name: require Lightning's folder naming or checkpoints
  else if (hasHparams && !dir.files.some(isEventFile)) ours = versionLike || dir.dirs.includes('checkpoints');
  if (!ours) return { roots: [] };
  return {
    roots: [{ format: 'lightning-csv', path: dir.path }],
    skip: dir.dirs.filter((d) => d === 'checkpoints' || d === '.ipynb_checkpoints'),
  };
}

/** A metrics.csv outside a version_* folder is Lightning's only if its header has a `step` column. */
async function csvHasStepColumn(file: string): Promise<boolean> {
  const head = new TextDecoder().decode(await readHead(file, 64 * 1024));
  const firstLine = head.split(/\r?\n/)[0] ?? '';
  return firstLine.split(',').some((c) => c.replace(/^"|"$/g, '') === 'step');
}

function statSyncOrUndefined(file: string): import('node:fs').Stats | undefined {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? st : undefined;
  } catch {
    return undefined;
  }
}

function readHparams(file: string, size: number, warnings: string[]): Record<string, string> {
  if (size > MAX_YAML_BYTES) {
    warnings.push(`${HPARAMS}: too large to read (${size} bytes)`);
    return {};
  }
  try {
    const bytes = readRegularFileSync(file);
    if (isLfsPointer(bytes.subarray(0, 64))) {
      warnings.push(`${HPARAMS}: ${lfsPointerMessage('the hyperparameters')}`);
      return {};
    }
    const res = parseHparams(bytes.toString('utf8'));
    if (res.error) warnings.push(`${HPARAMS}: ${res.error}`);
    if (res.warning) warnings.push(res.warning);
    return res.params;
  } catch (err) {
    warnings.push(`${HPARAMS}: cannot read (${errorMessage(err)})`);
    return {};
  }
}

async function listRuns(root: SourceRoot, _options?: ListOptions): Promise<ListResult> {
  const dir = root.path;
  try {
    // blocking calls: readers run in worker threads, where each promise round trip cost more than the call
    const csv = statSyncOrUndefined(path.join(dir, METRICS));
    const hparams = statSyncOrUndefined(path.join(dir, HPARAMS));
    if (!csv && !hparams) return { runs: [], errors: [] }; // gone since discovery
    const warnings: string[] = [];
    const params = hparams ? readHparams(path.join(dir, HPARAMS), hparams.size, warnings) : {};
    // CSVLogger writes no status or end marker, and file times cannot tell a live run from a
    // fresh git clone: the status is unknown (whoever watches the folder can see it grow).
    const status: RunStatus = 'unknown';
    const name = path.basename(dir);
    const extra: Record<string, unknown> = { has_metrics_csv: Boolean(csv) };
    if (csv) extra.metrics_csv_bytes = csv.size;
    const run: RunInfo = {
      format: 'lightning-csv',
      id: name,
      experiment: path.basename(path.dirname(dir)),
      name,
      status,
      path: dir,
      root: root.path,
      params,
      tags: {},
      checkpoints: await listLightningCheckpoints(dir),
      extra,
    };
    // metrics.csv has no clock: a TensorBoardLogger writing into the same version folder names its
    // start time; else the earliest of hparams.yaml (written at fit start) and metrics.csv.
    const times = runTimesWithoutClock({
      eventFileTimes: await eventFileTimesIn(dir),
      fileTimes: [csv?.mtimeMs, hparams?.mtimeMs].filter((t): t is number => t !== undefined),
      finished: false,
    });
    if (times.startTime !== undefined) run.startTime = times.startTime;
    if (times.source) extra[TIME_SOURCE_KEY] = times.source;
    if (warnings.length) run.warnings = warnings;
    return { runs: [run], errors: [] };
  } catch (err) {
    return { runs: [], errors: [{ path: dir, message: `cannot list Lightning run: ${errorMessage(err)}` }] };
  }
}

async function readSeries(run: RunInfo, options?: ReadSeriesOptions): Promise<SeriesResult> {
  const file = path.join(run.path, METRICS);
  const fail = (message: string): SeriesResult => ({ series: [], errors: [{ path: file, runId: run.id, message }] });
  try {
    const st = statSyncOrUndefined(file);
    if (!st) return { series: [], errors: [] }; // hparams-only run: no metrics
    if (st.size > MAX_CSV_BYTES) return fail(`too large to read (${st.size} bytes)`);
    // readers run in worker threads: a small file read at once costs less than its thread-pool round trips
    const bytes = st.size <= SYNC_READ_BYTES ? readRegularFileSync(file) : await readRegularFile(file);
    if (isLfsPointer(bytes.subarray(0, 64))) return fail(lfsPointerMessage('the metrics'));
    const wanted = contextFreeKeys(options?.only);
    const parsed = parseMetricsCsv(bytes, wanted ? (k) => wanted.has(k) : undefined);
    const series = seriesFromColumns(parsed.series);
    const errors: ReadError[] = parsed.warnings.map((message) => ({ path: file, runId: run.id, message }));
    return { series, errors };
  } catch (err) {
    return fail(`cannot read: ${errorMessage(err)}`);
  }
}

export const lightningCsvReader: SourceReader = {
  format: 'lightning-csv',
  detect,
  listRuns,
  readSeries,
  // A run is its version folder: metrics.csv, hparams.yaml, event file names and checkpoints/ are all below
  // the root (ModelCheckpoint files saved elsewhere are not looked for), and nothing depends on the clock.
  readsOnlyBelowRoot: true,
};
