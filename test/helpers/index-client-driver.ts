// Runs one index pass of <folder> through an IndexClient whose worker is the bundled <dist>/index-worker.js, and
// prints {kind, runs, ownProcess} as JSON: the address-space test bundles this and runs it under `ulimit -v`.
import * as path from 'node:path';
import { IndexClient } from '../../src/worker/index-client';
import { workerNeedsOwnProcess } from '../../src/worker/process-worker';

async function main(): Promise<void> {
  const [folder, indexFile, dist] = process.argv.slice(2);
  const entry = { file: path.join(dist, 'index-worker.js') };
  const logs: string[] = [];
  const c = new IndexClient({ entry, indexFile, onChange: () => undefined, log: (_l, m) => logs.push(m) });
  await c.start();
  const pass = await c.index({ folders: [folder], extraRoots: [], tables: [], baseDir: folder, changed: [], includeDeleted: false, maxDepth: 6, excludedNames: [] }).outcome;
  process.stdout.write(JSON.stringify({ kind: pass.kind, runs: c.runs().length, ownProcess: workerNeedsOwnProcess(), errors: pass.kind === 'done' ? pass.result.errors.length : undefined, logs }));
  c.dispose();
  setTimeout(() => process.exit(0), 1500).unref();
}

void main();
