// Commands of the Runs view's own arrangement: tick/untick all runs under a node, the run filter,
// group by a param, sort. Each works from a menu (gets the node), from a test (gets the value) or
// from the palette (asks).
import * as vscode from 'vscode';
import { parseQuery } from '../../core/query';
import { parseSortColumn, sortColumnSuggestions } from '../../core/runs/column-sort';
import { metricNames, paramNames, type RunSort } from '../../core/runs/run-order';
import type { RunsTreeProvider } from './runs-tree';
import type { RunsNode, TreeNode } from './tree-nodes';

const isRunsNode = (arg: unknown): arg is RunsNode =>
  typeof arg === 'object' && arg !== null && ['source', 'experiment', 'runGroup'].includes((arg as TreeNode).kind);

const FILTER_HELP = 'e.g. lr=3e-5 status=finished, name~xlmr, metrics.val_loss<0.5, (seed=1 or seed=2) — the Curves query language';

export function registerRunsViewCommands(tree: RunsTreeProvider): vscode.Disposable[] {
  return [
    // From a node's inline action: every run under it that the filter shows. From the palette: every shown run.
    vscode.commands.registerCommand('runlens.tickAll', (arg?: unknown) => {
      tree.setCheckedMany(tree.runsUnder(isRunsNode(arg) ? arg : undefined).map((r) => r.key), true);
    }),
    vscode.commands.registerCommand('runlens.untickAll', (arg?: unknown) => {
      if (isRunsNode(arg)) tree.setCheckedMany(arg.runs.map((r) => r.key), false);
      else tree.clearTicks();
    }),
    vscode.commands.registerCommand('runlens.filterRuns', async (arg?: unknown) => {
      const query =
        typeof arg === 'string'
          ? arg
          : await vscode.window.showInputBox({
              title: 'Runlens: Filter Runs',
              prompt: FILTER_HELP,
              value: tree.viewState().filter,
              placeHolder: 'status=finished lr<1e-4',
              validateInput: (v) => {
                const parsed = parseQuery(v);
                return parsed.ok ? undefined : parsed.error.message;
              },
            });
      if (query === undefined) return false;
      const res = tree.setFilter(query);
      if (!res.ok) void vscode.window.showErrorMessage(`Runlens: the run filter does not parse: ${res.message}`);
      return res.ok;
    }),
    vscode.commands.registerCommand('runlens.clearFilter', () => tree.setFilter('')),
    vscode.commands.registerCommand('runlens.groupRunsBy', async (arg?: unknown) => {
      let param: string | undefined;
      if (typeof arg === 'string') param = arg;
      else {
        const none = { label: '$(close) No grouping', param: '' };
        const picks = paramNames(tree.runsUnder()).map((p) => ({ label: p.name, description: `${p.values} values · ${p.runs} runs`, param: p.name }));
        const pick = await vscode.window.showQuickPick([none, ...picks], { title: 'Runlens: Group Runs By Param', matchOnDescription: true });
        if (!pick) return;
        param = pick.param;
      }
      tree.setGroupBy(param);
    }),
    vscode.commands.registerCommand('runlens.sortRuns', async (arg?: unknown) => {
      const sort = isSort(arg) ? arg : await pickSort(tree);
      if (sort) tree.setSort(sort);
    }),
  ];
}

function isSort(v: unknown): v is RunSort {
  const by = (v as { by?: unknown } | null)?.by;
  return (
    by === 'name' ||
    by === 'start' ||
    (by === 'metric' && typeof (v as { metric?: unknown }).metric === 'string') ||
    (by === 'column' && typeof (v as { column?: unknown }).column === 'string')
  );
}

async function pickSort(tree: RunsTreeProvider): Promise<RunSort | undefined> {
  const picks: Array<vscode.QuickPickItem & { sort?: RunSort; column?: true }> = [
    { label: 'Name', description: 'natural order: version_2 before version_10', sort: { by: 'name' } },
    { label: 'Start time', description: 'newest first', sort: { by: 'start' } },
    { label: 'Metric…', description: 'a summary value or the last value of a metric' },
    { label: 'Metric column summary…', description: 'f1_en:best, f1[lang=de]:max, eval_loss:min… best first', column: true },
  ];
  const pick = await vscode.window.showQuickPick(picks, { title: 'Runlens: Sort Runs By' });
  if (!pick) return undefined;
  if (pick.column) return pickColumnSort(tree);
  if (pick.sort) return pick.sort;
  const metric = await vscode.window.showQuickPick(
    metricNames(tree.runsUnder()).map((m) => ({ label: m.name, description: `${m.runs} runs` })),
    { title: 'Runlens: Sort Runs By Metric' },
  );
  if (!metric) return undefined;
  const dir = await vscode.window.showQuickPick(
    [
      { label: 'Highest first', direction: 'desc' as const },
      { label: 'Lowest first', direction: 'asc' as const },
    ],
    { title: `Runlens: Sort Runs By ${metric.label}` },
  );
  return dir ? { by: 'metric', metric: metric.label, direction: dir.direction } : undefined;
}

/** A metric column summary (`f1_en:best`), picked from the runs' series or typed; best first (the goal's direction). */
async function pickColumnSort(tree: RunsTreeProvider): Promise<RunSort | undefined> {
  const suggestions = sortColumnSuggestions(tree.runsUnder());
  const typed = { label: 'Type a column…', description: 'key[context]:last|first|min|max|best' };
  const pick = await vscode.window.showQuickPick([...suggestions.map((c) => ({ label: c.id, description: `${c.runs} runs` })), typed], {
    title: 'Runlens: Sort Runs By Metric Column',
    matchOnDescription: true,
  });
  if (!pick) return undefined;
  let column = pick.label;
  if (pick === typed) {
    const text = await vscode.window.showInputBox({
      title: 'Runlens: Sort Runs By Metric Column',
      prompt: 'A metric column as in the Runs table: f1_en:best, f1[lang=de]:max, eval_loss:min',
      value: suggestions[0]?.id,
      validateInput: (v) => {
        const parsed = parseSortColumn(v);
        return parsed.ok ? undefined : parsed.message;
      },
    });
    if (!text) return undefined;
    column = text.trim();
  }
  return { by: 'column', column };
}
