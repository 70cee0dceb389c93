// Builds the workspace the VS Code suites open: the demo workspace (`node dist/cli.js demo <dir>`, when that
// command exists) plus `project/`, a git repository with a training script whose MLflow runs record two of
// its commits — what CodeLens, hover, "Open Source at Run's Commit" and "Diff Code Between Runs" need.
// Usage: node --import tsx test/vscode/workspace/make-workspace.ts <dir>  → prints the manifest JSON.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeMlflowStore, type FixtureRun } from './mlflow-store';

export interface WorkspaceManifest {
  workspace: string;
  /** True when the lead's demo generator filled the workspace too. */
  demo: boolean;
  project: string;
  trainScript: string;
  /** [older, newer] commits of project/, as the runs recorded them. */
  commits: [string, string];
  /** MLflow run ids of project/, by commit. */
  runsByCommit: Record<string, string[]>;
  /** Values of learning_rate across project/'s runs (the hover test checks them). */
  learningRates: string[];
}

const SCRIPT_V1 = `"""Fine-tunes a small classifier; logs to MLflow."""
import mlflow
from transformers import Trainer, TrainingArguments


def train(learning_rate=1e-3, batch_size=32, seed=0):
    with mlflow.start_run():
        mlflow.log_params({"learning_rate": learning_rate, "batch_size": batch_size, "seed": seed})
        for step in range(60):
            mlflow.log_metric("loss", 1.0 / (1 + step * learning_rate), step=step)


# The runs are ranked by the objective the script declares, not by a guessed val_loss.
args = TrainingArguments(output_dir="out", learning_rate=2e-5, per_device_train_batch_size=16, metric_for_best_model="val_accuracy")
trainer = Trainer(model=None, args=args)
`;

// The second commit changes the schedule: "Diff Code Between Runs" must show this line.
const SCRIPT_V2 = SCRIPT_V1.replace('for step in range(60):', 'for step in range(60):  # warmup then linear decay\n            learning_rate = schedule(step, learning_rate)');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Runlens Test', GIT_AUTHOR_EMAIL: 'test@runlens.invalid', GIT_COMMITTER_NAME: 'Runlens Test', GIT_COMMITTER_EMAIL: 'test@runlens.invalid' },
  }).trim();
}

function demoAvailable(cli: string): boolean {
  const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  return help.status === 0 && /^\s+demo\b/m.test(help.stdout);
}

/** Deterministic curves: loss falls faster with a larger learning rate; seeds add a small wobble. */
function fixtureRun(i: number, lr: number, seed: number, commit: string, entryPoint: string, t0: number, version: string): FixtureRun {
  const steps = 60;
  const start = t0 + i * 3_600_000;
  const point = (step: number, value: number) => ({ step, value, time: start + step * 1000 });
  const loss = Array.from({ length: steps }, (_, s) => point(s, 2.3 * Math.exp(-s * lr * 40) + 0.05 * Math.sin(s / 3 + seed) + 0.1));
  const valLoss = Array.from({ length: steps / 10 }, (_, k) => point(k * 10 + 9, 2.2 * Math.exp(-(k * 10 + 9) * lr * 35) + 0.15 + 0.01 * seed));
  const valAcc = valLoss.map((p) => point(p.step, 1 - p.value / 3));
  return {
    id: `run${String(i).padStart(2, '0')}${'0'.repeat(27)}`.slice(0, 32),
    name: `${version}-lr${lr}-seed${seed}`,
    startTime: start,
    endTime: start + steps * 1000,
    params: { learning_rate: String(lr), batch_size: '32', seed: String(seed), optimizer: 'adamw' },
    tags: { 'mlflow.source.name': entryPoint, 'mlflow.source.type': 'LOCAL', 'mlflow.source.git.commit': commit, 'mlflow.user': 'alice' },
    metrics: { loss, val_loss: valLoss, val_accuracy: valAcc },
  };
}

export function makeWorkspace(dir: string, repo = resolve(__dirname, '../../..')): WorkspaceManifest {
  const workspace = resolve(dir);
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });
  const cli = join(repo, 'dist', 'cli.js');
  const demo = demoAvailable(cli);
  if (demo) execFileSync(process.execPath, [cli, 'demo', workspace], { stdio: ['ignore', 'ignore', 'inherit'] });

  const project = join(workspace, 'project');
  mkdirSync(project, { recursive: true });
  const trainScript = join(project, 'train.py');
  git(project, 'init', '-q', '-b', 'main');
  writeFileSync(join(project, '.gitignore'), 'mlruns/\n');
  writeFileSync(trainScript, SCRIPT_V1);
  git(project, 'add', 'train.py', '.gitignore');
  git(project, 'commit', '-q', '-m', 'first training script');
  const c1 = git(project, 'rev-parse', 'HEAD');
  writeFileSync(trainScript, SCRIPT_V2);
  git(project, 'commit', '-q', '-am', 'learning-rate schedule');
  const c2 = git(project, 'rev-parse', 'HEAD');

  // Runs of the first commit recorded a relative entry point, those of the second one the cluster's absolute
  // path: both must be recognised as this train.py (matching by trailing path segments).
  const t0 = Date.UTC(2026, 10, 20, 9, 0, 0);
  const runs: FixtureRun[] = [];
  const runsByCommit: Record<string, string[]> = { [c1]: [], [c2]: [] };
  const plan: Array<[number, number, string, string]> = [
    [0.001, 0, c1, 'train.py'],
    [0.001, 1, c1, 'train.py'],
    [0.003, 0, c1, 'train.py'],
    [0.003, 0, c2, '/cluster/home/alice/project/train.py'],
    [0.003, 1, c2, '/cluster/home/alice/project/train.py'],
    [0.01, 0, c2, '/cluster/home/alice/project/train.py'],
  ];
  plan.forEach(([lr, seed, commit, entry], i) => {
    const run = fixtureRun(i, lr, seed, commit, entry, t0, commit === c1 ? 'v1' : 'v2');
    runs.push(run);
    runsByCommit[commit].push(run.id);
  });
  writeMlflowStore(join(project, 'mlruns'), { id: '1', name: 'classifier' }, runs);
  return {
    workspace,
    demo,
    project,
    trainScript,
    commits: [c1, c2],
    runsByCommit,
    learningRates: [...new Set(plan.map(([lr]) => String(lr)))],
  };
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: make-workspace.ts <dir>\n');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(makeWorkspace(dir), null, 2) + '\n');
}
