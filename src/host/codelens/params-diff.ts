// "Diff Params Between Runs": VS Code's diff editor over two runs' params, summaries and metric ranges as
// text (runParamsText), served as read-only `runlens-params:` documents looked up in the index by run key.
import * as vscode from 'vscode';
import { runParamsText } from '../../core/runs/params-text';
import type { IndexService } from '../indexing/index-service';
import { runLabel } from './run-picks';
import { twoRuns, type SourceCommandDeps } from './source-commands';

export const PARAMS_SCHEME = 'runlens-params';

/** `runlens-params:/<run name>.ini?<run key>`: the name shows in the tab, `.ini` colours sections and keys. */
export function paramsUri(run: { key: string; name: string; id: string }): vscode.Uri {
  const name = runLabel(run).replace(/[\\/?#%]/g, '_');
  return vscode.Uri.from({ scheme: PARAMS_SCHEME, path: `/${name}.ini`, query: run.key });
}

export class ParamsContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly index: IndexService) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const [run] = this.index.runsByKey([uri.query]);
    if (!run) return `# This run is no longer indexed (${uri.query}).\n`;
    return runParamsText(run);
  }
}

export async function diffParams(deps: SourceCommandDeps, args: unknown[]): Promise<void> {
  const runs = await twoRuns(
    deps,
    args,
    (one) => (one ? `Diff the params of ${runLabel(one)} with… (tick one more run)` : 'Diff the params of two runs…'),
    () => deps.index.runs(),
  );
  if (runs.length !== 2) return;
  const [left, right] = runs;
  await vscode.commands.executeCommand('vscode.diff', paramsUri(left), paramsUri(right), `Params: ${runLabel(left)} ↔ ${runLabel(right)}`, { preview: true });
}
