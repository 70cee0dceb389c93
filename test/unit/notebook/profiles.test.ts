// Profiles: the default general profile runs no course-only checks and never says "the course requires";
// the hand-in profile is chosen by a setting or per folder.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyseNotebookText } from '../../../src/core/notebook/analyse';
import { checkApplies, chooseProfile, DEFAULT_PROFILE, isProfile } from '../../../src/core/notebook/profiles';
import { code, md, notebookText } from './nb';

const NOTEBOOKS = '/work/shared/notebooks';
const COURSE_ONLY = ['required-section-missing', 'introduction-incomplete', 'acknowledgment-missing', 'no-tests', 'tracking-unused'];

// The defect: a random notebook was told "Section 'Tools used' is missing" and "… as the course requires".
test('a notebook analysed without a profile gets the general profile: no course-only findings, no course wording', () => {
  const text = notebookText([md('# Plotting sine waves'), code('import numpy as np\nx = np.linspace(0, 1)\nmodel.fit(x)', { count: 1 }), code('print(1)')]);
  const general = analyseNotebookText(text, 'sine.ipynb');
  assert.equal(general.profile, 'general');
  assert.deepEqual(general.findings.filter((f) => COURSE_ONLY.includes(f.id)), []);
  assert.ok(!general.findings.some((f) => /course|hand-in/i.test(f.message)), general.findings.map((f) => f.message).join('\n'));
  const handIn = analyseNotebookText(text, 'sine.ipynb', { profile: 'hand-in' });
  assert.ok(handIn.findings.some((f) => f.id === 'required-section-missing' && f.message.includes("'Tools used'")));
  assert.ok(handIn.findings.some((f) => f.message.includes('as the course requires')));
});

test('general relaxes outputs-not-saved to info; publish relaxes course items to info', () => {
  const stripped = notebookText([md('# T'), code('x = 1'), code('y = 2')]);
  const find = (profile: 'general' | 'hand-in' | 'publish', id: string) => analyseNotebookText(stripped, 't.ipynb', { profile }).findings.filter((f) => f.id === id);
  assert.equal(find('hand-in', 'outputs-not-saved')[0].severity, 'error');
  assert.match(find('hand-in', 'outputs-not-saved')[0].message, /the course requires them/);
  assert.equal(find('general', 'outputs-not-saved')[0].severity, 'info');
  assert.doesNotMatch(find('general', 'outputs-not-saved')[0].message, /course/);
  assert.ok(find('publish', 'required-section-missing').every((f) => f.severity === 'info'));
  assert.ok(find('publish', 'required-section-missing').length > 0);
});

test('checkApplies: every check runs under hand-in and publish; general skips the course-only ones', () => {
  for (const id of COURSE_ONLY) {
    assert.equal(checkApplies(id, 'general'), false, id);
    assert.equal(checkApplies(id, 'hand-in'), true, id);
    assert.equal(checkApplies(id, 'publish'), true, id);
  }
  assert.equal(checkApplies('hardcoded-secret', 'general'), true);
  assert.equal(DEFAULT_PROFILE, 'general');
  assert.ok(isProfile('general') && isProfile('hand-in') && isProfile('publish') && !isProfile('strict'));
});

test('chooseProfile: the deepest configured folder, then the setting, then general', () => {
  const folders = { course: 'hand-in', 'course/drafts/': 'general', './public': 'publish', broken: 'strict', other: 3 };
  assert.deepEqual(chooseProfile('course/project_1.ipynb', { folders }), { profile: 'hand-in', reason: 'folder "course/" (runlens.notebookReadiness.folderProfiles)' });
  assert.equal(chooseProfile('course/drafts/a.ipynb', { folders }).profile, 'general', 'a deeper folder wins');
  assert.equal(chooseProfile('course\\week2\\b.ipynb', { folders }).profile, 'hand-in', 'Windows separators');
  assert.equal(chooseProfile('public/x.ipynb', { folders, profile: 'hand-in' }).profile, 'publish', 'a folder beats the setting');
  assert.equal(outsideFolder('coursework/x.ipynb', folders), 'general', 'a folder name prefix is not the folder');
  assert.equal(chooseProfile('broken/x.ipynb', { folders }).profile, 'general', 'invalid profile values are ignored');
  assert.deepEqual(chooseProfile('x.ipynb', { profile: 'hand-in' }), { profile: 'hand-in', reason: 'runlens.notebookReadiness.profile setting' });
  assert.equal(chooseProfile('x.ipynb', { profile: 'nonsense' }).profile, 'general');
  assert.equal(chooseProfile(undefined, { folders: { '': 'hand-in' } }).profile, 'general', 'outside the workspace only the setting counts');
  assert.equal(chooseProfile('any/where.ipynb', { folders: { '.': 'hand-in' } }).profile, 'hand-in', 'the workspace root as a folder');
  assert.match(chooseProfile('x.ipynb', {}).reason, /^default/);
});

function outsideFolder(file: string, folders: Record<string, unknown>): string {
  return chooseProfile(file, { folders }).profile;
}

test('real notebooks: the TensorBoard docs notebook has required-section-missing only under hand-in', { skip: !fs.existsSync(NOTEBOOKS) && 'no shared notebooks' }, () => {
  const file = path.join(NOTEBOOKS, 'tensorflow__tensorboard__docs__text_summaries.ipynb');
  const text = fs.readFileSync(file, 'utf8');
  const general = analyseNotebookText(text, 'text_summaries.ipynb');
  const handIn = analyseNotebookText(text, 'text_summaries.ipynb', { profile: 'hand-in' });
  assert.ok(handIn.findings.some((f) => f.id === 'required-section-missing'));
  assert.ok(!general.findings.some((f) => COURSE_ONLY.includes(f.id)));
  assert.ok(general.findings.some((f) => f.id === 'execution-order-nonlinear'), 'general checks still run');
});
