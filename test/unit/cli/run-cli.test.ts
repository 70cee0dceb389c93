// The CLI ends its process once the output is written, even when something (a worker thread, a
// timer, Node 20's DrainTasks wait) would keep the event loop alive; and `index` on a missing
// path fails with a message instead of printing an empty result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/corpus';

const BOUNDED = { timeout: 60_000 };

test('runCli exits after its output although a ref-ed handle is still open', BOUNDED, () => {
  const script = `
    const { runCli } = require(${JSON.stringify(path.join(repoRoot, 'src/cli/run-cli.ts'))});
    const lingering = { name: 'linger', usage: 'linger', summary: '', async run() {
      setInterval(() => {}, 1000); // never cleared: without the explicit exit this process would not end
      process.stdout.write('x'.repeat(200000) + '\\nend\\n');
      return 3;
    } };
    runCli(['linger'], [lingering]);
  `;
  const res = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', cwd: repoRoot, timeout: 30_000 });
  assert.equal(res.error, undefined, 'the process ended by itself');
  assert.equal(res.status, 3);
  assert.ok(res.stdout.endsWith('\nend\n'), 'all output was written before exiting');
});

test('`runlens index` on a missing path exits non-zero with a message', BOUNDED, () => {
  const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'index', '/nonexistent/runlens-x', '--json'], {
    encoding: 'utf8',
    cwd: repoRoot,
    timeout: 30_000,
  });
  assert.equal(res.status, 2);
  assert.match(res.stderr, /\/nonexistent\/runlens-x: no such file or folder/);
  assert.equal(res.stdout, '');
});
