// Scalars written by TF2 / tensorboard >= 2 writers: a TensorProto holding one element
// (tensorflow tensor.proto). Cold path: the common simple_value case never gets here.
import { ProtoReader, WIRE_LEN } from '../../util/proto-wire';

const DT_FLOAT = 1;
const DT_DOUBLE = 2;
const DT_INT32 = 3;
const DT_UINT8 = 4;
const DT_INT16 = 5;
const DT_INT8 = 6;
const DT_INT64 = 9;
const DT_BOOL = 10;
const DT_BFLOAT16 = 14;
const DT_UINT16 = 17;
const DT_HALF = 19;
const DT_UINT32 = 22;
const DT_UINT64 = 23;

/** IEEE half precision bits to a double. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

function bfloat16ToNumber(bits: number): number {
  const f = new Float32Array(1);
  new Uint32Array(f.buffer)[0] = (bits & 0xffff) << 16;
  return f[0];
}

/** Reads the first element of tensor_content by dtype; undefined when the content is too short. */
function fromContent(dtype: number, c: Uint8Array): number | undefined {
  const dv = new DataView(c.buffer, c.byteOffset, c.byteLength);
  const need = (n: number) => c.byteLength >= n;
  switch (dtype) {
    case DT_FLOAT:
      return need(4) ? dv.getFloat32(0, true) : undefined;
    case DT_DOUBLE:
      return need(8) ? dv.getFloat64(0, true) : undefined;
    case DT_INT32:
      return need(4) ? dv.getInt32(0, true) : undefined;
    case DT_UINT32:
      return need(4) ? dv.getUint32(0, true) : undefined;
    case DT_INT64:
      return need(8) ? Number(dv.getBigInt64(0, true)) : undefined;
    case DT_UINT64:
      return need(8) ? Number(dv.getBigUint64(0, true)) : undefined;
    case DT_INT16:
      return need(2) ? dv.getInt16(0, true) : undefined;
    case DT_UINT16:
      return need(2) ? dv.getUint16(0, true) : undefined;
    case DT_INT8:
      return need(1) ? dv.getInt8(0) : undefined;
    case DT_UINT8:
    case DT_BOOL:
      return need(1) ? dv.getUint8(0) : undefined;
    case DT_HALF:
      return need(2) ? halfToNumber(dv.getUint16(0, true)) : undefined;
    case DT_BFLOAT16:
      return need(2) ? bfloat16ToNumber(dv.getUint16(0, true)) : undefined;
    default:
      return undefined;
  }
}

/**
 * The single value of a scalar TensorProto, or undefined when it holds no number
 * (strings, empty tensors, more than one element).
 */
export function decodeTensorScalar(buf: Uint8Array, start: number, end: number): number | undefined {
  const r = new ProtoReader(buf, start, end);
  let dtype = 0;
  let elements = 1;
  let content: Uint8Array | undefined;
  let first: number | undefined;
  let firstField = 0;
  // *_val fields are `repeated`: packed (wire type 2) by proto3 writers, unpacked by some others.
  const takeRepeated = (field: number, wire: number, one: () => number) => {
    let v: number | undefined;
    if (wire === WIRE_LEN) {
      const m = r.message();
      if (!m.done()) v = one.call(m);
    } else v = one.call(r);
    if (first === undefined && v !== undefined) {
      first = v;
      firstField = field;
    }
  };
  while (!r.done()) {
    const key = r.tag();
    const field = key >>> 3;
    const wire = key & 7;
    switch (field) {
      case 1:
        dtype = r.uint32();
        break;
      case 2: {
        const shape = r.message();
        while (!shape.done()) {
          const k = shape.tag();
          if (k >>> 3 === 2 && (k & 7) === WIRE_LEN) {
            const dim = shape.message();
            while (!dim.done()) {
              const dk = dim.tag();
              if (dk >>> 3 === 1) elements *= dim.int64();
              else dim.skip(dk & 7);
            }
          } else shape.skip(k & 7);
        }
        break;
      }
      case 4:
        content = r.bytes();
        break;
      case 5:
        takeRepeated(field, wire, ProtoReader.prototype.float);
        break;
      case 6:
        takeRepeated(field, wire, ProtoReader.prototype.double);
        break;
      case 7: // int_val: int32, int16, int8, uint8
      case 10: // int64_val
        takeRepeated(field, wire, ProtoReader.prototype.int64);
        break;
      case 11: // bool_val
        takeRepeated(field, wire, ProtoReader.prototype.int64);
        break;
      case 13: // half_val: half and bfloat16 bits in an int32
        takeRepeated(field, wire, ProtoReader.prototype.uint32);
        break;
      case 16: // uint32_val
      case 17: // uint64_val
        takeRepeated(field, wire, ProtoReader.prototype.int64);
        break;
      default:
        r.skip(wire);
    }
  }
  if (elements !== 1) return undefined;
  if (content && content.byteLength > 0) return fromContent(dtype, content);
  if (first !== undefined && firstField === 13) {
    return dtype === DT_BFLOAT16 ? bfloat16ToNumber(first) : halfToNumber(first);
  }
  return first;
}
