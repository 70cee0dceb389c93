import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkspaceFiles } from '../../../src/core/notebook/context';
import { analyse, code, md, of, stream } from './nb';

const ws = (files: string[], requirements: string[] = []): WorkspaceFiles => ({ exists: (p) => files.includes(p.replace(/^\.\//, '')), requirementTexts: () => requirements });

test('seed-missing: training without a seed fires; a seed before the first random use passes', () => {
  const r = analyse([code('import torch', { count: 1 }), code('model.fit(X, y)', { count: 2 })]);
  assert.equal(of(r, 'seed-missing')[0].severity, 'warning');
  assert.equal(of(r, 'seed-missing')[0].cell, 1);
  const seeded = analyse([code('import lightning as L\nL.pytorch.seed_everything(42)', { count: 1 }), code('trainer.fit(model)', { count: 2 })]);
  assert.equal(of(seeded, 'seed-missing').length, 0);
  // trap: imports alone are not randomness
  assert.equal(of(analyse([code('import torch, random, numpy as np', { count: 1 }), code('print(np.pi)', { count: 2 })]), 'seed-missing').length, 0);
});

test('seed-missing: only the Trainer seed with the model created before it is info; an imported but uncalled set_seed is named', () => {
  const trainerOnly = analyse([
    code('model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased")', { count: 1 }),
    code('args = TrainingArguments(output_dir="out", seed=42)\ntrainer = Trainer(model=model, args=args)', { count: 2 }),
  ]);
  assert.deepEqual(of(trainerOnly, 'seed-missing').map((f) => f.severity), ['info']);
  const uncalled = analyse([code('from transformers import set_seed', { count: 1 }), code('trainer.train()', { count: 2 })]);
  assert.match(of(uncalled, 'seed-missing')[0].message, /`set_seed` is imported but never called/);
  const split = analyse([code('import numpy as np\nnp.random.seed(0)\nfrom sklearn.model_selection import train_test_split\na, b = train_test_split(X)', { count: 1 })]);
  assert.deepEqual(of(split, 'seed-missing').map((f) => f.severity), ['info'], 'train_test_split without random_state is an info hint');
});

test('hardcoded-path: absolute roots, Drive and Windows paths fire; URLs, /tmp, relative, comments and concatenations do not', () => {
  const r = analyse([code('df = pd.read_csv("/content/drive/MyDrive/data.csv")\nx = open(r"C:\\\\Users\\\\me\\\\a.txt")\n!ls /kaggle/input\nh = "~/data"', { count: 1 })]);
  const found = of(r, 'hardcoded-path');
  assert.equal(found.filter((f) => f.severity === 'error').length, 3, found.map((f) => f.message).join('\n'));
  assert.match(found[0].message, /Google Drive mount/);
  assert.equal(found.filter((f) => f.severity === 'warning').length, 1);
  const clean = analyse([code('url = "https://example.com/home/x"\nlog = "logs/fit"\n# "/home/me/data"\np = os.getcwd() + "/data/x"\nt = "/tmp/cache"\npattern = r"^/home/\\w+"', { count: 1 })]);
  assert.deepEqual(of(clean, 'hardcoded-path').map((f) => f.severity), ['info'], 'only /tmp, as info');
});

test('hardcoded-path (workspace): a relative file read but neither present nor created is a warning', () => {
  const cells = [code('df = pd.read_csv("data/train.csv")', { count: 1 })];
  assert.equal(of(analyse(cells, { workspace: ws([]) }), 'hardcoded-path')[0].severity, 'warning');
  assert.equal(of(analyse(cells, { workspace: ws(['data/train.csv']) }), 'hardcoded-path').length, 0);
  const downloaded = [code('!wget -P data https://x.org/train.csv', { count: 1 }), ...cells];
  assert.equal(of(analyse(downloaded, { workspace: ws([]) }), 'hardcoded-path').length, 0);
  assert.equal(of(analyse([code('m = AutoModel.from_pretrained("bert-base-uncased/v1")', { count: 1 })], { workspace: ws([]) }), 'hardcoded-path').length, 0, 'hub ids are not paths');
});

test('colab-only-code: drive.mount fires unless guarded', () => {
  assert.equal(of(analyse([code('from google.colab import drive\ndrive.mount("/content/drive")', { count: 1 })]), 'colab-only-code').length, 1);
  assert.equal(of(analyse([code('import sys\nif "google.colab" in sys.modules:\n    from google.colab import drive\n    drive.mount("/content/drive")', { count: 1 })]), 'colab-only-code').length, 0);
  assert.equal(of(analyse([code('import os', { count: 1 })]), 'colab-only-code').length, 0);
});

test('hardcoded-secret: real token shapes fire and are masked; placeholders are info; special tokens and env reads never fire', () => {
  const token = 'hf_' + 'AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh';
  const r = analyse([code(`os.environ["HUGGINGFACE_HUB_TOKEN"] = "${token}"`, { count: 1 })]);
  const f = of(r, 'hardcoded-secret')[0];
  assert.equal(f.severity, 'error');
  assert.ok(!JSON.stringify(r).includes(token), 'the token never appears in the report');
  assert.match(f.message, /hf_A…/);
  const wandbKey = 'a'.repeat(20) + '0123456789abcdef0123';
  assert.equal(of(analyse([code(`wandb.login(key="${wandbKey}")`, { count: 1 })]), 'hardcoded-secret')[0].severity, 'error');
  const masked = analyse([code('wandb.login(key="***********")\nlogin(token="hf_pS****…V")', { count: 1 })]);
  assert.deepEqual(of(masked, 'hardcoded-secret').map((x) => x.severity), ['info', 'info']);
  const traps = analyse([code('tok = Tokenizer(pad_token="<pad>", unk_token="<unk>")\nspecial = dict(token="</s>")\nkey = os.environ["WANDB_API_KEY"]\nwandb.login(key=getpass())\nurl = "https://a.org/risk-assessment"', { count: 1 })]);
  assert.equal(of(traps, 'hardcoded-secret').length, 0);
  const inOutput = analyse([code('print(t)', { count: 1, outputs: [stream(`token is ${token}\n`)] })]);
  assert.match(of(inOutput, 'hardcoded-secret')[0].message, /output of cell 0/);
});

test('pip-install-unpinned: unpinned installs warn; == pins pass; >= is info; !pip offers the %pip quick fix; unused installs are info', () => {
  const r = analyse([code('!pip install -q torch transformers==4.46.2 "numpy>=1.2" -i https://x.org/simple', { count: 1 }), code('import torch, transformers, numpy', { count: 2 })]);
  const found = of(r, 'pip-install-unpinned');
  assert.match(found.find((f) => f.severity === 'warning')!.message, /`torch` is installed without a version/);
  assert.ok(found.some((f) => f.severity === 'info' && /numpy>=1.2/.test(f.message)));
  const bang = found.find((f) => /instead of '!pip install'/.test(f.message))!;
  assert.deepEqual(bang.fixes?.[0], { kind: 'replace', title: 'Replace !pip with %pip', cell: 0, range: { line: 0, column: 0, endLine: 0, endColumn: 1 }, text: '%' });
  const pinned = analyse([code('%pip install lightning==2.4.0 torch==2.3.1 sentencepiece==0.2.0 git+https://github.com/a/b@0123456789abcdef0123456789abcdef01234567', { count: 1 }), code('import lightning, torch, b', { count: 2 })]);
  assert.equal(of(pinned, 'pip-install-unpinned').length, 0);
  const unused = analyse([code('%pip install wandb==0.18.0 kaleido==0.2.1', { count: 1 })]);
  assert.deepEqual(of(unused, 'pip-install-unpinned').map((f) => [f.severity, /`wandb`/.test(f.message), /kaleido/.test(f.message)]), [['info', true, false]]);
});

test('dependencies-undeclared (workspace): third-party imports not in requirements are info; stdlib, declared and local modules pass', () => {
  const cells = [code('import os, json\nimport numpy as np\nimport sklearn\nimport helpers\nimport yaml', { count: 1 })];
  const r = analyse(cells, { workspace: ws(['helpers.py'], ['numpy==1.26\nscikit-learn>=1.3\n']) });
  assert.deepEqual(of(r, 'dependencies-undeclared').map((f) => f.message), ['`yaml` is imported but not declared in any requirements file.']);
  assert.equal(of(analyse(cells), 'dependencies-undeclared').length, 0, 'needs workspace access');
});

test('markdown outside code never counts as a secret or path source', () => {
  const r = analyse([md('Paths like `/home/user/x` are examples.'), code('x = 1', { count: 1 })]);
  assert.equal(of(r, 'hardcoded-path').length, 0);
});

test('seed-missing offers a seed cell for the libraries in use, inserted after the import cells', () => {
  const r = analyse([code('import torch\nimport numpy as np', { count: 1 }), code('model.fit(X, y)', { count: 2 })]);
  const fix = of(r, 'seed-missing')[0].fixes?.[0];
  assert.equal(fix?.kind, 'insert-cell');
  if (fix?.kind !== 'insert-cell') return;
  assert.equal(fix.index, 1);
  assert.match(fix.source, /np\.random\.seed\(SEED\)/);
  assert.match(fix.source, /torch\.manual_seed\(SEED\)/);
  const hf = of(analyse([code('from transformers import Trainer', { count: 1 }), code('Trainer(model).train()', { count: 2 })]), 'seed-missing')[0].fixes?.[0];
  assert.ok(hf?.kind === 'insert-cell' && /set_seed\(SEED\)/.test(hf.source));
});
