// Aim (readsOnlyBelowRoot): a .aim repository's listing reads its meta chunks, run_metadata.sqlite, check-ins,
// progress and lock files, all below it. A full pass over an unchanged repository does not list it; every change
// is picked up by the next full pass, told to the watcher or not. A run is "running" only while its heartbeat is
// due: that listing depends on the clock, so the repository is listed again until the clock makes it "unknown".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aimReader } from '../../../src/core/sources/aim/aim-reader';
import { writeAimRepo, writeAimRepoMetadata, writeAimRunChunks, type AimRun } from '../../writers/aim/aim-repo';
import { tempDir } from '../../helpers/tmp';
import { assertUnchangedPass, countedIndex, editSqlite, touchLater } from './unchanged-source';

const T0 = Date.UTC(2026, 0, 1);
const hash = (i: number) => `${i}`.repeat(24);

function aimRun(i: number, steps = 3, extra: Partial<AimRun> = {}): AimRun {
  return {
    hash: hash(i),
    name: `run-${i}`,
    experiment: 'sweep',
    createdAt: T0 + i * 60_000,
    endTime: T0 + i * 60_000 + 10_000,
    params: { lr: 0.1, seed: i },
    series: [{ name: 'loss', points: Array.from({ length: steps }, (_, s) => ({ step: s, value: 1 / (s + 1 + i), time: T0 + s * 1000 })) }],
    ...extra,
  };
}

async function indexedRepo() {
  const aim = path.join(tempDir(), '.aim');
  const runs = [0, 1, 2].map((i) => aimRun(i));
  await writeAimRepo(aim, runs);
  const index = await countedIndex(aimReader);
  const first = await index.indexer.indexFolders([path.dirname(aim)]);
  assert.deepEqual([first.runs, first.reread], [3, 3]);
  return { aim, runs, pass: () => index.indexer.indexFolders([path.dirname(aim)]), ...index };
}

/** Every file of a run's meta chunk moved on in time (a rewrite within one clock tick would not show). */
function touchChunk(aim: string, i: number): void {
  const dir = path.join(aim, 'meta', 'chunks', hash(i));
  for (const f of fs.readdirSync(dir)) touchLater(path.join(dir, f));
}

const lastLoss = (run: { series: Array<{ key: string; last: number | null; lastStep: number | null }> } | undefined) => {
  const s = run!.series.find((x) => x.key === 'loss')!;
  return [s.lastStep, s.last];
};

test('a pass over an unchanged Aim repository does not list it', async () => {
  const index = await indexedRepo();
  await assertUnchangedPass(index, () => index.pass());
});

test('an appended point is picked up by the next full pass', async () => {
  const { aim, pass, run } = await indexedRepo();
  writeAimRunChunks(aim, aimRun(1, 4));
  touchChunk(aim, 1);
  await pass();
  assert.deepEqual(lastLoss(run('run-1')), [3, 1 / 5]);
});

test('a new and a deleted run are picked up by the next full pass', async () => {
  const { aim, runs, store, pass } = await indexedRepo();
  await writeAimRepoMetadata(aim, [runs[0], runs[1], aimRun(3)]);
  writeAimRunChunks(aim, aimRun(3));
  for (const kind of ['meta', 'seqs']) fs.rmSync(path.join(aim, kind, 'chunks', hash(2)), { recursive: true });
  const result = await pass();
  assert.equal(result.runs, 3);
  assert.deepEqual(store.runs().map((r) => r.name).sort(), ['run-0', 'run-1', 'run-3']);
});

test('a param rewritten in the meta chunk (same size) and a run renamed in run_metadata.sqlite are picked up by the next full pass', async () => {
  const { aim, pass, run, store } = await indexedRepo();
  writeAimRunChunks(aim, aimRun(0, 3, { params: { lr: 0.2, seed: 0 } }));
  touchChunk(aim, 0);
  await pass();
  assert.equal(run('run-0')!.params.lr, '0.2');
  const sqlite = path.join(aim, 'run_metadata.sqlite');
  await editSqlite(sqlite, `UPDATE run SET name = 'run-9' WHERE hash = '${hash(1)}';`);
  touchLater(sqlite);
  await pass();
  assert.ok(store.runs().some((r) => r.id === hash(1) && r.name === 'run-9'));
});

test('a change the watcher was not told about is picked up by the next full pass', async () => {
  const { aim, pass, indexer, run } = await indexedRepo();
  const roots = (await pass()).roots;
  writeAimRunChunks(aim, aimRun(0, 4));
  writeAimRunChunks(aim, aimRun(2, 4));
  touchChunk(aim, 0);
  touchChunk(aim, 2);
  const told = path.join(aim, 'seqs', 'chunks', hash(0));
  await indexer.reindexChanged([path.dirname(aim)], roots, [told]);
  assert.deepEqual(lastLoss(run('run-0')), [3, 1 / 4]);
  assert.deepEqual(lastLoss(run('run-2')), [2, 1 / 5], 'the watcher pass did not read the run it was not told about');
  await pass();
  assert.deepEqual(lastLoss(run('run-2')), [3, 1 / 6]);
});

test('a live run (heartbeat due) keeps its repository listed until the clock makes it unknown', async (t) => {
  const { aim, pass, counter, run } = await indexedRepo();
  const live = aimRun(3, 3, { endTime: null, checkIns: [{ time: Date.now(), expectNextIn: 60 }] });
  await writeAimRepoMetadata(aim, [0, 1, 2].map((i) => aimRun(i)).concat(live));
  writeAimRunChunks(aim, live);
  await pass();
  assert.equal(run('run-3')!.status, 'running');
  let listed = counter.listed;
  await pass();
  assert.equal(counter.listed, listed + 1, 'no file changed, but the listing depends on the clock: listed again');
  // Five minutes later, with no file changed: the heartbeat is overdue.
  const later = Date.now() + 5 * 60_000;
  t.mock.method(Date, 'now', () => later);
  await pass();
  assert.equal(run('run-3')!.status, 'unknown');
  listed = counter.listed;
  await pass();
  assert.equal(counter.listed, listed, 'nothing left that the clock can change: kept unlisted');
});
