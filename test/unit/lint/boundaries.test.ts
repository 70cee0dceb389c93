// The layer boundaries eslint.config.mjs encodes (DESIGN.md §2), checked by linting snippets as if they lived
// at the given paths: each forbidden import is reported by the rule meant for it, allowed ones are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function rulesHit(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

test('src/core never imports vscode, statically, dynamically or as a type', async () => {
  assert.deepEqual(await rulesHit('src/core/runs/probe.ts', "import * as v from 'vscode';\nexport const a = v;"), ['no-restricted-imports']);
  assert.deepEqual(await rulesHit('src/core/probe.ts', "export const f = () => import('vscode');"), ['no-restricted-syntax']);
  assert.deepEqual(await rulesHit('src/core/probe.ts', "export type U = import('vscode').Uri;"), ['no-restricted-syntax']);
});

test('src/core never imports src/host; node builtins and its own modules are fine', async () => {
  assert.deepEqual(await rulesHit('src/core/runs/probe.ts', "import { a } from '../../host/tree';\nexport const b = a;"), ['no-restricted-imports']);
  assert.deepEqual(await rulesHit('src/core/probe.ts', "export { a } from '../host';"), ['no-restricted-imports']);
  assert.deepEqual(await rulesHit('src/core/probe.ts', "export const f = () => import('../host/panels/x');"), ['no-restricted-syntax']);
  const allowed = "import { a } from './ghost';\nimport { b } from 'node:fs';\nimport { c } from '../protocol/x';\nexport const d = [a, b, c];";
  assert.deepEqual(await rulesHit('src/core/probe.ts', allowed), []);
});

test('src/host may import vscode (the restrictions stay inside core and webview)', async () => {
  assert.deepEqual(await rulesHit('src/host/probe.ts', "import * as v from 'vscode';\nimport { a } from 'node:fs';\nexport const b = [v, a];"), []);
});

test('webview code imports neither Node builtins (node: or bare) nor vscode; src/core is fine', async () => {
  assert.deepEqual(await rulesHit('webview/curves/probe.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;"), ['no-restricted-imports']);
  assert.deepEqual(await rulesHit('webview/curves/probe.ts', "import { promises } from 'fs/promises';\nexport const a = promises;"), ['no-restricted-imports']);
  assert.deepEqual(await rulesHit('webview/probe.ts', "export const f = () => import('path');"), ['no-restricted-syntax']);
  assert.deepEqual(await rulesHit('webview/curves/probe.ts', "import * as v from 'vscode';\nexport const a = v;"), ['no-restricted-imports']);
  assert.deepEqual(await rulesHit('webview/curves/probe.ts', "import { a } from '../../src/core/curves';\nexport const b = a;"), []);
});

test('a source format never imports another, however the path is spelled; its own family, util and the registry are fine', async () => {
  const cross = ['runlens/source-families'];
  assert.deepEqual(await rulesHit('src/core/sources/aim/probe.ts', "import { a } from '../mlflow-file/meta';\nexport const b = a;"), cross);
  assert.deepEqual(await rulesHit('src/core/sources/mlflow-db/probe.ts', "export * from '../mlflow-file/meta';"), cross);
  assert.deepEqual(await rulesHit('src/core/sources/aim/rocksdb/probe.ts', "import type { A } from '../../../sources/tensorboard/reader';\nexport type B = A;"), cross);
  assert.deepEqual(await rulesHit('src/core/sources/aim/rocksdb/probe.ts', "export type B = import('../../wandb/reader').X;"), cross);
  assert.deepEqual(await rulesHit('src/core/sources/wandb/probe.ts', "export const f = () => import('../optuna/reader');"), cross);
  // a family folder (DESIGN.md's mlflow/{shared,file,db}) shares inside itself
  assert.deepEqual(await rulesHit('src/core/sources/mlflow/db/probe.ts', "export * from '../shared/meta';"), []);
  const allowed = "import { a } from './tree';\nimport { b } from '../../util/fs';\nimport { r } from '../registry';\nexport const c = [a, b, r];";
  assert.deepEqual(await rulesHit('src/core/sources/aim/probe.ts', allowed), []);
  // the registry is not inside a format: it imports every one of them
  assert.deepEqual(await rulesHit('src/core/sources/probe.ts', "export * from './aim/aim-reader';\nexport * from './wandb/reader';"), []);
});
