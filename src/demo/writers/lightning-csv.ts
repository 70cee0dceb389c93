// Writes one Lightning CSVLogger version folder the way Lightning >= 2.1 does (formats-spec §3):
// metrics.csv from csv.DictWriter (CRLF, alphabetically sorted header that is the union of all
// keys, sparse rows), hparams.yaml from save_hparams_to_yaml, and checkpoints/*.ckpt.
import * as fs from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { pythonFloatRepr } from '../../core/util/python-text';

/** One log_metrics call: `step` (and usually `epoch`) plus the metrics logged together. */
export type LightningRow = Record<string, number | string>;

export interface LightningCheckpointSpec {
  /** File name; default `epoch=<epoch>-step=<step>.ckpt`. */
  fileName?: string;
  epoch?: number;
  step?: number;
  /** Size of the fake checkpoint file (default 2048). */
  bytes?: number;
}

export interface LightningCsvRunOptions {
  /**
   * Written with js-yaml like PyYAML's dump (sorted keys); `{}` gives the 3-byte `{}` file of a
   * run without hparams. A string is written as it is (e.g. YAML with !!python tags).
   * Omitted: no hparams.yaml.
   */
  hparams?: Record<string, unknown> | string;
  /** Omitted: no metrics.csv (a run that logged nothing yet). */
  rows?: LightningRow[];
  checkpoints?: LightningCheckpointSpec[];
  /** Cut the last CSV row in the middle, as a reader sees a file being written. */
  truncateLastRow?: boolean;
}

/** Python int columns; every other number is a float logged from a tensor. */
const INT_COLUMNS = new Set(['step', 'epoch']);

export function writeLightningCsvRun(dir: string, run: LightningCsvRunOptions): void {
  fs.mkdirSync(dir, { recursive: true });
  if (run.hparams !== undefined) {
    const text = typeof run.hparams === 'string' ? run.hparams : hparamsYaml(run.hparams);
    fs.writeFileSync(path.join(dir, 'hparams.yaml'), text);
  }
  if (run.rows) {
    let csv = metricsCsv(run.rows);
    if (run.truncateLastRow && run.rows.length) csv = cutLastLine(csv);
    fs.writeFileSync(path.join(dir, 'metrics.csv'), csv);
  }
  if (run.checkpoints?.length) {
    const ckDir = path.join(dir, 'checkpoints');
    fs.mkdirSync(ckDir, { recursive: true });
    for (const c of run.checkpoints) {
      const name = c.fileName ?? `epoch=${c.epoch ?? 0}-step=${c.step ?? 0}.ckpt`;
      fs.writeFileSync(path.join(ckDir, name), new Uint8Array(c.bytes ?? 2048));
    }
  }
}

/** PyYAML dump of a plain mapping: sorted keys, block style; `{}` for an empty one. */
export function hparamsYaml(hparams: Record<string, unknown>): string {
  if (Object.keys(hparams).length === 0) return '{}\n';
  return yaml.dump(hparams, { sortKeys: true, lineWidth: -1 });
}

export function metricsCsv(rows: LightningRow[]): string {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) keys.add(k);
  const header = [...keys].sort();
  const lines = [header.map(csvCell).join(',')];
  for (const r of rows) lines.push(header.map((k) => (k in r ? cellText(k, r[k]) : '')).join(','));
  return lines.map((l) => l + '\r\n').join('');
}

function cellText(key: string, v: number | string): string {
  if (typeof v === 'string') return csvCell(v);
  return INT_COLUMNS.has(key) && Number.isInteger(v) ? String(v) : pythonFloatRepr(v);
}

/** csv.DictWriter's QUOTE_MINIMAL: quote cells holding a comma, quote or line break. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Keeps the first half of the last line, without its line break. */
function cutLastLine(csv: string): string {
  const body = csv.slice(0, -2);
  const start = body.lastIndexOf('\r\n') + 2;
  return body.slice(0, start + Math.ceil((body.length - start) / 2));
}
