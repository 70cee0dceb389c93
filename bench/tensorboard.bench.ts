// Event-file throughput: writes a ~150 MB event file of scalar summaries with the test writer
// (bench/.work, reused when present) and times full reads: the production hand decoder, and the
// same framing with a generic field-by-field ProtoReader decode for comparison.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readEventFile } from '../src/core/sources/tensorboard/event-file';
import { walkRecords } from '../src/core/sources/tensorboard/tfrecord';
import { ProtoReader } from '../src/core/util/proto-wire';
import { encodeEvent, frameRecord, eventFileName } from '../test/writers/tensorboard';

const TARGET_BYTES = 150 * 1024 * 1024;
const workDir = path.join(__dirname, '.work', 'tensorboard');
const file = path.join(workDir, eventFileName(1.7e9, 'bench', 1));

function generate(): void {
  fs.mkdirSync(workDir, { recursive: true });
  if (fs.existsSync(file) && fs.statSync(file).size >= TARGET_BYTES) return;
  const tags = ['train/loss', 'train/learning_rate', 'train/grad_norm', 'eval/loss', 'eval/accuracy', 'epoch'];
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let step = 0;
  const batch: Uint8Array[] = [];
  let batchBytes = 0;
  const flush = () => {
    fs.writeSync(fd, Buffer.concat(batch));
    batch.length = 0;
    batchBytes = 0;
  };
  const push = (rec: Uint8Array) => {
    batch.push(rec);
    batchBytes += rec.length;
    written += rec.length;
    if (batchBytes > 4 << 20) flush();
  };
  push(frameRecord(encodeEvent({ wallTime: 1.7e9, step: 0, fileVersion: 'brain.Event:2' })));
  while (written < TARGET_BYTES) {
    step++;
    for (const tag of tags) {
      push(frameRecord(encodeEvent({ wallTime: 1.7e9 + step * 0.1, step, values: [{ tag, simple: Math.sin(step) / step }] })));
    }
  }
  flush();
  fs.closeSync(fd);
}

/** The generic alternative: one ProtoReader per message, every field through a method call. */
function genericDecode(buf: Uint8Array, start: number, end: number): number {
  let n = 0;
  const ev = new ProtoReader(buf, start, end);
  while (!ev.done()) {
    const key = ev.tag();
    if (key === 0x09) ev.double();
    else if (key === 0x10) ev.int64();
    else if (key === 0x2a) {
      const summary = ev.message();
      while (!summary.done()) {
        const sk = summary.tag();
        if (sk !== 0x0a) {
          summary.skip(sk & 7);
          continue;
        }
        const value = summary.message();
        while (!value.done()) {
          const vk = value.tag();
          if (vk === 0x0a) value.string();
          else if (vk === 0x15) {
            value.float();
            n++;
          } else value.skip(vk & 7);
        }
      }
    } else ev.skip(key & 7);
  }
  return n;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  generate();
  const size = fs.statSync(file).size;
  const mb = size / (1024 * 1024);
  console.log(`tensorboard workload: ${mb.toFixed(0)} MB event file (${((performance.now() - t0) / 1000).toFixed(1)} s to prepare)`);

  let best = Infinity;
  let points = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const read = await readEventFile(file);
    best = Math.min(best, performance.now() - t);
    if (read.error) throw new Error(read.error);
    points = [...read.appended.values()].reduce((s, p) => s + p.values.length, 0);
  }
  console.log(`tensorboard event read: ${(mb / (best / 1000)).toFixed(0)} MB/s (target >= 100 MB/s), ${points} points in ${(best / 1000).toFixed(2)} s`);

  // Tailing: a live run appends; only the new records are read, from the cursor's byte offset.
  const live = path.join(workDir, eventFileName(1.7e9, 'live', 2));
  fs.copyFileSync(file, live);
  const first = await readEventFile(live);
  const appended: Uint8Array[] = [];
  for (let s = 1; s <= 10_000; s++) appended.push(frameRecord(encodeEvent({ wallTime: 1.8e9 + s, step: 1e7 + s, values: [{ tag: 'train/loss', simple: 1 / s }] })));
  fs.appendFileSync(live, Buffer.concat(appended));
  const tailStart = performance.now();
  const tail = await readEventFile(live, first.cursor);
  const tailMs = performance.now() - tailStart;
  fs.rmSync(live);
  console.log(`tensorboard incremental read of 10,000 appended records after ${mb.toFixed(0)} MB: ${tailMs.toFixed(1)} ms (${tail.appended.get('train/loss')?.values.length ?? 0} points)`);

  // Same framing + CRC checks, generic decoder instead of the inline one (decision record).
  const bytes = fs.readFileSync(file);
  const t = performance.now();
  let n = 0;
  walkRecords(bytes, bytes.length, { pos: 0 }, 0, (s, e) => (n += genericDecode(bytes, s, e)));
  const generic = performance.now() - t;
  console.log(`tensorboard generic ProtoReader decode (for comparison): ${(mb / (generic / 1000)).toFixed(0)} MB/s, ${n} values`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
