// hparams.yaml as written by Lightning's save_hparams_to_yaml: usually a plain mapping (`{}` when
// empty), but it can hold PyYAML python tags (!!python/object:…, !!python/object/apply:…,
// !!python/name:…, !!python/tuple) that js-yaml's default schema rejects with "unknown tag".
// A tolerant schema turns them into opaque text (tuples stay lists), so the plain keys still load.
import yaml from 'js-yaml';
import { loadYaml } from '../../util/yaml';
import { flattenParams } from '../../util/flatten-params';
import { errorMessage } from '../../util/fs';

type Kind = 'scalar' | 'sequence' | 'mapping';
const KINDS: Kind[] = ['scalar', 'sequence', 'mapping'];
const YAML_TAG = 'tag:yaml.org,2002:';

/** How a tagged value we cannot rebuild is shown: the tag, then the scalar text if any. */
function opaque(tag: string | undefined, data: unknown, kind: Kind): string {
  const shown = (tag ?? '').startsWith(YAML_TAG) ? `!!${(tag ?? '').slice(YAML_TAG.length)}` : tag ?? '!';
  if (kind === 'scalar') return data === null || data === undefined || data === '' ? shown : `${shown} ${String(data)}`;
  return `${shown} ${kind === 'mapping' ? '{…}' : '[…]'}`;
}

const tupleType = new yaml.Type(`${YAML_TAG}python/tuple`, {
  kind: 'sequence',
  construct: (data: unknown) => (Array.isArray(data) ? data : []),
});

// js-yaml tries exact tags first, then `multi` types by tag prefix: these catch every other
// `!!…` tag (python/*, numpy, …), other `tag:` URIs, and `!local` tags.
const catchAll = ['tag:', '!'].flatMap((prefix) =>
  KINDS.map(
    (kind) =>
      new yaml.Type(prefix, {
        kind,
        multi: true,
        construct: (data: unknown, tag?: string) => opaque(tag, data, kind),
      }),
  ),
);

export const TOLERANT_SCHEMA = yaml.DEFAULT_SCHEMA.extend([tupleType, ...catchAll]);

export interface HparamsResult {
  params: Record<string, string>;
  /** Set when the text could not be read as YAML; params is then empty. */
  error?: string;
  /** Set when the YAML is valid but not a mapping. */
  warning?: string;
}

export function parseHparams(text: string): HparamsResult {
  let doc: unknown;
  try {
    doc = loadYaml(text, { schema: TOLERANT_SCHEMA, json: true });
  } catch (err) {
    return { params: {}, error: `invalid YAML: ${firstLine(errorMessage(err))}` };
  }
  // Lightning writes `{}` for no hyperparameters and ends every dump with a newline: an empty file or one
  // without its last newline was cut (while being written, or by a copy), and may be missing keys.
  if (text.trim() === '') return { params: {}, warning: 'hparams.yaml is empty (Lightning writes {} when there are none)' };
  const cut = !text.endsWith('\n')
    ? 'hparams.yaml does not end with a newline: it may be cut short'
    : text.includes('\ufffd') || text.includes('\0')
      ? 'hparams.yaml is not valid UTF-8 text (damaged?)'
      : undefined;
  if (doc === null || doc === undefined) return { params: {}, warning: cut };
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    return { params: flattenParams(doc, 'hparams'), warning: 'hparams.yaml is not a mapping; kept as one value' };
  }
  return { params: flattenParams(doc), warning: cut };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
