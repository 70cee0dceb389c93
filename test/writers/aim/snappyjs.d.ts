// Type declarations for the snappyjs package (pure-JS snappy), which ships none. Only the test writers use it:
// the Aim reader has its own decoder (src/core/sources/aim/rocksdb/snappy.ts).
declare module 'snappyjs' {
  export function uncompress<T extends Uint8Array | ArrayBuffer>(compressed: T, maxLength?: number): T;
  export function compress<T extends Uint8Array | ArrayBuffer>(uncompressed: T): T;
}

declare module 'snappyjs/snappy_decompressor' {
  export class SnappyDecompressor {
    constructor(compressed: Uint8Array);
    /** The uncompressed length from the stream's varint preamble, or -1 when malformed. */
    readUncompressedLength(): number;
    /** Decodes into `out` (sized from readUncompressedLength); false on a malformed stream. */
    uncompressToBuffer(out: Uint8Array): boolean;
  }
}
