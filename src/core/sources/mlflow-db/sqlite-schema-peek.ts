// Reads the table names of a SQLite file by walking its sqlite_master b-tree page by page,
// without loading the database. Discovery meets many *.db files (Optuna studies, Aim's
// run_metadata.sqlite, app caches) and must not read hundreds of MB to reject each one.
// File format: https://www.sqlite.org/fileformat2.html (§1.3 header, §1.6 b-tree pages, §2.1 records).
import { concatBytes } from '../../util/bytes';
import { openRegularFile } from '../../util/fs';

const LEAF_TABLE = 0x0d;
const INTERIOR_TABLE = 0x05;
/** sqlite_master of a real MLflow DB spans a handful of pages; this bounds a corrupt walk. */
const MAX_PAGES = 4096;

interface PeekContext {
  handle: import('node:fs/promises').FileHandle;
  pageSize: number;
  usable: number;
  pageCount: number;
  visited: Set<number>;
  names: Set<string>;
}

/** Names of the tables in the schema, or undefined when the file cannot be read this way. */
export async function peekSqliteTables(file: string): Promise<Set<string> | undefined> {
  let handle: import('node:fs/promises').FileHandle | undefined;
  try {
    handle = await openRegularFile(file);
    const header = new Uint8Array(100);
    const { bytesRead } = await handle.read(header, 0, 100, 0);
    if (bytesRead < 100) return undefined;
    const view = new DataView(header.buffer);
    const rawPageSize = view.getUint16(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return undefined;
    const encoding = view.getUint32(56);
    if (encoding !== 0 && encoding !== 1) return undefined; // UTF-16 schemas: let the full reader decide
    const size = (await handle.stat()).size;
    const ctx: PeekContext = {
      handle,
      pageSize,
      usable: pageSize - header[20],
      pageCount: Math.floor(size / pageSize),
      visited: new Set(),
      names: new Set(),
    };
    const ok = await walk(ctx, 1);
    return ok ? ctx.names : undefined;
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function walk(ctx: PeekContext, page: number): Promise<boolean> {
  if (page < 1 || page > ctx.pageCount || ctx.visited.has(page) || ctx.visited.size >= MAX_PAGES) return false;
  ctx.visited.add(page);
  const buf = new Uint8Array(ctx.pageSize);
  const { bytesRead } = await ctx.handle.read(buf, 0, ctx.pageSize, (page - 1) * ctx.pageSize);
  if (bytesRead < ctx.pageSize) return false;
  const view = new DataView(buf.buffer);
  const hdr = page === 1 ? 100 : 0;
  const type = buf[hdr];
  const cells = view.getUint16(hdr + 3);
  if (type === INTERIOR_TABLE) {
    for (let i = 0; i < cells; i++) {
      const ptr = view.getUint16(hdr + 12 + 2 * i);
      if (ptr + 4 > ctx.pageSize) return false;
      if (!(await walk(ctx, view.getUint32(ptr)))) return false;
    }
    return walk(ctx, view.getUint32(hdr + 8));
  }
  if (type !== LEAF_TABLE) return false;
  for (let i = 0; i < cells; i++) {
    const ptr = view.getUint16(hdr + 8 + 2 * i);
    if (ptr >= ctx.pageSize || !(await readSchemaCell(buf, ptr, ctx))) return false;
  }
  return true;
}

/** Enough of a schema row for its type and name; a table name is at most a few hundred bytes. */
const PREFIX_BYTES = 2048;

/** One sqlite_master row: columns (type, name, tbl_name, rootpage, sql); we need type and name. */
async function readSchemaCell(buf: Uint8Array, ptr: number, ctx: PeekContext): Promise<boolean> {
  const [payloadSize, n1] = varint(buf, ptr);
  const [, n2] = varint(buf, ptr + n1);
  const start = ptr + n1 + n2;
  const local = payloadSize <= ctx.usable - 35 ? payloadSize : localPayload(payloadSize, ctx.usable);
  if (start + local > buf.length) return false;
  let record = buf.subarray(start, start + local);
  if (local < payloadSize && local < PREFIX_BYTES) {
    // Small pages or long rows: the rest of the row is on a chain of overflow pages.
    if (start + local + 4 > buf.length) return false;
    const first = new DataView(buf.buffer, buf.byteOffset).getUint32(start + local);
    const more = await readOverflow(ctx, first, Math.min(payloadSize, PREFIX_BYTES) - local);
    if (!more) return false;
    record = concatBytes([record, more]);
  }
  const [headerSize, h0] = varint(record, 0);
  const [typeSerial, h1] = varint(record, h0);
  const [nameSerial] = varint(record, h0 + h1);
  const typeLen = textLength(typeSerial);
  const nameLen = textLength(nameSerial);
  if (typeLen < 0 || nameLen < 0) return false;
  const typeStart = headerSize;
  const nameStart = typeStart + typeLen;
  if (nameStart + nameLen > record.length) return false;
  const decoder = new TextDecoder();
  if (decoder.decode(record.subarray(typeStart, nameStart)) === 'table') {
    ctx.names.add(decoder.decode(record.subarray(nameStart, nameStart + nameLen)));
  }
  return true;
}

/** Follows an overflow chain (4-byte next page, then content) until `wanted` bytes are read. */
async function readOverflow(ctx: PeekContext, page: number, wanted: number): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = [];
  let got = 0;
  const seen = new Set<number>();
  while (got < wanted) {
    if (page < 1 || page > ctx.pageCount || seen.has(page) || seen.size > 64) return undefined;
    seen.add(page);
    const buf = new Uint8Array(ctx.usable);
    const { bytesRead } = await ctx.handle.read(buf, 0, ctx.usable, (page - 1) * ctx.pageSize);
    if (bytesRead < ctx.usable) return undefined;
    const take = Math.min(ctx.usable - 4, wanted - got);
    parts.push(buf.subarray(4, 4 + take));
    got += take;
    page = new DataView(buf.buffer).getUint32(0);
  }
  return concatBytes(parts);
}

/** Bytes of a table-leaf payload kept on the page itself (fileformat2 §1.6). */
function localPayload(payloadSize: number, usable: number): number {
  const min = Math.floor(((usable - 12) * 32) / 255) - 23;
  const k = min + ((payloadSize - min) % (usable - 4));
  return k <= usable - 35 ? k : min;
}

/** Length of a text column from its serial type; -1 when the column is not text. */
function textLength(serial: number): number {
  return serial >= 13 && serial % 2 === 1 ? (serial - 13) / 2 : -1;
}

/** SQLite big-endian varint (1–9 bytes); returns [value, bytes used]. */
function varint(buf: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const b = buf[at + i] ?? 0;
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) return [value, i + 1];
  }
  return [value * 256 + (buf[at + 8] ?? 0), 9];
}
