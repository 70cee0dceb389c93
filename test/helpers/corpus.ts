// The real-world corpus lives outside the repo (../shared); tests that use it skip when it is absent.
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

export function sharedDir(): string | undefined {
  const dir = process.env.RUNLENS_SHARED ?? path.resolve(repoRoot, '..', 'shared');
  return fs.existsSync(dir) ? dir : undefined;
}

export function corpusDir(): string | undefined {
  const s = sharedDir();
  const dir = s && path.join(s, 'corpus');
  return dir && fs.existsSync(dir) ? dir : undefined;
}

export function corpusFolder(name: string): string | undefined {
  const c = corpusDir();
  const dir = c && path.join(c, name);
  return dir && fs.existsSync(dir) ? dir : undefined;
}

export function notebooksDir(): string | undefined {
  const s = sharedDir();
  const dir = s && path.join(s, 'notebooks');
  return dir && fs.existsSync(dir) ? dir : undefined;
}

export { repoRoot };
