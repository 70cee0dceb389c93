// Read-only git queries for code navigation: `git show`, `git diff --name-only`, `git ls-tree`. Never
// writes to the repository (GIT_OPTIONAL_LOCKS=0 keeps git from refreshing the index on the side).
import { execFile } from 'node:child_process';

const TIMEOUT_MS = 15_000;
const MAX_OUTPUT = 64 * 1024 * 1024;

export function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-C', cwd, ...args],
      { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' } },
      (err, stdout, stderr) => {
        if (err) reject(new Error((stderr || err.message).trim().split('\n')[0]));
        else resolve(stdout);
      },
    );
  });
}

/** The top folder of the repository holding `dir`, or undefined when it is not in one (or git is missing). */
export async function repoRoot(dir: string): Promise<string | undefined> {
  try {
    return (await git(dir, ['rev-parse', '--show-toplevel'])).trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function hasCommit(repo: string, commit: string): Promise<boolean> {
  try {
    await git(repo, ['cat-file', '-e', `${commit}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** A file's text at a commit (`path` relative to the repository, forward slashes). */
export function showFile(repo: string, commit: string, path: string): Promise<string> {
  return git(repo, ['show', `${commit}:${path}`]);
}

export async function changedFiles(repo: string, from: string, to: string): Promise<string[]> {
  return (await git(repo, ['diff', '--name-only', from, to])).split('\n').filter(Boolean);
}

export async function filesAtCommit(repo: string, commit: string): Promise<string[]> {
  return (await git(repo, ['ls-tree', '-r', '--name-only', commit])).split('\n').filter(Boolean);
}
