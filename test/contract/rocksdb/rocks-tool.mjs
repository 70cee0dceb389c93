// Real RocksDB (the npm `rocksdb` package's prebuilt binding, a devDependency) as the other side of the Aim
// reader's contract. Run as a child process: the C++ library aborts the process on some inputs, and the
// test runner must survive that. Reads one JSON command on stdin, writes one JSON answer on stdout.
//   {op: 'ping'}                                     -> {ok: true}
//   {op: 'write', dir, options, steps}               -> {files}: steps run in order, each one of
//        {batch: [[keyB64, valueB64 | null], ...]}   (null: delete)
//        {compact: true}                             (flush the memtable and compact everything)
//      and the database is closed at the end without a flush: what was written since the last compact
//      stays in the WAL. A second 'write' on the same folder reopens it (and recovers that WAL).
//   {op: 'dump', dir}                                -> {entries: [[keyB64, valueB64], ...]} (read-only open)
import * as fs from 'node:fs';

function call(fn) {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
}

async function write(cmd, rocksdb) {
  const db = rocksdb(cmd.dir);
  await call((cb) => db.open({ createIfMissing: true, compression: true, ...cmd.options }, cb));
  for (const step of cmd.steps) {
    if (step.batch) {
      const ops = step.batch.map(([k, v]) => (v === null ? { type: 'del', key: Buffer.from(k, 'base64') } : { type: 'put', key: Buffer.from(k, 'base64'), value: Buffer.from(v, 'base64') }));
      await call((cb) => db.batch(ops, cb));
    } else if (step.compact) {
      await call((cb) => db.compactRange(Buffer.alloc(0), Buffer.alloc(64, 0xff), cb));
    }
  }
  await call((cb) => db.close(cb));
  return { files: fs.readdirSync(cmd.dir).sort() };
}

async function dump(cmd, rocksdb) {
  const db = rocksdb(cmd.dir);
  await call((cb) => db.open({ createIfMissing: false, readOnly: true }, cb));
  const it = db.iterator({ keyAsBuffer: true, valueAsBuffer: true });
  const entries = [];
  for (;;) {
    const kv = await new Promise((resolve, reject) => it.next((err, k, v) => (err ? reject(err) : resolve(k === undefined ? undefined : [k, v]))));
    if (!kv) break;
    entries.push([kv[0].toString('base64'), kv[1].toString('base64')]);
  }
  await call((cb) => it.end(cb));
  await call((cb) => db.close(cb));
  return { entries };
}

async function main() {
  const cmd = JSON.parse(fs.readFileSync(0, 'utf8'));
  const { default: rocksdb } = await import('rocksdb');
  const out = cmd.op === 'ping' ? { ok: true } : cmd.op === 'write' ? await write(cmd, rocksdb) : await dump(cmd, rocksdb);
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  process.stderr.write(`${err && err.message ? err.message : String(err)}\n`);
  process.exit(1);
});
