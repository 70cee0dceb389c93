// Shared helpers of the extension-host tests: the extension's API, polling, tree walking, tabs.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunlensApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/host/tree/tree-nodes';
import { suiteConfig } from './config';

export const EXTENSION_ID = 'runlens.runlens';

export async function runlensApi(): Promise<RunlensApi> {
  const ext = vscode.extensions.getExtension<RunlensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  await api.ready;
  return api;
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 20_000, everyMs = 100): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Every run node of the Runs tree, found by walking it from the root the way the view does. */
export function treeRuns(api: RunlensApi): Array<Extract<TreeNode, { kind: 'run' }>> {
  const out: Array<Extract<TreeNode, { kind: 'run' }>> = [];
  const walk = (node?: TreeNode) => {
    for (const child of api.tree.getChildren(node) as TreeNode[]) {
      if (child.kind === 'run') out.push(child);
      else if (child.kind === 'source' || child.kind === 'experiment' || child.kind === 'runGroup') walk(child);
    }
  };
  walk();
  return out;
}

/** What the command-line indexer (same core, separate process) finds in the workspace: keys of its runs. */
export function cliRunKeys(folder: string): string[] {
  const { repo } = suiteConfig();
  const out = execFileSync(process.execPath, [path.join(repo, 'dist', 'cli.js'), 'index', folder, '--json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const json = JSON.parse(out) as { runs: Array<{ format: string; root: string; id: string }> };
  return json.runs.map((r) => `${r.format}|${r.root}|${r.id}`);
}

export function fixtureRunKey(api: RunlensApi, runId: string): string {
  const run = api.index.runs().find((r) => r.id === runId && r.root.startsWith(suiteConfig().manifest.project));
  if (!run) throw new Error(`fixture run ${runId} is not indexed`);
  return run.key;
}

export function webviewTabs(viewTypeSuffix: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewTypeSuffix));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Resolves on the next change of the index (the tree refreshes from the same event). */
export function nextIndexChange(api: RunlensApi, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no index change within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = api.index.onDidChange(() => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}
