// Writes TensorBoard event files from the spec (../shared/specs/formats-spec.md §5): TFRecord framing
// with masked CRC-32C, tensorboard.Event protobufs with simple_value or scalar-tensor summaries.
// Used by unit tests, fuzz tests and the event-file benchmark.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { maskedCrc32c } from '../../src/core/util/crc32c';
import type { WriterRun } from '../../src/demo/writers/types';
import { ProtoWriter } from './proto-encode';

export const DT_FLOAT = 1;
export const DT_DOUBLE = 2;
export const DT_INT32 = 3;
export const DT_INT64 = 9;
export const DT_HALF = 19;

export interface TensorSpec {
  dtype: number;
  /** Raw little-endian element bytes (tensor_content). */
  content?: Uint8Array;
  floatVal?: number[];
  doubleVal?: number[];
  intVal?: number[];
  int64Val?: number[];
  halfVal?: number[];
  /** Dimension sizes; [] (a rank-0 scalar) when omitted. */
  shape?: number[];
}

export interface TbValue {
  tag: string;
  simple?: number;
  tensor?: TensorSpec;
  /** SummaryMetadata.plugin_data.plugin_name (TF2 writers send it with a tag's first value only). */
  plugin?: string;
  pluginContent?: Uint8Array;
  /** An image-like payload (field 4) that is not a scalar. */
  image?: Uint8Array;
}

export interface TbEvent {
  /** Epoch seconds. */
  wallTime: number;
  step: number;
  fileVersion?: string;
  values?: TbValue[];
}

function encodeTensor(w: ProtoWriter, t: TensorSpec): void {
  w.int(1, t.dtype);
  w.message(2, (shape) => {
    for (const size of t.shape ?? []) shape.message(2, (dim) => dim.int(1, size));
  });
  if (t.content) w.bytes(4, t.content);
  const packed = (field: number, values: number[] | undefined, put: (p: ProtoWriter, v: number) => void) => {
    if (!values) return;
    const p = new ProtoWriter();
    for (const v of values) put(p, v);
    w.bytes(field, p.finish());
  };
  packed(5, t.floatVal, (p, v) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    p.raw(b);
  });
  packed(6, t.doubleVal, (p, v) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    p.raw(b);
  });
  packed(7, t.intVal, (p, v) => p.varint(v));
  packed(10, t.int64Val, (p, v) => p.varint(v));
  packed(13, t.halfVal, (p, v) => p.varint(v));
}

export function encodeEvent(e: TbEvent): Uint8Array {
  const w = new ProtoWriter();
  w.double(1, e.wallTime);
  if (e.step !== 0) w.int(2, e.step);
  if (e.fileVersion !== undefined) w.string(3, e.fileVersion);
  if (e.values) {
    w.message(5, (summary) => {
      for (const v of e.values!) {
        summary.message(1, (value) => {
          value.string(1, v.tag);
          if (v.simple !== undefined) value.float(2, v.simple);
          if (v.image) value.bytes(4, v.image);
          if (v.tensor) value.message(8, (t) => encodeTensor(t, v.tensor!));
          if (v.plugin !== undefined) {
            value.message(9, (meta) =>
              meta.message(1, (pd) => {
                pd.string(1, v.plugin!);
                if (v.pluginContent) pd.bytes(2, v.pluginContent);
              }),
            );
          }
        });
      }
    });
  }
  return w.finish();
}

/** TFRecord framing: length, masked CRC of the length, data, masked CRC of the data. */
export function frameRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + 16);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, BigInt(data.length), true);
  dv.setUint32(8, maskedCrc32c(out, 0, 8), true);
  out.set(data, 12);
  dv.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Bytes of a whole event file: the file_version event, then `events`. */
export function eventFileBytes(events: TbEvent[], startWallTime = events[0]?.wallTime ?? 1.7e9): Uint8Array {
  const all = [{ wallTime: startWallTime, step: 0, fileVersion: 'brain.Event:2' }, ...events];
  return concatBytes(all.map((e) => frameRecord(encodeEvent(e))));
}

export function eventFileName(wallTimeSec: number, host = 'testhost', pid = 4242, n = 0): string {
  return `events.out.tfevents.${Math.floor(wallTimeSec)}.${host}.${pid}.${n}`;
}

export function writeEventFile(dir: string, events: TbEvent[], name?: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name ?? eventFileName(events[0]?.wallTime ?? 1.7e9));
  fs.writeFileSync(file, eventFileBytes(events));
  return file;
}

/** hparams plugin content: HParamsPluginData { 3 session_start_info { 1 map<string, Value> } }. */
export function sessionStartInfoContent(hparams: Record<string, number | string | boolean>): Uint8Array {
  const w = new ProtoWriter();
  w.int(1, 0);
  w.message(3, (info) => {
    for (const [k, v] of Object.entries(hparams)) {
      info.message(1, (entry) => {
        entry.string(1, k);
        entry.message(2, (value) => {
          if (typeof v === 'number') value.double(2, v);
          else if (typeof v === 'string') value.string(3, v);
          else value.int(4, v ? 1 : 0);
        });
      });
    }
  });
  return w.finish();
}

/** The three `_hparams_` values and the hp_metric=-1 placeholder Lightning's TensorBoardLogger writes. */
export function lightningHparamsEvents(wallTime: number, hparams: Record<string, number | string | boolean>): TbEvent[] {
  return [
    { wallTime, step: 0, values: [{ tag: 'hp_metric', simple: -1 }] },
    {
      wallTime,
      step: 0,
      values: [
        { tag: '_hparams_/experiment', plugin: 'hparams', pluginContent: new Uint8Array([8, 0, 0x12, 0]) },
        { tag: '_hparams_/session_start_info', plugin: 'hparams', pluginContent: sessionStartInfoContent(hparams) },
        { tag: '_hparams_/session_end_info', plugin: 'hparams', pluginContent: new Uint8Array([8, 0, 0x22, 0]) },
      ],
    },
  ];
}

/** A run folder with one event file holding every metric of `run` as simple_value scalars. */
export function writeTensorboardRun(dir: string, run: WriterRun, options: { lightning?: boolean } = {}): string {
  const events: TbEvent[] = [];
  const start = run.startTime / 1000;
  if (options.lightning) events.push(...lightningHparamsEvents(start, Object.fromEntries(Object.entries(run.params))));
  for (const metric of run.metrics) {
    for (const p of metric.points) events.push({ wallTime: p.time / 1000, step: p.step, values: [{ tag: metric.key, simple: p.value }] });
  }
  events.sort((a, b) => a.wallTime - b.wallTime);
  return writeEventFile(dir, events, eventFileName(start));
}
