// Hyperparameters of a TensorBoard run, from the two places writers put them:
// the hparams plugin's session_start_info (PyTorch add_hparams, Lightning log_hyperparams) and
// Lightning's sibling hparams.yaml. Both are optional and neither failing stops the run.
import * as yaml from 'js-yaml';
import { loadYaml } from '../../util/yaml';
import { ProtoReader } from '../../util/proto-wire';
import { flattenParams, paramText } from '../../util/flatten-params';

/**
 * HParamsPluginData (tensorboard/plugins/hparams/plugin_data.proto): 3 session_start_info
 * { 1 map<string, google.protobuf.Value> hparams }. Returns undefined for other payloads or garbage.
 */
export function decodeSessionStartHparams(content: Uint8Array): Record<string, string> | undefined {
  try {
    const r = new ProtoReader(content);
    let out: Record<string, string> | undefined;
    while (!r.done()) {
      const key = r.tag();
      if (key !== 0x1a) {
        r.skip(key & 7);
        continue;
      }
      const info = r.message();
      out ??= {};
      while (!info.done()) {
        const k = info.tag();
        if (k !== 0x0a) {
          info.skip(k & 7);
          continue;
        }
        const entry = info.message();
        let name = '';
        let value: unknown = null;
        while (!entry.done()) {
          const ek = entry.tag();
          if (ek === 0x0a) name = entry.string();
          else if (ek === 0x12) value = decodeStructValue(entry.message(), 0);
          else entry.skip(ek & 7);
        }
        if (name) out[name] = paramText(value);
      }
    }
    return out;
  } catch {
    return undefined;
  }
}

/** google.protobuf.Value: 1 null, 2 number, 3 string, 4 bool, 5 struct, 6 list. */
function decodeStructValue(r: ProtoReader, depth: number): unknown {
  let value: unknown = null;
  while (!r.done()) {
    const key = r.tag();
    switch (key) {
      case 0x08:
        r.int64();
        value = null;
        break;
      case 0x11:
        value = r.double();
        break;
      case 0x1a:
        value = r.string();
        break;
      case 0x20:
        value = r.bool();
        break;
      case 0x2a: {
        const s = r.message();
        const obj: Record<string, unknown> = {};
        while (!s.done()) {
          const k = s.tag();
          if (k !== 0x0a || depth > 16) {
            s.skip(k & 7);
            continue;
          }
          const e = s.message();
          let name = '';
          let v: unknown = null;
          while (!e.done()) {
            const ek = e.tag();
            if (ek === 0x0a) name = e.string();
            else if (ek === 0x12) v = decodeStructValue(e.message(), depth + 1);
            else e.skip(ek & 7);
          }
          obj[name] = v;
        }
        value = obj;
        break;
      }
      case 0x32: {
        const l = r.message();
        const arr: unknown[] = [];
        while (!l.done()) {
          const k = l.tag();
          if (k === 0x0a && depth <= 16) arr.push(decodeStructValue(l.message(), depth + 1));
          else l.skip(k & 7);
        }
        value = arr;
        break;
      }
      default:
        r.skip(key & 7);
    }
  }
  return value;
}

// Lightning saves hparams with yaml.dump, which writes Python-tagged nodes for objects it cannot
// represent (`!!python/object:…`, `!!python/tuple`). The default schema rejects those; this one
// keeps their plain data so the other keys still load.
const pythonTagTypes = (['scalar', 'sequence', 'mapping'] as const).flatMap((kind) =>
  ['tag:yaml.org,2002:python/', '!'].map(
    (prefix) => new yaml.Type(prefix, { kind, multi: true, construct: (data: unknown) => data }),
  ),
);
const TOLERANT_SCHEMA = yaml.DEFAULT_SCHEMA.extend(pythonTagTypes);

/** Flat params from hparams.yaml text; throws a readable error on YAML syntax errors. */
export function parseHparamsYaml(text: string): Record<string, string> {
  const doc = loadYaml(text, { schema: TOLERANT_SCHEMA });
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) return { value: paramText(doc) };
  return flattenParams(doc);
}
