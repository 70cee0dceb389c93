// The corruption oracle (after RocksDB's corruption tests): damage one file of a generated workspace at a time
// with seeded mutators, read the workspace again, and judge the result against the undamaged read:
//   - every run that does not own the damaged file reads exactly as before (facts, series and messages);
//   - a run that owns it (the file is inside its folder, or is its store file) reads as before, or with
//     changed values, or - when it lost runs, params, tags or points - with a message naming the file;
//     a run that vanished needs such a message among the workspace's problems;
//   - cutting the end off an append-only log may lose points silently: that is what a reader sees while a
//     live run is writing, and indistinguishable from a run that logged less.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReadError } from '../../../src/core/model';
import { prng } from '../../../src/core/util/prng';
import { generic, type Mutation, type Mutator } from './mutators';
import { snapshot, type RunSnap, type Snapshot } from './snapshot';

export interface OracleSpec {
  /** The workspace, written once into `dir`. */
  build(dir: string): Promise<void> | void;
  /** Format-aware mutators for one file (path relative to the workspace), on top of the generic ones. */
  mutatorsFor?(rel: string): Mutator[];
  /** Files that only ever grow at the end while a run writes them (metric files, CSV, event files, WALs). */
  appendOnly?(rel: string): boolean;
  /** Text files whose content is a list of lines: cut after a line end, they are a shorter valid file. */
  textual?(rel: string): boolean;
  /** Files left alone (e.g. lock files no reader opens). */
  skip?(rel: string): boolean;
  cases: number;
  seed: number;
}

export interface OracleFailure {
  file: string;
  mutation: string;
  problem: string;
  bytes: Uint8Array;
}

export interface OracleReport {
  cases: number;
  /** Cases whose read differs from the original's (a run vanished, appeared or reads otherwise). */
  changed: number;
  /** Cases that brought new messages. */
  reported: number;
  failures: OracleFailure[];
  byMutation: Record<string, number>;
}

function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, base));
    else if (e.isFile()) out.push(path.relative(base, p));
  }
  return out.sort();
}

/** A message names the file when it is about that path or quotes the file's name. */
export function namesFile(messages: ReadError[], file: string): boolean {
  const base = path.basename(file);
  return messages.some((m) => m.path === file || m.message.includes(base) || (m.path.endsWith(base) && m.path.length > 0));
}

function owns(run: RunSnap, file: string): boolean {
  return file === run.path || file.startsWith(run.path + path.sep);
}

/** The run in `after` that is `key` before: same key, else the only new run at the same path (its id was damaged). */
function counterpart(after: Snapshot, before: Snapshot, o: RunSnap): RunSnap | undefined {
  const same = after.runs.get(o.key);
  if (same) return same;
  const moved = [...after.runs.values()].filter((r) => r.path === o.path && !before.runs.has(r.key));
  return moved.length === 1 ? moved[0] : undefined;
}

export function judge(before: Snapshot, after: Snapshot, file: string, mutation: Mutation, appendOnly: boolean, textual = false): string | undefined {
  const owners = [...before.runs.values()].filter((r) => owns(r, file));
  const shared = owners.length === 0; // a store-wide file (index, MANIFEST of a shared DB…): every run may change
  for (const o of before.runs.values()) {
    const d = counterpart(after, before, o);
    const mine = shared || owns(o, file);
    if (!mine) {
      if (!d) return `run ${o.key} (not using the file) vanished`;
      if (d.facts !== o.facts) return `run ${o.key} (not using the file) changed`;
      if (JSON.stringify(d.messages) !== JSON.stringify(o.messages)) return `run ${o.key} (not using the file) got messages: ${JSON.stringify(d.messages.slice(0, 3))}`;
      continue;
    }
    if (!d) {
      if (!namesFile(after.global, file)) return `run ${o.key} vanished without a message naming the file (problems: ${JSON.stringify(after.global.slice(0, 3))})`;
      continue;
    }
    if (d.facts === o.facts) continue;
    const lost: string[] = [];
    if (d.params < o.params) lost.push(`params ${o.params} -> ${d.params}`);
    if (d.tags < o.tags) lost.push(`tags ${o.tags} -> ${d.tags}`);
    if (d.points < o.points) lost.push(`points ${o.points} -> ${d.points}`);
    if (lost.length === 0) continue; // values changed: without a checksum over them, nobody can tell
    if (appendOnly && mutation.truncation) continue; // a log being written (params too live in some logs)
    if (mutation.forged) continue;
    // cut after a line end: the lines left are a valid file that says less, nothing in it can tell
    if (textual && mutation.truncation && mutation.bytes[mutation.bytes.length - 1] === 0x0a) continue;
    if (!namesFile([...d.messages, ...after.global], file)) return `run ${o.key} lost ${lost.join(', ')} silently (messages: ${JSON.stringify(d.messages.slice(0, 3))})`;
  }
  return undefined;
}

