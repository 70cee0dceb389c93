// Writes W&B run folders from the spec (../shared/specs/formats-spec.md §6): the `run-<id>.wandb`
// transaction log (7-byte header, LevelDB log blocks, CRC-32/IEEE over type+data, Record protobufs)
// and the files/ folder (config.yaml with value wrappers, wandb-summary.json, wandb-metadata.json).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { WriterRun } from '../../src/demo/writers/types';
import { ProtoWriter } from './proto-encode';

export const BLOCK = 32768;
const HEADER = new Uint8Array([0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00]);
const crc32 = (zlib as unknown as { crc32: (d: Uint8Array, init?: number) => number }).crc32;

/** JSON with NaN/Infinity written bare, as Python's json.dumps does. */
export function pyJson(v: unknown): string {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (v === Infinity) return 'Infinity';
    if (v === -Infinity) return '-Infinity';
  }
  if (Array.isArray(v)) return `[${v.map(pyJson).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyJson(x)}`).join(', ')}}`;
  }
  return JSON.stringify(v);
}

type Item = [key: string, value: unknown];

function items(w: ProtoWriter, field: number, list: Item[]): void {
  for (const [key, value] of list) w.message(field, (it) => it.string(1, key).string(16, pyJson(value)));
}

/** Record { 1 num, <field> payload }. */
function record(num: number, field: number, build: (w: ProtoWriter) => void): Uint8Array {
  return new ProtoWriter().int(1, num).message(field, build).finish();
}

export const records = {
  header: (num: number) => record(num, 21, () => undefined),
  run: (
    num: number,
    r: { runId: string; project?: string; entity?: string; displayName?: string; startTime?: number; host?: string; tags?: string[]; config?: Item[] },
  ) =>
    record(num, 17, (w) => {
      w.string(1, r.runId);
      if (r.entity) w.string(2, r.entity);
      if (r.project) w.string(3, r.project);
      if (r.config) w.message(4, (c) => items(c, 1, r.config!));
      if (r.displayName) w.string(8, r.displayName);
      for (const t of r.tags ?? []) w.string(10, t);
      if (r.host) w.string(13, r.host);
      if (r.startTime !== undefined) {
        const seconds = Math.floor(r.startTime);
        w.message(17, (ts) => ts.int(1, seconds).int(2, Math.round((r.startTime! - seconds) * 1e9)));
      }
    }),
  config: (num: number, list: Item[]) => record(num, 5, (w) => items(w, 1, list)),
  summary: (num: number, list: Item[]) => record(num, 3, (w) => items(w, 1, list)),
  history: (num: number, list: Item[], stepNum?: number) =>
    record(num, 2, (w) => {
      items(w, 1, list);
      if (stepNum !== undefined) w.message(2, (s) => s.int(1, stepNum));
    }),
  outputRaw: (num: number, line: string) => record(num, 13, (w) => w.int(1, 0).string(3, line)),
  exit: (num: number, exitCode: number, runtime: number) => record(num, 18, (w) => w.int(1, exitCode).int(2, runtime)),
  /** A record of a type this reader does not know, with an unknown field inside (future wandb). */
  future: (num: number) => record(num, 42, (w) => w.string(7, 'future').int(99, 5)),
};

/** LevelDB log framing of `records` after the 7-byte file header, with block trailers padded. */
export function logBytes(recs: Uint8Array[]): Uint8Array {
  let out = new Uint8Array(1 << 16);
  let len = 0;
  const room = (n: number) => {
    if (len + n <= out.length) return;
    const next = new Uint8Array(Math.max(out.length * 2, len + n));
    next.set(out.subarray(0, len));
    out = next;
  };
  room(HEADER.length);
  out.set(HEADER, 0);
  len = HEADER.length;
  const chunk = (type: number, data: Uint8Array) => {
    const crc = crc32(data, crc32(new Uint8Array([type])));
    room(7 + data.length);
    out.set([crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24, data.length & 0xff, data.length >>> 8, type], len);
    out.set(data, len + 7);
    len += 7 + data.length;
  };
  for (const rec of recs) {
    let pos = 0;
    let first = true;
    do {
      let left = BLOCK - (len % BLOCK);
      if (left < 7) {
        room(left);
        out.fill(0, len, len + left); // trailer too small for a header: zero padding
        len += left;
        left = BLOCK;
      }
      const n = Math.min(rec.length - pos, left - 7);
      const last = pos + n === rec.length;
      chunk(first && last ? 1 : first ? 2 : last ? 4 : 3, rec.subarray(pos, pos + n));
      pos += n;
      first = false;
    } while (pos < rec.length);
  }
  return out.slice(0, len);
}

export function runFolderName(id: string, startMs: number, offline = false): string {
  const d = new Date(startMs);
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}_${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
  return `${offline ? 'offline-' : ''}run-${stamp}-${id}`;
}

function configYaml(params: Record<string, unknown>, startSec: number): string {
  const lines = ['wandb_version: 1', '', '_wandb:', '  desc: null', '  value:', '    cli_version: 0.13.5', `    start_time: ${startSec}`];
  for (const [k, v] of Object.entries(params)) lines.push(`${JSON.stringify(k)}:`, '  desc: null', `  value: ${JSON.stringify(v)}`);
  return lines.join('\n') + '\n';
}

export interface WandbRunOptions {
  project?: string;
  offline?: boolean;
  /** Write the exit record (status from its code); omit for a live or killed run. */
  exitCode?: number | null;
  /** 'absent' or 'empty' make the summary-only layouts seen in the corpus. */
  logFile?: 'full' | 'absent' | 'empty';
  /** Params typed as config values (numbers stay numbers); defaults to run.params. */
  config?: Record<string, unknown>;
  extraRecords?: Uint8Array[];
}

/** One run folder below `wandbDir`; returns its path. History rows group metric points by step. */
export function writeWandbRun(wandbDir: string, run: WriterRun, opts: WandbRunOptions = {}): string {
  const dir = path.join(wandbDir, runFolderName(run.id, run.startTime, opts.offline));
  const files = path.join(dir, 'files');
  fs.mkdirSync(files, { recursive: true });
  const startSec = run.startTime / 1000;
  const config = opts.config ?? run.params;
  fs.writeFileSync(path.join(files, 'config.yaml'), configYaml(config, startSec));

  const rows = new Map<number, { time: number; values: Item[] }>();
  for (const m of run.metrics) {
    for (const p of m.points) {
      let row = rows.get(p.step);
      if (!row) rows.set(p.step, (row = { time: p.time, values: [] }));
      row.values.push([m.key, p.value]);
    }
  }
  const steps = [...rows.keys()].sort((a, b) => a - b);
  const summary: Record<string, unknown> = {};
  for (const m of run.metrics) if (m.points.length) summary[m.key] = m.points[m.points.length - 1].value;
  const runtime = Math.round(((run.endTime ?? run.startTime) - run.startTime) / 1000);
  summary._wandb = { runtime };
  fs.writeFileSync(path.join(files, 'wandb-summary.json'), pyJson(summary));
  fs.writeFileSync(
    path.join(files, 'wandb-metadata.json'),
    JSON.stringify({ startedAt: new Date(run.startTime).toISOString().replace('Z', ''), state: 'running', host: 'testhost', program: '/home/u/train.py', codePath: 'train.py', git: { remote: 'https://example.com/r.git', commit: 'abc123' } }, null, 4),
  );

  const mode = opts.logFile ?? 'full';
  const logPath = path.join(dir, `run-${run.id}.wandb`);
  if (mode === 'empty') fs.writeFileSync(logPath, new Uint8Array(0));
  if (mode !== 'full') return dir;
  let num = 0;
  const recs: Uint8Array[] = [
    records.header(++num),
    records.run(++num, { runId: run.id, project: opts.project ?? run.experiment, displayName: run.name, startTime: startSec, host: 'testhost', config: [['_wandb', {}]] }),
    records.config(++num, Object.entries(config).map(([k, v]) => [k, { desc: null, value: v }])),
  ];
  for (const step of steps) {
    const row = rows.get(step)!;
    recs.push(records.history(++num, [...row.values, ['_step', step], ['_runtime', (row.time - run.startTime) / 1000], ['_timestamp', row.time / 1000]]));
  }
  recs.push(...(opts.extraRecords ?? []));
  const exitCode = opts.exitCode === undefined ? (run.status === 'finished' ? 0 : run.status === 'failed' ? 1 : null) : opts.exitCode;
  if (exitCode !== null) recs.push(records.exit(++num, exitCode, runtime));
  recs.push(records.summary(++num, Object.entries(summary)));
  fs.writeFileSync(logPath, logBytes(recs));
  return dir;
}
