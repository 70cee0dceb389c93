// Small read-only file-system helpers shared by readers. Nothing here ever writes.
// Every reader opens files through openRegularFile / readRegularFile (or their Sync forms):
// a FIFO, socket or device under a name a reader expects (meta.yaml, *.ipynb…) would block
// open() or read() forever, so only regular files are ever opened.
import * as fs from 'node:fs';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { DirListing } from '../model';

/**
 * Non-blocking open: a FIFO swapped in between the stat and the open (or one that stat missed)
 * opens at once instead of waiting for a writer, and the fstat after it refuses it.
 * O_NONBLOCK does not change reads of regular files; Windows has no FIFOs (and no constant).
 */
const READ_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** What a non-regular entry is, for messages; Stats and Dirent both answer these. */
type EntryType = Pick<fs.Stats, 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;

function kindOf(st: EntryType): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Thrown for paths that are not regular files; `code` lets callers tell it from fs errors. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREG';
  constructor(p: string, st: fs.Stats) {
    super(`${path.basename(p)} is ${kindOf(st)}, not a regular file; not read`);
  }
}

/**
 * Opens `p` for reading when it is a regular file (after symlinks); throws otherwise.
 * `listedAsFile`: a directory listing already typed it as a regular file, so the stat before the
 * open is skipped (hot paths reading thousands of small files); the fstat after it still checks.
 */
export async function openRegularFile(p: string, opts: { listedAsFile?: boolean } = {}): Promise<import('node:fs/promises').FileHandle> {
  if (!opts.listedAsFile) {
    const st = await fsp.stat(p);
    if (!st.isFile()) throw new NotRegularFileError(p, st);
  }
  const handle = await fsp.open(p, READ_FLAGS);
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw new NotRegularFileError(p, opened);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
}

