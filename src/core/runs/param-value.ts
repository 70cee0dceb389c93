// A run's param by its short name: trackers nest and prefix them (`args.learning_rate`, `args/metric_for_best_model`,
// `optimizer.lr`), code names them bare. Pure (no 'vscode').

/** The exact param, else the first one whose last dotted or slashed segment is `name`, as [key, value]. */
export function paramEntry(params: Record<string, string>, name: string): [string, string] | undefined {
  if (params[name] !== undefined) return [name, params[name]];
  for (const [k, v] of Object.entries(params)) if (k.split(/[./]/).pop() === name) return [k, v];
  return undefined;
}

export function paramValue(run: { params: Record<string, string> }, name: string): string | undefined {
  return paramEntry(run.params, name)?.[1];
}