const GENERIC = Object.values(generic);

export async function runOracle(spec: OracleSpec, dir: string): Promise<OracleReport> {
  fs.mkdirSync(dir, { recursive: true });
  await spec.build(dir);
  const files = listFiles(dir).filter((f) => !spec.skip?.(f));
  const originals = new Map(files.map((f) => [f, new Uint8Array(fs.readFileSync(path.join(dir, f)))]));
  // Whole seconds, so that the times written back after each case are exactly the originals.
  const times = new Map(files.map((f, i) => [f, 1_700_000_000 + i]));
  for (const [f, t] of times) fs.utimesSync(path.join(dir, f), t, t);
  const before = await snapshot(dir);
  const rnd = prng(spec.seed);
  // Every damaged file gets a fresh mtime: readers cache by (size, mtime), and a damaged file of the original
  // size written in the same millisecond must not be served from a cache. The original comes back with its own
  // times (some formats take a run's start time from its files').
  let clock = Date.now() / 1000 - 1e6;
  const put = (abs: string, bytes: Uint8Array, time?: number) => {
    fs.writeFileSync(abs, bytes);
    clock += 2;
    fs.utimesSync(abs, time ?? clock, time ?? clock);
  };
  const report: OracleReport = { cases: 0, changed: 0, reported: 0, failures: [], byMutation: {} };
  for (let n = 0; n < spec.cases; n++) {
    const rel = files[Math.floor(rnd() * files.length)];
    const abs = path.join(dir, rel);
    const base = originals.get(rel)!;
    const special = spec.mutatorsFor?.(rel) ?? [];
    // a third of the cases on a file with format-aware mutators use them
    const pool = special.length && rnd() < 0.34 ? special : GENERIC;
    const mutation = pool[Math.floor(rnd() * pool.length)](base, rnd);
    if (!mutation) continue;
    put(abs, mutation.bytes);
    let problem: string | undefined;
    let after: Snapshot | undefined;
    try {
      after = await snapshot(dir);
      problem = judge(before, after, abs, mutation, spec.appendOnly?.(rel) ?? false, spec.textual?.(rel) ?? false);
    } catch (err) {
      problem = `threw: ${(err as Error).stack}`;
    }
    put(abs, base, times.get(rel));
    report.cases++;
    report.byMutation[mutation.name] = (report.byMutation[mutation.name] ?? 0) + 1;
    const a = after;
    if (a && (a.runs.size !== before.runs.size || [...a.runs.values()].some((r) => r.facts !== before.runs.get(r.key)?.facts))) report.changed++;
    if (after && (after.global.length > before.global.length || [...after.runs.values()].some((r) => r.messages.length > (before.runs.get(r.key)?.messages.length ?? 0)))) report.reported++;
    if (problem) report.failures.push({ file: rel, mutation: mutation.name, problem, bytes: mutation.bytes });
  }
  return report;
}

export function describeFailures(report: OracleReport, max = 5): string {
  return report.failures
    .slice(0, max)
    .map((f) => `${f.file} [${f.mutation}, ${f.bytes.length} bytes]: ${f.problem}`)
    .join('\n');
}
