// "Billion laughs": a few hundred bytes of YAML anchors expand to 9^9 nodes. Every reader's YAML
// goes through util/yaml.ts, which fails such a file with a message; flattenParams is bounded on
// its own too (shared subtrees, deep nesting). Before the fix these ran out of memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../../helpers/tmp';
import { loadYaml, YamlLimitError } from '../../../../src/core/util/yaml';
import { flattenParams, MAX_PARAM_KEYS, MAX_PARAM_TEXT, paramText } from '../../../../src/core/util/flatten-params';
import { parseHparams } from '../../../../src/core/sources/lightning-csv/hparams-yaml';
import { parseHparamsYaml } from '../../../../src/core/sources/tensorboard/hparams';
import { readRunFiles } from '../../../../src/core/sources/wandb/run-files';

const BOUNDED = { timeout: 20_000 };

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) {
    const prev = `*${names[i - 1]}`;
    lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(prev).join(',')}]`);
  }
  return lines.join('\n') + '\n';
}

test('the alias bomb is small and loadYaml refuses it with a message', BOUNDED, () => {
  const bomb = aliasBomb();
  assert.ok(bomb.length < 600);
  assert.throws(() => loadYaml(bomb), (err: unknown) => err instanceof YamlLimitError && /more than \d+ nodes/.test(String(err)));
});

test('deeply nested YAML fails with a message', BOUNDED, () => {
  const deep = '['.repeat(500) + ']'.repeat(500);
  assert.throws(() => loadYaml(deep), /nest/i); // js-yaml's own maxDepth (100) or ours
});

test('ordinary YAML with a few aliases still loads', BOUNDED, () => {
  const doc = loadYaml('base: &b {lr: 0.1}\nrun: *b\n') as Record<string, unknown>;
  assert.deepEqual(doc.run, { lr: 0.1 });
});

test('Lightning hparams.yaml alias bomb: an error on the file, no params', BOUNDED, () => {
  const res = parseHparams(aliasBomb());
  assert.deepEqual(res.params, {});
  assert.match(res.error ?? '', /nodes/);
});

test('TensorBoard sibling hparams.yaml alias bomb throws a readable error', BOUNDED, () => {
  assert.throws(() => parseHparamsYaml(aliasBomb()), /nodes/);
});

test('W&B config.yaml alias bomb: a warning on the run, the other files load', BOUNDED, async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'config.yaml'), aliasBomb());
  fs.writeFileSync(path.join(dir, 'wandb-summary.json'), '{"loss": 0.5}');
  const files = await readRunFiles(dir, ['config.yaml', 'wandb-summary.json']);
  assert.equal(files.config, undefined);
  assert.ok(files.warnings.some((w) => w.includes('config.yaml') && /nodes/.test(w)));
  assert.deepEqual(files.summary, { loss: 0.5 });
});

test('paramText of a value with shared subtrees stops at MAX_PARAM_TEXT', BOUNDED, () => {
  let v: unknown = Array(9).fill('lol');
  for (let i = 0; i < 9; i++) v = Array(9).fill(v); // 9^10 leaves if expanded
  const text = paramText(v);
  assert.ok(text.length < MAX_PARAM_TEXT + 50);
  assert.match(text, /truncated/);
  assert.ok(text.startsWith('[[[[[[[[[["lol","lol"'));
});

test('flattenParams of a mapping with shared subtrees is bounded by MAX_PARAM_KEYS', BOUNDED, () => {
  let v: Record<string, unknown> = { x: 1, y: 2, z: 3, w: 4, u: 5, t: 6, s: 7, r: 8, q: 9 };
  for (let i = 0; i < 8; i++) {
    const next: Record<string, unknown> = {};
    for (const k of 'abcdefghi') next[k] = v;
    v = next;
  }
  const flat = flattenParams(v);
  assert.equal(Object.keys(flat).length, MAX_PARAM_KEYS + 1);
  assert.match(flat['…'], /more params not shown/);
});

test('flattenParams of very deep nesting does not overflow the stack', BOUNDED, () => {
  let v: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < 100_000; i++) v = { n: v };
  const flat = flattenParams(v);
  const [key] = Object.keys(flat);
  assert.ok(key.startsWith('n.n.n'));
  assert.match(flat[key], /"…"/);
});

test('paramText keeps JSON.stringify spelling for ordinary lists', () => {
  const v = [1, 'a', null, true, [2.5, { k: 'v' }], NaN];
  assert.equal(paramText(v), '[1,"a",null,true,[2.5,{"k":"v"}],"nan"]');
  assert.equal(paramText(v), JSON.stringify([1, 'a', null, true, [2.5, { k: 'v' }], paramText(NaN)]));
});
