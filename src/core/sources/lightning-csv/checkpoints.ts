// ModelCheckpoint files in <version>/checkpoints/. Their names come from the filename template,
// by default `epoch=3-step=1500.ckpt`; with monitored metrics `epoch=3-val_loss=0.12.ckpt`;
// `last.ckpt`; a `-v1` suffix when a name repeats. A .ckpt can also be a folder (DeepSpeed).
import * as path from 'node:path';
import type { Checkpoint } from '../../model';
import { listDirSync, pathBytes } from '../../util/fs';

export interface CheckpointName {
  step: number | null;
  epoch: number | null;
  /** Every `key=value` pair in the name, values as numbers when they are numbers. */
  fields: Record<string, number | string>;
  isLast: boolean;
}

// `key=` at the start or after a dash; a key starts with a letter, so `1e-05` or `-0.5` never looks like one
const KEY = /(?:^|-)([A-Za-z_][\w.]*)=/g;

export function parseCheckpointName(fileName: string): CheckpointName {
  const stem = fileName.replace(/\.ckpt$/i, '').replace(/-v\d+$/, '');
  const fields: Record<string, number | string> = {};
  const marks: { key: string; start: number; valueStart: number }[] = [];
  for (const m of stem.matchAll(KEY)) marks.push({ key: m[1], start: m.index ?? 0, valueStart: (m.index ?? 0) + m[0].length });
  for (let i = 0; i < marks.length; i++) {
    const raw = stem.slice(marks[i].valueStart, i + 1 < marks.length ? marks[i + 1].start : stem.length);
    const n = Number(raw);
    fields[marks[i].key] = raw !== '' && !Number.isNaN(n) ? n : raw;
  }
  const intField = (k: string): number | null => (typeof fields[k] === 'number' && Number.isInteger(fields[k]) ? (fields[k] as number) : null);
  return { step: intField('step'), epoch: intField('epoch'), fields, isLast: /^last$/i.test(stem) };
}

export async function listLightningCheckpoints(versionDir: string): Promise<Checkpoint[]> {
  const dir = path.join(versionDir, 'checkpoints');
  const listing = listDirSync(dir); // blocking: readers run in worker threads (see listDirSync)
  const out: Checkpoint[] = [];
  for (const name of [...listing.files, ...listing.dirs]) {
    if (!/\.ckpt$/i.test(name)) continue;
    const parsed = parseCheckpointName(name);
    const p = path.join(dir, name);
    out.push({ step: parsed.step, epoch: parsed.epoch, path: p, bytes: await pathBytes(p), kind: parsed.isLast ? 'last' : 'checkpoint' });
  }
  out.sort((a, b) => (a.step ?? Infinity) - (b.step ?? Infinity) || a.path.localeCompare(b.path));
  return out;
}
