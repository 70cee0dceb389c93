// "Add Results Table…": pick a CSV/JSON/JSONL file with one row per run, confirm which columns are the
// id, name, params and metrics (Runlens guesses), and remember the mapping in `runlens.tables`.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { previewTable, type TableMapping } from '../../core/sources/table/reader';

interface TableSettingEntry {
  file: string;
  mapping?: Partial<TableMapping>;
}

async function pickColumn(title: string, header: string[], guessed: string | undefined): Promise<string | undefined | null> {
  const none = { label: '(none)', column: undefined as string | undefined };
  const items = [...header.map((h) => ({ label: h, column: h as string | undefined, description: h === guessed ? 'guessed' : undefined })), none];
  const qp = await vscode.window.showQuickPick(items, { title, placeHolder: guessed ? `guessed: ${guessed}` : 'no guess', ignoreFocusOut: true });
  if (!qp) return null; // cancelled
  return qp.column;
}

export async function addResultsTable(fileArg?: vscode.Uri): Promise<boolean> {
  const uri =
    fileArg ??
    (
      await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { 'Result tables': ['csv', 'json', 'jsonl'] },
        title: 'Add a results table (one row per run) to Runlens',
      })
    )?.[0];
  if (!uri) return false;
  const preview = await previewTable(uri.fsPath);
  if (typeof preview === 'string') {
    void vscode.window.showErrorMessage(`Runlens: cannot read ${path.basename(uri.fsPath)}: ${preview}`);
    return false;
  }
  const { header, guessed } = preview;
  const idColumn = await pickColumn('Which column identifies a run? (1/3)', header, guessed.idColumn);
  if (idColumn === null) return false;
  const nameColumn = await pickColumn('Which column names a run? (2/3)', header, guessed.nameColumn);
  if (nameColumn === null) return false;
  const taken = new Set([idColumn, nameColumn, guessed.experimentColumn, guessed.statusColumn, guessed.startTimeColumn, guessed.endTimeColumn].filter(Boolean) as string[]);
  const candidates = header.filter((h) => !taken.has(h));
  const metricPicks = await vscode.window.showQuickPick(
    candidates.map((h) => ({ label: h, picked: guessed.metricColumns.includes(h) })),
    { title: 'Which columns are metrics (results)? The other columns become params. (3/3)', canPickMany: true, ignoreFocusOut: true },
  );
  if (!metricPicks) return false;
  const metricColumns = metricPicks.map((p) => p.label);
  const mapping: Partial<TableMapping> = {
    ...guessed,
    idColumn,
    nameColumn,
    metricColumns,
    paramColumns: candidates.filter((h) => !metricColumns.includes(h) && !guessed.ignored.includes(h) && !(guessed.tagColumns ?? []).includes(h)),
  };
  const cfg = vscode.workspace.getConfiguration('runlens');
  const existing = (cfg.get<unknown[]>('tables') ?? []).filter(
    (e) => !((typeof e === 'string' ? e : (e as TableSettingEntry)?.file) === uri.fsPath),
  );
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await cfg.update('tables', [...existing, { file: uri.fsPath, mapping } satisfies TableSettingEntry], target);
  return true;
}
