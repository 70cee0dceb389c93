// Everything the Runs Table adds to VS Code, registered from one call in extension.ts: the panel host and its
// serializer, "Open Runs Table" (palette, Runs view title), "Open in Runs Table" on the Runs view's selection
// (the table filters to it through the shared run selection), and "Reveal in Runs View" for the table's rows.
import * as vscode from 'vscode';
import { DEFAULT_TABLE_STATE, TABLE_PROTOCOL, tableViewState, type TableViewState } from '../../../protocol/table';
import type { RunsTreeProvider } from '../../tree/runs-tree';
import type { TreeNode } from '../../tree/tree-nodes';
import { PanelHost } from '../panel-host';
import { TablePanel, type TablePanelDeps } from './table-panel';

export const TABLE_VIEW_TYPE = 'runlens.runsTable';

export interface TableDeps extends TablePanelDeps {
  tree: RunsTreeProvider;
}

/** Run keys from a command argument: a key list (panels, tests), tree nodes (context menu), else the ticks. */
function keysFrom(arg: unknown, nodes: unknown, tree: RunsTreeProvider): string[] {
  if (Array.isArray(arg) && arg.every((k) => typeof k === 'string')) return arg as string[];
  const picked = (Array.isArray(nodes) ? nodes : [arg]) as Array<TreeNode | undefined>;
  const fromNodes = picked.flatMap((n) => (n && n.kind === 'run' ? [n.run.key] : []));
  return fromNodes.length ? fromNodes : tree.selectedRunKeys();
}

export function registerTable(context: vscode.ExtensionContext, deps: TableDeps): PanelHost<typeof TABLE_PROTOCOL, TableViewState, TablePanel> {
  const host = new PanelHost<typeof TABLE_PROTOCOL, TableViewState, TablePanel>(
    {
      viewType: TABLE_VIEW_TYPE,
      title: 'Runlens: Runs Table',
      entry: 'table',
      styles: ['table.css'],
      column: vscode.ViewColumn.Active,
      protocol: TABLE_PROTOCOL,
      create: (view, state) => new TablePanel(view, deps, state),
      update: (panel, state) => {
        if (state !== panel.viewState) panel.adopt(state);
      },
      restore: (saved) => tableViewState(saved) ?? DEFAULT_TABLE_STATE,
    },
    deps,
  );
  const open = (state?: TableViewState) => host.show(state ?? host.get()?.viewState ?? DEFAULT_TABLE_STATE);
  context.subscriptions.push(
    host.registerSerializer(),
    host,
    vscode.commands.registerCommand('runlens.openTable', () => open()),
    vscode.commands.registerCommand('runlens.openTableFromSelection', (arg?: unknown, nodes?: unknown) => {
      const keys = keysFrom(arg, nodes, deps.tree);
      // The table filters to the shared selection (its "filtered to selection" chip clears it).
      if (keys.length) deps.selection.set(keys, 'runsView');
      const current = host.get()?.viewState ?? DEFAULT_TABLE_STATE;
      open(current.followSelection ? current : { ...current, followSelection: true });
    }),
    vscode.commands.registerCommand('runlens.revealRunsInView', async (arg?: unknown) => {
      const keys = Array.isArray(arg) ? arg.filter((k): k is string => typeof k === 'string') : [];
      // The Runs view's selection is its ticks: tick the rows' runs and bring the view forward.
      if (keys.length) deps.tree.setCheckedMany(keys, true);
      await vscode.commands.executeCommand('runlens.runs.focus');
    }),
  );
  return host;
}
