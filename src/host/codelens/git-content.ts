// Serves `runlens-git:` documents: a file as it was at a run's recorded commit, read with `git show`.
// Used by "Open Source at Run's Commit" and as both sides of "Diff Code Between Runs".
import * as vscode from 'vscode';
import { showFile } from './git';

export const GIT_SCHEME = 'runlens-git';

interface GitRef {
  repo: string;
  commit: string;
  path: string;
}

/** `runlens-git:/<repo-relative path>?<json>`: the path keeps the file name (and language) in the tab. */
export function gitUri(ref: GitRef): vscode.Uri {
  return vscode.Uri.from({ scheme: GIT_SCHEME, path: '/' + ref.path, query: JSON.stringify({ repo: ref.repo, commit: ref.commit }) });
}

export function parseGitUri(uri: vscode.Uri): GitRef | undefined {
  try {
    const q = JSON.parse(uri.query) as { repo?: unknown; commit?: unknown };
    if (typeof q.repo !== 'string' || typeof q.commit !== 'string' || !/^[0-9a-f]{4,64}$/i.test(q.commit)) return undefined;
    return { repo: q.repo, commit: q.commit, path: uri.path.replace(/^\//, '') };
  } catch {
    return undefined;
  }
}

export class GitContentProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseGitUri(uri);
    if (!ref) throw new Error(`not a Runlens git URI: ${uri.toString()}`);
    return showFile(ref.repo, ref.commit, ref.path);
  }
}
