import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATALOGUE, CHECK_IDS } from '../../../src/core/notebook/catalogue';
import { ALL_CHECKS } from '../../../src/core/notebook/checks/all';
import { verdictOf } from '../../../src/core/notebook/analyse';
import { repoRoot } from '../../helpers/corpus';
import { tempDir } from '../../helpers/tmp';
import { analyse, code, md, notebookText, of, PY_META } from './nb';

test('the catalogue has the 40 checks, each implemented once', () => {
  assert.equal(CATALOGUE.length, 40);
  assert.equal(new Set(CHECK_IDS).size, 40);
  assert.deepEqual(ALL_CHECKS.map((c) => c.id), CHECK_IDS);
});

test('verdict: errors → not ready, warnings → ready with warnings, info only → ready', () => {
  assert.equal(verdictOf([{ severity: 'info' }, { severity: 'error' }]), 'not-ready');
  assert.equal(verdictOf([{ severity: 'warning' }, { severity: 'info' }]), 'ready-with-warnings');
  assert.equal(verdictOf([{ severity: 'info' }]), 'ready');
  assert.equal(verdictOf([]), 'ready');
});

test('suppressions: readiness-ignore tags, inline comments and the notebook metadata list', () => {
  const bad = '1/0';
  const err = { output_type: 'error', ename: 'ZeroDivisionError', evalue: 'x', traceback: [] };
  assert.equal(of(analyse([code(bad, { count: 1, outputs: [err] })]), 'error-output').length, 1);
  assert.equal(of(analyse([code(bad, { count: 1, outputs: [err], tags: ['readiness-ignore'] })]), 'error-output').length, 0);
  assert.equal(of(analyse([code(bad, { count: 1, outputs: [err], tags: ['readiness-ignore:error-output'] })]), 'error-output').length, 0);
  assert.equal(of(analyse([code(bad, { count: 1, outputs: [err], tags: ['readiness-ignore:seed-missing'] })]), 'error-output').length, 1, 'a tag for another id does not hide it');
  assert.equal(of(analyse([code(`# readiness: ignore[error-output]\n${bad}`, { count: 1, outputs: [err] })]), 'error-output').length, 0);
  const inline = analyse([code('p = "/home/me/a.csv"  # readiness: ignore[hardcoded-path]\nq = "/home/me/b.csv"', { count: 1 })]);
  assert.deepEqual(of(inline, 'hardcoded-path').map((f) => f.range?.line), [1], 'an inline comment after code covers only its line');
  const meta = analyse([code(bad, { count: 1, outputs: [err] })], { metadata: { ...PY_META, readiness: { ignore: ['error-output'] } } });
  assert.equal(of(meta, 'error-output').length, 0);
  assert.equal(of(analyse([md('TODO <!-- readiness: ignore[placeholder-text] -->')]), 'placeholder-text').length, 0);
});

test('profiles: publish relaxes course items (sections, tests) to info', () => {
  const cells = [md('# T'), code('x = 1', { count: 1 })];
  const handIn = analyse(cells);
  const publish = analyse(cells, { profile: 'publish' });
  assert.ok(of(handIn, 'required-section-missing').every((f) => f.severity === 'warning'));
  assert.ok(of(publish, 'required-section-missing').every((f) => f.severity === 'info'));
  assert.equal(publish.profile, 'publish');
});

test('every finding has an id, a severity, a cell index in range (or null) and a message', () => {
  const r = analyse([md('##Bad'), code('    x', { count: 3, outputs: [{ output_type: 'error', ename: 'E', evalue: 'v', traceback: [] }] }), code('!pip install torch')]);
  for (const f of r.findings) {
    assert.ok(CHECK_IDS.includes(f.id));
    assert.ok(['error', 'warning', 'info'].includes(f.severity));
    assert.ok(f.cell === null || (f.cell >= 0 && f.cell < 3));
    assert.ok(f.message.length > 10);
  }
});

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'notebook', ...args], { encoding: 'utf8', cwd: repoRoot });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

test('CLI: JSON shape for one file (object) and several (array), exit code 1 on errors, secrets masked', () => {
  const dir = tempDir();
  const token = 'hf_' + 'QwErTyUiOpAsDfGhJkLzXcVbNmQwErTyUi';
  const bad = path.join(dir, 'bad_notebook.ipynb');
  fs.writeFileSync(bad, notebookText([md('# T'), code(`TOKEN = "${token}"`, { count: 1 })]));
  const good = path.join(dir, 'good_notebook.ipynb');
  fs.writeFileSync(good, notebookText([md('# T\n## References\nNone.'), code('assert 1 + 1 == 2', { count: 1 })]));
  const one = cli([bad, '--json']);
  assert.equal(one.code, 1);
  assert.ok(!one.stdout.includes(token), 'the secret is never printed');
  const parsed = JSON.parse(one.stdout);
  assert.deepEqual(Object.keys(parsed), ['file', 'verdict', 'findings']);
  assert.equal(parsed.verdict, 'not-ready');
  assert.deepEqual(Object.keys(parsed.findings[0]), ['id', 'severity', 'cell', 'message']);
  const both = JSON.parse(cli([bad, good, '--json', '--profile', 'publish']).stdout);
  assert.ok(Array.isArray(both) && both.length === 2);
  const text = cli([good, '--profile', 'publish']);
  assert.equal(text.code, 0, text.stdout);
  assert.match(text.stdout, /good_notebook\.ipynb: Ready/);
  assert.equal(cli([good, '--profile', 'nope']).code, 2);
  assert.equal(cli([]).code, 2);
  const missing = cli([path.join(dir, 'missing.ipynb'), '--json']);
  assert.equal(missing.code, 1);
  assert.match(JSON.parse(missing.stdout).findings[0].message, /cannot read the file/);
});
