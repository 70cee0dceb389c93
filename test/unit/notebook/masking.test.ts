import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskIPython } from '../../../src/core/notebook/ipython-mask';
import { pythonFacts } from '../../../src/core/notebook/python-facts';
import { markdownFacts } from '../../../src/core/notebook/markdown-facts';

test('magics, shell escapes, help and automagics are masked with same-length placeholders', () => {
  const src = '%matplotlib inline\n!pip install torch==2.0 \\\n    numpy\nfiles = !ls /data\nnp.load?\npip install x\nx = 1';
  const m = maskIPython(src);
  assert.equal(m.text.length, src.length, 'offsets are preserved');
  assert.deepEqual(m.text.split('\n').map((l) => l.length), src.split('\n').map((l) => l.length));
  assert.deepEqual(m.magics.map((x) => [x.kind, x.name]), [['line-magic', 'matplotlib'], ['shell', 'pip'], ['shell', 'ls'], ['help', 'np.load'], ['automagic', 'pip']]);
  assert.equal(m.magics[1].args, 'install torch==2.0 numpy', 'continuation lines are joined');
  assert.deepEqual(pythonFacts(m.text).syntaxErrors, []);
  assert.ok(pythonFacts(m.text).bindings.has('files'));
});

test('a % inside a string or brackets is not a magic', () => {
  const m = maskIPython('s = """\n%not a magic\n"""\nt = (1,\n  2)\n');
  assert.equal(m.magics.length, 0);
});

test('cell magics: %%time keeps Python, %%bash makes the cell non-Python', () => {
  const timed = maskIPython('%%time\nimport os\n');
  assert.equal(timed.isPython, true);
  assert.equal(pythonFacts(timed.text).imports[0].module, 'os');
  const bash = maskIPython('%%bash\nif [ -f x ]; then echo hi; fi\n');
  assert.equal(bash.isPython, false);
  assert.equal(bash.cellMagic, 'bash');
});

test('the scanner finds indentation errors lezer recovers from, and blanks strings and comments', () => {
  assert.match(maskIPython('    x = 1\n').errors[0].message, /unexpected indent/);
  assert.match(maskIPython('if x:\n        a = 1\n    b = 2\n').errors[0].message, /unindent does not match/);
  assert.match(maskIPython('if x:\ny = 1\n').errors[0].message, /expected an indented block/);
  assert.equal(maskIPython('def f():\n    return 1\n\nx = f()\n').errors.length, 0);
  const m = maskIPython('x = "wandb.init(" # import wandb\n');
  assert.doesNotMatch(m.code, /wandb/);
  assert.equal(m.comments[0].text, ' import wandb');
});

test('python facts: imports, calls with keywords, strings with context, module-level loads', () => {
  const f = pythonFacts('import numpy as np, os.path\nfrom a.b import c as d, e\nargs = TrainingArguments(seed=42, output_dir="/content/x")\nos.environ["KEY"] = "v"\ndef g():\n    return later\nprint(f"{y}")\n');
  assert.deepEqual(f.imports.map((i) => [i.module, i.bound.map((b) => b.name)]), [['numpy', ['np', 'os']], ['a.b', ['d', 'e']]]);
  const call = f.calls.find((c) => c.callee === 'TrainingArguments')!;
  assert.deepEqual(call.kwargs, { seed: '42', output_dir: '"/content/x"' });
  assert.equal(f.strings.find((s) => s.value === '/content/x')?.kwarg, 'output_dir');
  assert.equal(f.strings.find((s) => s.value === 'v')?.assignTarget, 'os.environ["KEY"]');
  const loads = f.loads.map((l) => l.name);
  assert.ok(loads.includes('y') && loads.includes('TrainingArguments'));
  assert.ok(!loads.includes('later'), 'function bodies are not module-level loads');
  assert.ok(f.identifiers.has('later'), 'but they are uses');
});

test('python 2 print and real syntax errors are reported; a trailing blank line is not', () => {
  assert.match(pythonFacts('print "hi"\n').syntaxErrors[0].message, /print/);
  assert.equal(pythonFacts('x = (\n').syntaxErrors.length, 1);
  assert.equal(pythonFacts('with a:\n  b()\n    ').syntaxErrors.length, 0);
});

test('markdown facts: headings outside code, malformed headings, links, struck-out text', () => {
  const f = markdownFacts('# Title\n##1. Load Data\n```python\n# not a heading\n```\nSee [docs](https://x.org) and <https://y.org>, or https://z.org.\n~~old 64~~ new 8\n$$\n# math\n$$');
  assert.deepEqual(f.headings.map((h) => [h.level, h.text]), [[1, 'Title'], [2, '1. Load Data']]);
  assert.equal(f.malformedHeadings[0].raw, '##1. Load Data');
  assert.deepEqual(f.links.map((l) => l.url), ['https://x.org', 'https://y.org', 'https://z.org']);
  assert.equal(f.struck[0].text, 'old 64');
  assert.doesNotMatch(f.prose, /old 64/);
  assert.match(f.prose, /new 8/);
});
