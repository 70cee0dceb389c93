// The one YAML loader every reader uses (meta.yaml, hparams.yaml, W&B config.yaml).
// js-yaml resolves an alias to the same object, so a 500-byte "billion laughs" file parses
// into a small graph whose expanded tree has hundreds of millions of nodes; anything that
// walks or stringifies it (flattenParams, JSON.stringify) then runs out of memory. The loaded
// document is therefore measured as its expanded tree, with a node budget and a depth limit,
// and a file over either fails with a message instead of reaching the consumers.
import * as yaml from 'js-yaml';

/** Nodes (scalars, lists, mappings) one YAML document may expand to. Real configs have < 10,000. */
export const YAML_NODE_BUDGET = 200_000;
/** Nesting deeper than this is not a config file (and would overflow recursive walkers). */
export const YAML_MAX_DEPTH = 100;

export class YamlLimitError extends Error {}

export interface YamlLoadOptions {
  schema?: yaml.Schema;
  json?: boolean;
  nodeBudget?: number;
  maxDepth?: number;
}

/** yaml.load, then a check that the document's expanded tree stays within the budget; throws. */
export function loadYaml(text: string, options: YamlLoadOptions = {}): unknown {
  const doc = yaml.load(text, { schema: options.schema, json: options.json });
  checkExpandedSize(doc, options.nodeBudget ?? YAML_NODE_BUDGET, options.maxDepth ?? YAML_MAX_DEPTH);
  return doc;
}

/**
 * Counts nodes as a walker would visit them: a shared (aliased) subtree is counted each time it
 * is reached. Stops at the first node over the budget, so the check itself is bounded. A cycle
 * (`&a [*a]`) is not followed: consumers cut cycles too.
 */
function checkExpandedSize(doc: unknown, budget: number, maxDepth: number): void {
  let nodes = 0;
  const onPath = new Set<object>();
  const visit = (v: unknown, depth: number): void => {
    if (++nodes > budget) throw new YamlLimitError(`YAML expands to more than ${budget} nodes (aliases/anchors); not loaded`);
    if (v === null || typeof v !== 'object' || onPath.has(v)) return;
    if (depth >= maxDepth) throw new YamlLimitError(`YAML is nested more than ${maxDepth} levels deep; not loaded`);
    onPath.add(v);
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) visit(child, depth + 1);
    onPath.delete(v);
  };
  visit(doc, 0);
}
