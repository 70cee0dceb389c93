// The CLI's readable output escapes control characters from logs: a run name with ESC/OSC/BEL/CR
// bytes could otherwise retitle the terminal, clear the screen or overwrite a line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { tempDir } from '../../helpers/tmp';
import { terminalText } from '../../../src/cli/terminal-text';
import { renderRunsTable } from '../../../src/cli/runs-table';
import { Indexer } from '../../../src/core/index/indexer';
import { IndexStore } from '../../../src/core/index/store';
import { readers } from '../../../src/core/sources/registry';
import { writeMlflowFileStore } from '../../../src/demo/writers/mlflow-file';
import { sampleRuns } from '../mlflow/sample-runs';

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

test('terminalText shows ESC, OSC, BEL, CR, C1 and bidi overrides as escapes', () => {
  assert.equal(terminalText('\u001b]0;pwned\u0007run'), '\\e]0;pwned\\x07run');
  assert.equal(terminalText('a\rb\nc\td'), 'a\\rb\\nc\\td');
  assert.equal(terminalText('\u009b2J'), '\\x9b2J');
  assert.equal(terminalText('abc\u202eevil'), 'abc\\u202eevil');
  assert.equal(terminalText('plain ✓ 日本 ключ'), 'plain ✓ 日本 ключ');
});

test('the runs table of `runlens index` has no control characters from run names or errors', async () => {
  const dir = tempDir();
  const runs = sampleRuns().slice(0, 2);
  runs[0].name = '\u001b]0;owned\u0007\u001b[2J\rfake';
  runs[0].experiment = 'exp\u001b[31mred';
  writeMlflowFileStore(path.join(dir, 'mlruns'), runs);
  const store = await IndexStore.open();
  await new Indexer({ store, readers }).indexFolders([dir]);
  const text = renderRunsTable(store.runs(), [{ path: path.join(dir, 'x\u001b[2J'), message: 'bad\u0007' }]);
  assert.ok(!CONTROL.test(text), JSON.stringify(text));
  assert.match(text, /\\e\]0;owned\\x07\\e\[2J\\rfake/);
  assert.match(text, /bad\\x07/);
});
