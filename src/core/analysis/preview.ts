// The compact curve the index keeps per series (`series.preview` BLOB, DESIGN.md §3), so charts of
// hundreds of runs draw from the index alone before any source file is re-read.
//
// Layout (version-free, fixed): a sequence of buckets in ascending x, 16 bytes each, no header:
//   offset 16·i + 0   float32 LE  x     (x of the bucket's last point)
//   offset 16·i + 4   float32 LE  last
//   offset 16·i + 8   float32 LE  min
//   offset 16·i + 12  float32 LE  max
// Byte length = 16 × bucket count (≤ 256 × 16 = 4 KiB). Little-endian is written explicitly so a
// BLOB reads the same on any machine. Float32 keeps ~7 significant digits: exact for steps up to
// 2^24 (16.7 M); epoch-millisecond wall times do NOT fit, so previews are stored against step.
// NaN and ±Infinity survive the round trip; finite values beyond ±3.4e38 become ±Infinity.
// A NaN-only bucket is stored as last = min = max = NaN; per-bucket NaN counts are not kept
// (the series row's summary carries the total).

import { bucketize } from './bucketize';

/** Most buckets a preview holds (DESIGN.md §3). */
export const PREVIEW_BUCKETS = 256;
/** Bytes per bucket in the BLOB. */
export const PREVIEW_BUCKET_BYTES = 16;

/** A decoded preview: one entry per bucket. Float64 so it can feed the same code as full series. */
export interface Preview {
  x: Float64Array;
  last: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

/** What encodePreview reads: Buckets from bucketize, a decoded Preview, or plain arrays. */
export interface PreviewSource {
  x: ArrayLike<number>;
  last: ArrayLike<number>;
  min: ArrayLike<number>;
  max: ArrayLike<number>;
}

/** Encodes buckets (at most the first PREVIEW_BUCKETS) as the BLOB described above. */
export function encodePreview(buckets: PreviewSource): Uint8Array {
  const n = Math.min(buckets.x.length, PREVIEW_BUCKETS);
  const bytes = new Uint8Array(n * PREVIEW_BUCKET_BYTES);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) {
    const o = i * PREVIEW_BUCKET_BYTES;
    view.setFloat32(o, buckets.x[i], true);
    view.setFloat32(o + 4, buckets.last[i], true);
    view.setFloat32(o + 8, buckets.min[i], true);
    view.setFloat32(o + 12, buckets.max[i], true);
  }
  return bytes;
}

/** Buckets a full series to PREVIEW_BUCKETS over its own x range and encodes it. */
export function previewOf(xs: ArrayLike<number>, ys: ArrayLike<number>): Uint8Array {
  return encodePreview(bucketize(xs, ys, { buckets: PREVIEW_BUCKETS }));
}

/**
 * Decodes a preview BLOB. Returns undefined when the byte length is not a whole number of
 * buckets (a truncated or foreign BLOB), so a bad row is reported instead of drawn wrongly.
 * Accepts any Uint8Array view (sql.js returns views into its own memory).
 */
export function decodePreview(bytes: Uint8Array): Preview | undefined {
  if (bytes.byteLength % PREVIEW_BUCKET_BYTES !== 0) return undefined;
  const n = bytes.byteLength / PREVIEW_BUCKET_BYTES;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Preview = {
    x: new Float64Array(n),
    last: new Float64Array(n),
    min: new Float64Array(n),
    max: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const o = i * PREVIEW_BUCKET_BYTES;
    out.x[i] = view.getFloat32(o, true);
    out.last[i] = view.getFloat32(o + 4, true);
    out.min[i] = view.getFloat32(o + 8, true);
    out.max[i] = view.getFloat32(o + 12, true);
  }
  return out;
}
