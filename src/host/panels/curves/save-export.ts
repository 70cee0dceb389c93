// Saves what the Curves webview exported (PNG as a data URL or bytes, SVG and CSV as text): the
// webview cannot write files, so it sends the content and the host asks where to put it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExportFormat } from '../../../protocol/curves';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  png: { 'PNG image': ['png'] },
  svg: { 'SVG image': ['svg'] },
  csv: { 'CSV table': ['csv'] },
};

/** A file name from a chart title: no path separators or characters Windows refuses. */
export function exportFileName(name: string, format: ExportFormat): string {
  const base = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/\s+/g, ' ').trim().slice(0, 120) || 'curves';
  return `${base}.${format}`;
}

export function exportBytes(data: Uint8Array | string): Uint8Array {
  if (typeof data !== 'string') return data;
  const m = /^data:[^;,]+;base64,/.exec(data);
  return m ? Buffer.from(data.slice(m[0].length), 'base64') : Buffer.from(data, 'utf8');
}

/** Asks for a target and writes the file; resolves to its path, or undefined when cancelled. */
export async function saveExport(format: ExportFormat, name: string, data: Uint8Array | string): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const file = exportFileName(name, format);
  const uri = await vscode.window.showSaveDialog({
    title: `Runlens: save ${format.toUpperCase()}`,
    filters: FILTERS[format],
    defaultUri: folder ? vscode.Uri.joinPath(folder, file) : vscode.Uri.file(path.join(process.cwd(), file)),
  });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, exportBytes(data));
  return uri.fsPath;
}
