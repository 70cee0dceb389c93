// Builds the extension host bundle, the CLI and one browser bundle per webview panel.
// `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

mkdirSync('dist/webview', { recursive: true });
copyFileSync('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/sql-wasm.wasm');

const common = { bundle: true, external: ['sql.js/dist/sql-wasm.wasm'], sourcemap: true, minify: production, logLevel: 'warning', legalComments: 'none' };

const nodeBuilds = [
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', 'sql.js/dist/sql-wasm.wasm'] },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/worker/index-worker.ts'], outfile: 'dist/index-worker.js' },
  { entryPoints: ['src/worker/read-worker.ts'], outfile: 'dist/read-worker.js' },
  { entryPoints: ['src/worker/series-worker.ts'], outfile: 'dist/series-worker.js' },
].filter((b) => existsSync(b.entryPoints[0]));

// webview/<panel>/main.ts -> dist/webview/<panel>.js
const panels = readdirSync('webview', { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'shared' && existsSync(join('webview', d.name, 'main.ts')))
  .map((d) => d.name);

const builds = [
  ...nodeBuilds.map((b) => ({ ...common, ...b, platform: 'node', format: 'cjs', target: 'node20' })),
  ...panels.map((p) => ({
    ...common,
    entryPoints: [join('webview', p, 'main.ts')],
    outfile: join('dist', 'webview', `${p}.js`),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  })),
];

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
  console.log(`watching ${builds.length} bundles`);
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
  console.log(`built ${builds.map((b) => b.outfile).join(', ')}`);
}
