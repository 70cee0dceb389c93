// Small read-only file-system helpers shared by readers. Nothing here ever writes.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { DirListing } from '../model';

/** Lists one directory; symlinks to folders count as folders, broken entries are ignored. */
export async function listDir(dir: string): Promise<DirListing> {
  const dirs: string[] = [];
  const files: string[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return { path: dir, dirs, files };
  }
  for (const e of entries) {
    if (e.isDirectory()) dirs.push(e.name);
    else if (e.isFile()) files.push(e.name);
    else if (e.isSymbolicLink()) {
      try {
        const st = await fsp.stat(path.join(dir, e.name));
        (st.isDirectory() ? dirs : files).push(e.name);
      } catch {
        /* dangling link: not ours to report */
      }
    }
  }
  dirs.sort();
  files.sort();
  return { path: dir, dirs, files };
}

/** Total bytes of a file, or of every file below a folder. Missing paths count 0. */
export async function pathBytes(p: string): Promise<number> {
  let st: import('node:fs').Stats;
  try {
    st = await fsp.stat(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.size;
  let total = 0;
  let entries: string[];
  try {
    entries = await fsp.readdir(p);
  } catch {
    return 0;
  }
  for (const name of entries) total += await pathBytes(path.join(p, name));
  return total;
}

export async function exists(p: string): Promise<boolean> {
  try {
    await fsp.access(p);
    return true;
  } catch {
    return false;
  }
}

/** Reads a whole text file; returns undefined when it does not exist or cannot be read. */
export async function readTextIfExists(p: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(p, 'utf8');
  } catch {
    return undefined;
  }
}

/** First bytes of a file (for magic numbers), or an empty buffer. */
export async function readHead(p: string, length: number): Promise<Uint8Array> {
  let handle: import('node:fs/promises').FileHandle | undefined;
  try {
    handle = await fsp.open(p, 'r');
    const buf = new Uint8Array(length);
    const { bytesRead } = await handle.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } catch {
    return new Uint8Array(0);
  } finally {
    await handle?.close();
  }
}

const LFS_MAGIC = 'version https://git-lfs.github.com/spec/v1';

/** Git LFS pointer files stand in for binaries in many repositories. */
export function isLfsPointer(head: Uint8Array): boolean {
  if (head.length < LFS_MAGIC.length) return false;
  return new TextDecoder().decode(head.subarray(0, LFS_MAGIC.length)) === LFS_MAGIC;
}

/**
 * What to say about a Git LFS pointer found where data should be: what it stands in for and how to fetch the
 * real file (`git lfs pull` in the repository; GitHub's "Download ZIP" and clones without git-lfs leave pointers).
 * One wording for every reader.
 */
export function lfsPointerMessage(what = 'the file'): string {
  return `Git LFS pointer, not ${what}: fetch it with \`git lfs pull\` in its repository (or \`git lfs pull --include=<path>\` for this file alone)`;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
