// Read-only random access to one file. Opened with flag 'r' only: no lock, no create, no write.
// A small read-ahead window makes a sequential scan cost one read per megabyte while a seek
// through a large SST still reads only the blocks it needs.
import * as fs from 'node:fs';
import { RocksFormatError } from './bytes';
import { openRegularFileSync } from '../../../util/fs';

export interface RandomAccess {
  readonly size: number;
  /** Exactly `length` bytes at `offset`, or throws RocksFormatError when the file is shorter. */
  read(offset: number, length: number): Uint8Array;
  close(): void;
}

/** Whole file already in memory (tests, fuzzing, small files). */
export class MemoryFile implements RandomAccess {
  constructor(readonly bytes: Uint8Array) {}
  get size(): number {
    return this.bytes.length;
  }
  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || length < 0 || offset + length > this.bytes.length) {
      throw new RocksFormatError(`read of ${length} bytes at ${offset} is outside the file (${this.bytes.length} bytes)`);
    }
    return this.bytes.subarray(offset, offset + length);
  }
  close(): void {}
}

const WINDOW = 1 << 20;

export class DiskFile implements RandomAccess {
  private fd: number | undefined;
  readonly size: number;
  private window: Uint8Array = new Uint8Array(0);
  private windowStart = 0;

  /** Throws the fs error (ENOENT…) when the file cannot be opened. */
  constructor(readonly path: string) {
    this.fd = openRegularFileSync(path);
    try {
      this.size = fs.fstatSync(this.fd).size;
    } catch (err) {
      this.close();
      throw err;
    }
  }

  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || length < 0 || offset + length > this.size) {
      throw new RocksFormatError(`read of ${length} bytes at ${offset} is outside the file (${this.size} bytes)`);
    }
    const ws = this.windowStart;
    if (offset >= ws && offset + length <= ws + this.window.length) {
      return this.window.subarray(offset - ws, offset - ws + length);
    }
    if (this.fd === undefined) throw new RocksFormatError('file already closed');
    const want = Math.min(Math.max(length, WINDOW), this.size - offset);
    // not zeroed: only the `got` bytes read into it are ever handed out; a plain Uint8Array over it, since
    // Buffer's subarray (a block read per call) is slower and Buffer's slice() would be a view, not a copy
    const buf = new Uint8Array(Buffer.allocUnsafeSlow(want).buffer, 0, want);
    let got = 0;
    while (got < want) {
      const n = fs.readSync(this.fd, buf, got, want - got, offset + got);
      if (n === 0) break; // file shrank under us
      got += n;
    }
    if (got < length) throw new RocksFormatError(`file ended early: wanted ${length} bytes at ${offset}, got ${got}`);
    this.window = buf.subarray(0, got);
    this.windowStart = offset;
    return this.window.subarray(0, length);
  }

  close(): void {
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        /* already gone */
      }
      this.fd = undefined;
    }
    this.window = new Uint8Array(0);
  }
}
