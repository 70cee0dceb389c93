// CRC-32/IEEE (zlib's crc32), the checksum of W&B's transaction log chunks.
// Node >= 20.15 has zlib.crc32 in native code; older runtimes (an older VS Code) use the table.
import * as zlib from 'node:zlib';

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function tableCrc32(data: Uint8Array, initial: number): number {
  let crc = ~initial >>> 0;
  for (let i = 0; i < data.length; i++) crc = TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

type Crc32 = (data: Uint8Array, initial: number) => number;
const native = (zlib as unknown as { crc32?: Crc32 }).crc32;

/** zlib.crc32(data, initial): `initial` continues a running CRC. */
export const crc32: Crc32 = typeof native === 'function' ? (d, i) => native(d, i) >>> 0 : tableCrc32;

/** Exposed for the test that checks both paths agree. */
export const crc32Portable: Crc32 = tableCrc32;
