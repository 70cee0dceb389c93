// Watches the files that make up experiment logs and asks for a re-index of what changed,
// after a 200 ms quiet period so a training loop's bursts of writes cost one pass.
import * as vscode from 'vscode';

const LOG_FILES =
  '**/{meta.yaml,*.db,mlruns.db,trainer_state.json,metrics.csv,hparams.yaml,*.ckpt,events.out.tfevents.*,*.wandb,wandb-summary.json,config.yaml,run_metadata.sqlite,CURRENT,MANIFEST-*,*.log,*.sst,*.csv,*.jsonl}';
const METRIC_FILES = '**/metrics/**';

export function watchLogs(onChange: (paths: string[]) => void, debounceMs = 200): vscode.Disposable {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const push = (uri: vscode.Uri) => {
    if (/[\\/](node_modules|\.git)[\\/]/.test(uri.fsPath)) return;
    pending.add(uri.fsPath);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...pending];
      pending.clear();
      onChange(paths);
    }, debounceMs);
  };
  const watchers = [LOG_FILES, METRIC_FILES].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  const subs = watchers.flatMap((w) => [w.onDidCreate(push), w.onDidChange(push), w.onDidDelete(push)]);
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    for (const s of subs) s.dispose();
    for (const w of watchers) w.dispose();
  });
}
