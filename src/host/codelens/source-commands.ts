// "Open Source at Run's Commit" and "Diff Code Between Runs": from a run in the tree (or a run key, or a
// pick), show its script as it was at the recorded commit, or the git diff between two runs' commits.
import * as vscode from 'vscode';
import type { IndexedRun } from '../../core/index/types';
import type { IndexService } from '../indexing/index-service';
import { changedFiles } from './git';
import { gitUri } from './git-content';
import { locateRunSource } from './run-source';
import { runLabel, runPickItems } from './run-picks';

export interface SourceCommandDeps {
  index: IndexService;
  /** Runs ticked in the Runs view; "Diff" uses them when exactly two are ticked. */
  selectedRunKeys?: () => string[];
}

/** Run keys from whatever VS Code passed: a key, a tree node, a node plus the multi-selection, an array. */
export function runKeysFromArgs(args: unknown[]): string[] {
  const keys: string[] = [];
  const add = (a: unknown) => {
    if (typeof a === 'string') keys.push(a);
    else if (Array.isArray(a)) a.forEach(add);
    else if (a && typeof a === 'object' && (a as { kind?: unknown }).kind === 'run') keys.push((a as { run: IndexedRun }).run.key);
  };
  args.forEach(add);
  return [...new Set(keys)];
}

const label = runLabel;

/**
 * Asks for runs. `preselected` (the run a context menu was opened on) comes first and ticked, so a diff from
 * one run's menu needs one more tick, not a search for the run the user already pointed at.
 */
export async function pickRuns(runs: readonly IndexedRun[], title: string, count: 1 | 2, preselected: readonly string[] = []): Promise<IndexedRun[]> {
  const items = runPickItems(runs, preselected);
  if (count === 1) {
    const pick = await vscode.window.showQuickPick(items, { title, matchOnDescription: true });
    return pick ? [pick.run] : [];
  }
  const picks = await vscode.window.showQuickPick(items, { title, canPickMany: true, matchOnDescription: true });
  if (picks && picks.length !== 2) void vscode.window.showWarningMessage('Runlens: pick exactly two runs to diff.');
  return picks?.length === 2 ? picks.map((p) => p.run) : [];
}

/** Runs that recorded their script; the others have no code to show. */
function runsWithScript(deps: SourceCommandDeps): IndexedRun[] {
  const runs = deps.index.runs().filter((r) => r.entryPoint);
  if (!runs.length) void vscode.window.showInformationMessage('Runlens: no indexed run recorded an entry point (script).');
  return runs;
}

/**
 * The two runs a diff command is about: two from its arguments (a multi-selection), else exactly two ticked
 * in the Runs view, else a pick — with the one run it was invoked on preselected. Oldest first.
 */
export async function twoRuns(deps: SourceCommandDeps, args: unknown[], title: (one?: IndexedRun) => string, candidates: () => IndexedRun[]): Promise<IndexedRun[]> {
  const given = runKeysFromArgs(args);
  let keys = given;
  if (keys.length !== 2) {
    // The ticked pair, unless the command was invoked on a run that is not one of them.
    const ticked = deps.selectedRunKeys?.() ?? [];
    keys = ticked.length === 2 && (given.length === 0 || (given.length === 1 && ticked.includes(given[0]))) ? ticked : [];
  }
  let runs: IndexedRun[];
  if (keys.length === 2) runs = deps.index.runsByKey(keys);
  else {
    const list = candidates();
    if (!list.length) return [];
    const [one] = given.length === 1 ? deps.index.runsByKey(given) : [];
    runs = await pickRuns(list, title(one), 2, one ? [one.key] : []);
  }
  if (runs.length !== 2) return [];
  // Oldest run on the left, as in a history view.
  return [...runs].sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0));
}

export async function openSourceAtCommit(deps: SourceCommandDeps, args: unknown[]): Promise<void> {
  const keys = runKeysFromArgs(args);
  const [run] = keys.length ? deps.index.runsByKey(keys.slice(0, 1)) : await pickRuns(runsWithScript(deps), "Open the source of run…", 1);
  if (!run) return;
  const src = await locateRunSource(run);
  if (src.commit && src.repo && src.relPath) {
    const uri = gitUri({ repo: src.repo, commit: src.commit, path: src.relPath });
    await vscode.window.showTextDocument(uri, { preview: true });
    vscode.window.setStatusBarMessage(`Runlens: ${src.relPath} at ${src.commit.slice(0, 12)} (run ${label(run)})`, 5000);
    return;
  }
  if (src.local) {
    await vscode.window.showTextDocument(vscode.Uri.file(src.local), { preview: true });
    void vscode.window.showWarningMessage(`Runlens: showing the current file: ${src.problem ?? 'no commit recorded'}.`);
    return;
  }
  void vscode.window.showWarningMessage(`Runlens: cannot open the source: ${src.problem ?? 'entry point not found'}.`);
}

export async function diffRuns(deps: SourceCommandDeps, args: unknown[]): Promise<void> {
  const runs = await twoRuns(deps, args, (one) => (one ? `Diff the code of ${label(one)} with… (tick one more run)` : 'Diff the code of two runs…'), () => runsWithScript(deps));
  if (runs.length !== 2) return;
  const [left, right] = await Promise.all(runs.map((r) => locateRunSource(r)));
  for (const [i, src] of [left, right].entries()) {
    if (!src.commit || !src.repo || !src.relPath) {
      void vscode.window.showWarningMessage(`Runlens: cannot diff: ${src.problem ?? `no commit for run ${label(runs[i])}`}.`);
      return;
    }
  }
  const repo = left.repo!;
  if (right.repo !== repo) {
    void vscode.window.showWarningMessage('Runlens: the two runs come from different git repositories.');
    return;
  }
  const changed = left.commit === right.commit ? [] : await changedFiles(repo, left.commit!, right.commit!);
  let file = right.relPath!;
  if (!changed.includes(left.relPath!) && !changed.includes(file)) {
    if (!changed.length) {
      void vscode.window.showInformationMessage(`Runlens: runs ${label(runs[0])} and ${label(runs[1])} have the same code (${left.commit!.slice(0, 12)}${left.commit === right.commit ? '' : ' ≡ ' + right.commit!.slice(0, 12)}).`);
      return;
    }
    // The script itself did not change: let the user pick among the files that did.
    const pick = await vscode.window.showQuickPick(changed, { title: `${file} is unchanged; files that differ between the two commits` });
    if (!pick) return;
    file = pick;
  }
  const leftPath = file === right.relPath ? left.relPath! : file;
  const title = `${file.split('/').pop()} (${label(runs[0])} @ ${left.commit!.slice(0, 7)} ↔ ${label(runs[1])} @ ${right.commit!.slice(0, 7)})`;
  await vscode.commands.executeCommand(
    'vscode.diff',
    gitUri({ repo, commit: left.commit!, path: leftPath }),
    gitUri({ repo, commit: right.commit!, path: file }),
    title,
    { preview: true },
  );
}
