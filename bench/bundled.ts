// Benchmarks time code as it ships: bundled by esbuild, not through tsx's per-module export getters
// (which slow hot loops that cross module boundaries).
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** Bundles `src/<entry>` (relative to the repo) into bench/.work/<name>.cjs and loads it. */
export function loadBundled<T>(entry: string, name: string, root?: string): T {
  return createRequire(__filename)(bundle(entry, `${name}.cjs`, root)) as T;
}

/** Bundles `src/<entry>` into bench/.work/<file> (worker threads load theirs from there); returns its path.
 * `root` bundles another checkout's source instead (a before/after comparison in one process). */
export function bundle(entry: string, file: string, root = path.join(__dirname, '..')): string {
  const work = path.join(__dirname, '.work');
  mkdirSync(work, { recursive: true });
  const outfile = path.join(work, file);
  esbuild.buildSync({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // As in esbuild.mjs: sqljs.ts finds the wasm file at run time.
    external: ['sql.js/dist/sql-wasm.wasm'],
    logLevel: 'warning',
  });
  return outfile;
}