/** The whole content of a regular file; throws for anything else, or past `maxBytes` when given. */
export async function readRegularFile(p: string, maxBytes = Infinity): Promise<Buffer> {
  const handle = await openRegularFile(p);
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new Error(`${path.basename(p)} is ${size} bytes, over the ${maxBytes} this reader loads`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Synchronous openRegularFile: a file descriptor of a regular file, or a throw. */
export function openRegularFileSync(p: string, opts: { listedAsFile?: boolean } = {}): number {
  if (!opts.listedAsFile) {
    const st = fs.statSync(p);
    if (!st.isFile()) throw new NotRegularFileError(p, st);
  }
  const fd = fs.openSync(p, READ_FLAGS);
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) throw new NotRegularFileError(p, opened);
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
  return fd;
}

/** Synchronous readRegularFile. */
export function readRegularFileSync(p: string, maxBytes = Infinity): Buffer {
  const fd = openRegularFileSync(p);
  try {
    const { size } = fs.fstatSync(fd);
    if (size > maxBytes) throw new Error(`${path.basename(p)} is ${size} bytes, over the ${maxBytes} this reader loads`);
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Lists one directory; symlinks to folders count as folders, broken entries are ignored. */
export async function listDir(dir: string): Promise<DirListing> {
  let entries: import('node:fs').Dirent<Buffer>[];
  try {
    // Buffer names: a decoded string would silently turn a non-UTF-8 byte into U+FFFD.
    entries = await fsp.readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch (err) {
    return unlisted(dir, err);
  }
  const parts = sortEntries(entries);
  for (const name of parts.links) {
    let st: fs.Stats | undefined;
    try {
      st = await fsp.stat(path.join(dir, name));
    } catch {
      /* dangling link: not ours to report */
    }
    addLink(parts, name, st);
  }
  return listingOf(dir, parts);
}

/**
 * listDir with blocking calls, for readers in worker threads (the index and series workers), where one listing
 * costs less than the thread-pool round trip of the promise-based readdir.
 */
export function listDirSync(dir: string): DirListing {
  let entries: import('node:fs').Dirent<Buffer>[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch (err) {
    return unlisted(dir, err);
  }
  const parts = sortEntries(entries);
  for (const name of parts.links) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(path.join(dir, name));
    } catch {
      /* dangling link: not ours to report */
    }
    addLink(parts, name, st);
  }
  return listingOf(dir, parts);
}

interface ListingParts {
  dirs: string[];
  files: string[];
  undecodable: string[];
  special: Array<{ name: string; kind: string }>;
  linkedDirs: string[];
  /** Symbolic links, to be told apart by a stat of their target. */
  links: string[];
}

function unlisted(dir: string, err: unknown): DirListing {
  // gone mid-scan: simply empty; EACCES, EIO…: empty, and the reason kept for the caller to report
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' ? { path: dir, dirs: [], files: [] } : { path: dir, dirs: [], files: [], unreadable: errorMessage(err) };
}

function sortEntries(entries: import('node:fs').Dirent<Buffer>[]): ListingParts {
  const parts: ListingParts = { dirs: [], files: [], undecodable: [], special: [], linkedDirs: [], links: [] };
  for (const e of entries) {
    const name = decodedName(e.name);
    if (name === undefined) {
      if (e.isDirectory() || e.isFile() || e.isSymbolicLink()) parts.undecodable.push(escapedName(e.name));
      continue;
    }
    if (e.isDirectory()) parts.dirs.push(name);
    else if (e.isFile()) parts.files.push(name);
    else if (!e.isSymbolicLink()) parts.special.push({ name, kind: kindOf(e) }); // FIFO, socket, device: never opened
    else parts.links.push(name);
  }
  return parts;
}

function addLink(parts: ListingParts, name: string, st: fs.Stats | undefined): void {
  if (!st) return; // dangling
  if (st.isDirectory()) {
    parts.dirs.push(name);
    parts.linkedDirs.push(name);
  } else if (st.isFile()) parts.files.push(name);
  else parts.special.push({ name, kind: `a link to ${kindOf(st)}` }); // never opened
}

function listingOf(dir: string, { dirs, files, undecodable, linkedDirs, special }: ListingParts): DirListing {
  dirs.sort();
  files.sort();
  const listing: DirListing = { path: dir, dirs, files };
  if (undecodable.length) listing.undecodable = undecodable.sort();
  if (linkedDirs.length) listing.linkedDirs = linkedDirs.sort();
  if (special.length) listing.special = special.sort((a, b) => (a.name < b.name ? -1 : 1));
  return listing;
}

/** The name as a string when it is valid UTF-8 (so the string names the same file), else undefined. */
function decodedName(raw: Buffer): string | undefined {
  const name = raw.toString('utf8');
  // invalid bytes decode to U+FFFD; a name without one round-trips (the common case, no copy)
  if (!name.includes('\uFFFD')) return name;
  return Buffer.from(name, 'utf8').equals(raw) ? name : undefined;
}

/** A non-UTF-8 name for display: valid characters kept, every other byte as \xNN. */
export function escapedName(raw: Buffer): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const b = raw[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    const chunk = len ? raw.subarray(i, i + len) : undefined;
    const text = chunk && chunk.length === len ? chunk.toString('utf8') : undefined;
    if (text !== undefined && !text.includes('\uFFFD') && Buffer.from(text, 'utf8').equals(chunk!)) {
      out += text;
      i += len;
    } else {
      out += `\\x${b.toString(16).padStart(2, '0')}`;
      i++;
    }
  }
  return out;
}

/**
 * Identity of a folder for walks that follow symlinks: two paths to one folder (a link, a loop)
 * give the same key, so a walk that remembers the keys it entered visits each folder once.
 */
export function folderKey(st: fs.Stats): string {
  return `${st.dev}:${st.ino}`;
}

/**
 * Total bytes of a file, or of every regular file below a folder. Missing paths count 0.
 * Symlinked files count their target; symlinked folders below `p` are not entered (a link to
 * /proc or a loop inside a checkpoint is not part of its size), and FIFOs or devices count 0.
 */
export async function pathBytes(p: string): Promise<number> {
  let st: fs.Stats;
  try {
    st = await fsp.stat(p);
  } catch {
    return 0;
  }
  return st.isDirectory() ? folderBytes(p) : st.isFile() ? st.size : 0;
}

async function folderBytes(dir: string): Promise<number> {
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await folderBytes(p);
    else if (e.isFile() || e.isSymbolicLink()) {
      const st = await fsp.stat(p).catch(() => undefined);
      if (st?.isFile()) total += st.size;
    }
  }
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

/** Side files read whole as text (meta.yaml, config.yaml, hparams.yaml) are far smaller than this. */
export const MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Reads a whole text file; returns undefined when it does not exist, cannot be read, is not a
 * regular file or is larger than `maxBytes` (memory stays bounded whatever sits under the name).
 */
export async function readTextIfExists(p: string, maxBytes = MAX_TEXT_FILE_BYTES): Promise<string | undefined> {
  try {
    return (await readRegularFile(p, maxBytes)).toString('utf8');
  } catch {
    return undefined;
  }
}

/** readTextIfExists with blocking calls (readers in worker threads; see listDirSync). */
export function readTextIfExistsSync(p: string, maxBytes = MAX_TEXT_FILE_BYTES): string | undefined {
  try {
    return readRegularFileSync(p, maxBytes).toString('utf8');
  } catch {
    return undefined;
  }
}

/** First bytes of a file (for magic numbers), or an empty buffer. */
export async function readHead(p: string, length: number): Promise<Uint8Array> {
  let handle: import('node:fs/promises').FileHandle | undefined;
  try {
    handle = await openRegularFile(p);
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
