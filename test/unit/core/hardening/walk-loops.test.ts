// Walks below a run (params/ keys, checkpoint sizes, change fingerprints) follow symlinks; a loop
// with two links per level fans out 2^depth ways, and a link to /proc makes a checkpoint "size"
// walk the kernel's tree. Each folder is now entered once, and checkpoint sizes stay inside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../../helpers/tmp';
import { fingerprintSync } from '../../../../src/core/index/fingerprint';
import { pathBytes } from '../../../../src/core/util/fs';
import { listKeyFiles } from '../../../../src/core/sources/mlflow-file/key-files';

const BOUNDED = { timeout: 30_000 };

test('fingerprint of a folder with two self-links and no files terminates', BOUNDED, () => {
  const dir = tempDir();
  fs.symlinkSync('.', path.join(dir, 'a'));
  fs.symlinkSync('.', path.join(dir, 'b'));
  const before = fingerprintSync(dir);
  fs.writeFileSync(path.join(dir, 'new.txt'), 'x');
  assert.notEqual(fingerprintSync(dir), before, 'still a change detector');
});

test('params/ with looping links lists each key once per reachable path, and terminates', BOUNDED, async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'lr'), '0.1');
  fs.symlinkSync('.', path.join(dir, 'a'));
  fs.symlinkSync('.', path.join(dir, 'b'));
  const keys = (await listKeyFiles(dir)).map((k) => k.key);
  assert.ok(keys.includes('lr'));
  assert.ok(keys.length <= 3, keys.join(','));
});

test('checkpoint size ignores linked folders (a link to /proc) and non-regular files', BOUNDED, async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'model.safetensors'), Buffer.alloc(1000));
  fs.writeFileSync(path.join(dir, 'real.bin'), Buffer.alloc(24));
  fs.symlinkSync(path.join(dir, 'real.bin'), path.join(dir, 'linked.bin'));
  fs.symlinkSync('/proc', path.join(dir, 'data'));
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero'));
  assert.equal(await pathBytes(dir), 1000 + 24 + 24);
});
