// Where a run's code lives: the local file its recorded entry point names, the git repository holding it and
// the path inside that repository, so the file can be shown as it was at the run's recorded commit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IndexedRun } from '../../core/index/types';
import { bestLocalFile } from './entry-points';
import { filesAtCommit, hasCommit, repoRoot } from './git';

export interface RunSource {
  /** The script on this machine, when one matches the entry point. */
  local?: string;
  repo?: string;
  /** Path of the script inside `repo` (forward slashes). */
  relPath?: string;
  /** The run's recorded commit, when the repository has it. */
  commit?: string;
  /** Why the commit view is not possible (the local file may still be). */
  problem?: string;
}

function escapeGlob(s: string): string {
  return s.replace(/[[\]{}*?!]/g, (c) => `[${c}]`);
}

async function findLocalFile(run: IndexedRun, entry: string): Promise<string | undefined> {
  if (path.isAbsolute(entry) && fs.existsSync(entry)) return entry;
  const name = path.basename(entry.replace(/\\/g, '/'));
  if (!name) return undefined;
  const found = await vscode.workspace.findFiles(`**/${escapeGlob(name)}`, '**/{node_modules,.git}/**', 500);
  return bestLocalFile(entry, run.path, found.map((u) => u.fsPath));
}

const toPosix = (p: string) => p.split(path.sep).join('/');

export async function locateRunSource(run: IndexedRun): Promise<RunSource> {
  const entry = run.entryPoint?.trim();
  if (!entry) return { problem: `run ${run.name || run.id} recorded no entry point (script)` };
  const local = await findLocalFile(run, entry);
  const runDir = fs.existsSync(run.path) && fs.statSync(run.path).isDirectory() ? run.path : path.dirname(run.path);
  const repo = (local ? await repoRoot(path.dirname(local)) : undefined) ?? (await repoRoot(runDir));
  const result: RunSource = { local, repo };
  if (!run.gitCommit) return { ...result, problem: `run ${run.name || run.id} recorded no git commit` };
  if (!repo) return { ...result, problem: `no git repository found for ${entry}` };
  if (!(await hasCommit(repo, run.gitCommit))) return { ...result, problem: `commit ${run.gitCommit.slice(0, 12)} is not in ${repo}` };
  result.commit = run.gitCommit;
  if (local && !path.relative(repo, local).startsWith('..')) {
    result.relPath = toPosix(path.relative(repo, local));
  } else {
    // The script may be gone (or renamed) locally: look for it in the commit's own tree.
    const files = await filesAtCommit(repo, run.gitCommit);
    const match = bestLocalFile(entry, run.path, files.map((f) => path.join(repo, f)));
    if (match) result.relPath = toPosix(path.relative(repo, match));
    else result.problem = `${entry} is not in commit ${run.gitCommit.slice(0, 12)}`;
  }
  return result;
}
