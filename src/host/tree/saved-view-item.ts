// Tree items of the "Saved Views" node: named Curves views that reopen the panel with their state.
import * as vscode from 'vscode';
import type { TreeNode } from './tree-nodes';

/** Where the tree gets the saved views from (the Curves explorer's store). */
export interface SavedViewsSource {
  list(): Array<{ name: string; description: string }>;
  onDidChange: vscode.Event<void>;
}

export function savedViewTreeItem(node: Extract<TreeNode, { kind: 'savedViews' | 'savedView' }>): vscode.TreeItem {
  if (node.kind === 'savedViews') {
    const item = new vscode.TreeItem('Saved Views', vscode.TreeItemCollapsibleState.Expanded);
    item.id = 'savedViews';
    item.iconPath = new vscode.ThemeIcon('bookmark');
    item.contextValue = 'savedViews';
    return item;
  }
  const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
  item.id = `savedView:${node.name}`;
  item.description = node.description;
  item.tooltip = `${node.name}\n${node.description}\nClick to open in the Curves panel.`;
  item.iconPath = new vscode.ThemeIcon('graph-line');
  item.contextValue = 'savedView';
  item.command = { command: 'runlens.openSavedView', title: 'Open Saved View', arguments: [node.name] };
  return item;
}
