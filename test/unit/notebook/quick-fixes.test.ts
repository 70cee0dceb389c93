// Quick fixes applied to copies of the real notebooks: each fix removes the finding it is offered for,
// and the result is still a valid notebook. Skipped when the shared notebooks are absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseNotebookText } from '../../../src/core/notebook/analyse';
import { applyQuickFix } from '../../../src/core/notebook/apply-fix';
import { notebooksDir } from '../../helpers/corpus';
import { tempDir } from '../../helpers/tmp';
import { analyse, code, notebookText, of } from './nb';

const dir = notebooksDir();
const skip = dir ? false : 'shared notebooks folder absent';

/** Copies a real notebook to a temp folder, applies every fix offered for `id`, re-analyses the copy. */
function fixCopy(file: string, id: string, pick: (title: string) => boolean = () => true): { before: number; after: number; text: string } {
  const copy = path.join(tempDir(), file.split('__').pop()!);
  fs.copyFileSync(path.join(dir!, file), copy);
  let text = fs.readFileSync(copy, 'utf8');
  const name = path.basename(copy);
  const before = of(analyseNotebookText(text, name), id).length;
  // apply one fix at a time and re-analyse, as a user clicking through the light bulbs would
  for (let guard = 0; guard < 20; guard++) {
    const fix = of(analyseNotebookText(text, name), id).flatMap((f) => f.fixes ?? []).find((f) => pick(f.title));
    if (!fix) break;
    text = applyQuickFix(text, fix);
  }
  fs.writeFileSync(copy, text);
  const report = analyseNotebookText(fs.readFileSync(copy, 'utf8'), name);
  assert.equal(of(report, 'nb-invalid-format').length, 0, 'the fixed copy is a valid notebook');
  return { before, after: of(report, id).length, text };
}

test('fix `##Heading` → `## Heading` on a copy of the SDG notebook', { skip }, () => {
  const r = fixCopy('syX113__hslu-nlp__stage4__04-SDG-Alignment.ipynb', 'markdown-syntax', (t) => t.startsWith('Add a space'));
  assert.ok(r.before >= 3);
  assert.equal(r.after, 0);
  assert.match(r.text, /"## 1\. Load Data/);
});

test('remove metadata.widgets on a copy of the FFT notebook', { skip }, () => {
  const r = fixCopy('joshylhs__DSA4213-assignment-3__FFT.ipynb', 'widget-state-missing');
  assert.equal(r.before, 1);
  assert.equal(r.after, 0);
});

test('insert the tracking link found in the outputs on a copy of the BERT notebook', { skip }, () => {
  const r = fixCopy('HarshaVardhanMannem__Sentiment-Analysis-using-BERT__Fine_Tuning_ BERT for Sentiment_Analysis.ipynb', 'tracking-link-missing');
  assert.equal(r.before, 1);
  assert.equal(r.after, 0);
  assert.match(r.text, /Tracked runs: \[https:\/\/wandb\.ai\//);
});

test('insert a seed cell on a copy of the project 4 notebook', { skip }, () => {
  const r = fixCopy('Yelinz__hslu-nlp__proj4__project4-stage2.ipynb', 'seed-missing');
  assert.equal(r.before, 1);
  assert.equal(r.after, 0);
});

test('!pip → %pip on a copy of the ATNLP notebook', { skip }, () => {
  const r = fixCopy('janljubas__ATNLP-Assignment3__ATNLP_Assignment3_finetuning.ipynb', 'pip-install-unpinned', (t) => t.startsWith('Replace !pip'));
  assert.match(r.text, /"%pip install transformers/);
  assert.doesNotMatch(r.text, /"!pip install/);
});

test('insert a title cell when the notebook starts with code (synthetic)', () => {
  const text = notebookText([code('x = 1', { count: 1 })]);
  const fix = of(analyse([code('x = 1', { count: 1 })]), 'title-and-name').flatMap((f) => f.fixes ?? [])[0];
  assert.ok(fix);
  const fixed = applyQuickFix(text, fix);
  const report = analyseNotebookText(fixed, 'course_project_notebook.ipynb');
  assert.equal(of(report, 'title-and-name').filter((f) => f.severity === 'warning').length, 0);
  assert.equal(of(report, 'nb-invalid-format').length, 0, 'the inserted 4.5 cell has an id');
});
