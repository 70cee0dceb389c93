// Names from logs cannot disguise themselves in the UI: bidi overrides and invisible characters are shown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runDisplayNames } from '../../../src/core/curves';
import { needsTooltip, visibleText } from '../../../src/core/util/visible-text';

test('a right-to-left override cannot make report\\u202egnp.exe read as reportexe.png', () => {
  assert.equal(visibleText('report\u202egnp.exe'), 'report⟨U+202E⟩gnp.exe');
  assert.equal(visibleText('a\u200bb\u2066c\u2069\ufeff'), 'a⟨U+200B⟩b⟨U+2066⟩c⟨U+2069⟩⟨U+FEFF⟩');
  assert.equal(visibleText('esc\u001b]0;title\u0007'), 'esc⟨U+001B⟩]0;title⟨U+0007⟩');
});

test('plain names, including non-Latin ones, are unchanged; long ones are cut with an ellipsis', () => {
  for (const s of ['xlmr-lr3e-5-seed1', 'Versuch äöü', '实验 1', 'تجربة']) {
    assert.equal(visibleText(s), s);
    assert.equal(needsTooltip(s), false);
  }
  const long = 'x'.repeat(300);
  assert.equal(visibleText(long).length, 120);
  assert.ok(visibleText(long).endsWith('…'));
  assert.ok(needsTooltip(long));
});

test('the Curves legend shows run names with bidi controls visibly', () => {
  const names = runDisplayNames([{ key: 'mlflow-file|/r|1', name: 'report\u202egnp.exe', experiment: 'e', format: 'mlflow-file', params: {} } as never]);
  assert.equal(names.get('mlflow-file|/r|1'), 'report⟨U+202E⟩gnp.exe');
});
