// Live runs on tracking servers: every runlens.mlflowServerPollSeconds (30 s), servers with RUNNING runs are
// listed again; only runs whose latest metrics moved are re-read (their fingerprints changed).
import type * as vscode from 'vscode';
import type { IndexService } from '../indexing/index-service';
import type { MlflowServerSources } from './server-sources';

export function pollLiveServerRuns(index: IndexService, sources: MlflowServerSources): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  const schedule = () => {
    const seconds = sources.pollSeconds();
    timer = seconds > 0 ? setTimeout(tick, seconds * 1000) : setTimeout(schedule, 60_000);
  };
  const tick = () => {
    const live = index.runs().some((r) => r.format === 'mlflow-server' && r.status === 'running');
    if (!live || busy) return schedule();
    busy = true;
    void index.pollServers().finally(() => {
      busy = false;
      schedule();
    });
  };
  schedule();
  return { dispose: () => clearTimeout(timer) };
}
