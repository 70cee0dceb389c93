// How to start one of our worker threads: the bundled script next to the running bundle (dist/),
// or the TypeScript source under tsx (tests, benches).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A bundled script, or the TypeScript source and the code a thread evaluates to load it under tsx. */
export type WorkerEntry = { file: string } | { evalCode: string; source?: string };

/** dist/<name>.js next to the bundle that runs this code, else src/worker/<name>.ts when tsx is at hand. */
export function findWorkerEntry(name: string): WorkerEntry | undefined {
  const bundled = path.join(__dirname, `${name}.js`);
  if (fs.existsSync(bundled)) return { file: bundled };
  const source = path.join(__dirname, `${name}.ts`);
  if (!fs.existsSync(source)) return undefined;
  try {
    // Worker threads on Node 20 do not inherit tsx's loader, so the thread registers it before loading the source.
    const tsx = require.resolve('tsx/cjs');
    return { evalCode: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, source };
  } catch {
    return undefined;
  }
}

export function startWorker(entry: WorkerEntry, options: WorkerOptions): Worker {
  return 'file' in entry ? new Worker(entry.file, options) : new Worker(entry.evalCode, { ...options, eval: true, execArgv: [] });
}
