// 3.6 The checks that compare the notebook with tracked data: tracked-run-mismatch (needs the index),
// tracked-config-mismatch (index; plus an S-level comparison of hyper-parameters claimed in markdown
// with the code's constants) and reported-metric-mismatch (metric claims vs outputs, plus the linked
// runs' values when the index is available). The index is reached only through TrackedRunsLookup.
import type { NotebookContext } from '../context';
import { extractClaims, extractValues, type MetricValue } from '../metric-values';
import { parseTrackerUrl, type TrackedRunSummary } from '../tracked-lookup';
import { trackerLinks } from '../trackers';
import type { CheckDef } from './types';
import { listSome } from './types';

/** Runs the markdown links point to, via the lookup. */
function linkedRuns(ctx: NotebookContext): { url: string; cell: number; runs: TrackedRunSummary[] }[] {
  const lookup = ctx.options.lookup;
  if (!lookup) return [];
  return trackerLinks(ctx)
    .filter((l) => !l.inOutput && parseTrackerUrl(l.url))
    .map((l) => ({ url: l.url, cell: l.cell, runs: safe(() => lookup.findRunsByUrlOrId(l.url), []) }));
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

const RUN_TRACE_RES = [/wandb\.ai\/[^/\s]+\/[^/\s]+\/runs\/([a-z0-9]{8})\b/g, /run-\d{8}_\d{6}-([a-z0-9]{8})\b/g, /#\/experiments\/[^/\s]+\/runs\/([0-9a-f]{32})/g];

export const trackedRunMismatch: CheckDef = {
  id: 'tracked-run-mismatch',
  run(ctx, emit) {
    const lookup = ctx.options.lookup;
    if (!lookup) return;
    const linked = linkedRuns(ctx);
    for (const l of linked) {
      const parsed = parseTrackerUrl(l.url);
      if (parsed?.runId && l.runs.length === 0)
        emit({ cell: l.cell, message: `The linked run ${parsed.runId} is not among the indexed runs of this workspace.` });
      for (const r of l.runs.filter((r) => parsed?.runId && r.status && !/finished|completed/.test(r.status)))
        emit({ cell: l.cell, message: `The linked run ${r.id} is ${r.status}.` });
    }
    // runs this notebook produced (traces in outputs) vs the runs it links
    const produced = new Set<string>();
    for (const c of ctx.code) {
      const text = ctx.outputText(c.cell);
      for (const re of RUN_TRACE_RES) for (const m of text.matchAll(re)) produced.add(m[1]);
    }
    const linkedIds = new Set(linked.flatMap((l) => (parseTrackerUrl(l.url)?.runId ? [parseTrackerUrl(l.url)!.runId!] : [])));
    const resumed = ctx.code.some((c) => /Resuming run/.test(ctx.outputText(c.cell)));
    if (produced.size > 0 && linkedIds.size > 0 && ![...linkedIds].some((id) => produced.has(id)))
      emit({ cell: linked[0]?.cell ?? null, message: `The linked run ${listSome([...linkedIds])} is not the run this notebook produced (${listSome([...produced])}).` });
    else if ((produced.size > 1 || resumed) && linkedIds.size === 0 && linked.length > 0)
      emit({ cell: linked[0].cell, severity: 'info', message: `The notebook produced ${produced.size} run${produced.size === 1 ? '' : 's'}${resumed ? ' (one resumed)' : ''} but links only a project: link the run the results come from.` });
  },
};

// a claim names the value right after the parameter: "batch size: 8", "learning rate of 2e-4", "seed = 42"
const SEP = String.raw`\s*(?:of|:|=|is|was|set to|to)?\s*`;
const HYPER: [string, RegExp, RegExp][] = [
  // [name, markdown claim, code constant or keyword]
  ['learning rate', new RegExp(String.raw`\b(?:learning[- ]rate|lr)\b${SEP}(\d+(?:\.\d+)?(?:e-?\d+)?)(?!\w|\.\d)`, 'i'), /^(lr|learning_rate|LR|LEARNING_RATE)$/],
  ['batch size', new RegExp(String.raw`\bbatch[- ]size\b${SEP}(\d+)(?!\w|\.\d)`, 'i'), /^(batch_size|BATCH_SIZE|per_device_train_batch_size|train_batch_size)$/],
  ['epochs', new RegExp(String.raw`\b(?:epochs|number of epochs|num_epochs)\b${SEP}(\d+)(?!\w|\.\d)`, 'i'), /^(EPOCHS|NUM_EPOCHS|N_EPOCHS|num_train_epochs|max_epochs|epochs)$/],
  ['weight decay', new RegExp(String.raw`\bweight[- ]decay\b${SEP}(\d+(?:\.\d+)?(?:e-?\d+)?)(?!\w|\.\d)`, 'i'), /^(weight_decay|WEIGHT_DECAY)$/],
  ['seed', new RegExp(String.raw`\b(?:random )?seed\b${SEP}(\d+)(?!\w|\.\d)`, 'i'), /^(seed|SEED|RANDOM_SEED)$/],
];

/** Literal hyper-parameter values set at module level: constants and keyword arguments (`TrainingArguments(seed=42)`). */
function codeHyperparameters(ctx: NotebookContext): Map<string, { values: number[]; literalOnly: boolean }> {
  const out = new Map<string, { values: number[]; literalOnly: boolean }>();
  const add = (name: string, text: string): void => {
    const entry = out.get(name) ?? { values: [], literalOnly: true };
    const n = Number(text.trim());
    if (Number.isFinite(n) && /^[\d.e+-]+$/i.test(text.trim())) entry.values.push(n);
    else entry.literalOnly = false;
    out.set(name, entry);
  };
  for (const c of ctx.code) {
    for (const a of c.facts.assignments) for (const [name, , key] of HYPER) if (key.test(a.name)) add(name, a.value);
    for (const call of c.facts.calls.filter((x) => !x.inFunction)) for (const [k, v] of Object.entries(call.kwargs)) for (const [name, , key] of HYPER) if (key.test(k)) add(name, v);
  }
  return out;
}

function runParam(run: TrackedRunSummary, key: RegExp): number | undefined {
  for (const [k, v] of Object.entries(run.params)) if (key.test(k) || key.test(k.split('.').pop() ?? '')) return Number(v);
  return undefined;
}

export const trackedConfigMismatch: CheckDef = {
  id: 'tracked-config-mismatch',
  run(ctx, emit) {
    const code = codeHyperparameters(ctx);
    // S: values claimed in markdown vs the code's literals (struck-out text is not a claim)
    for (const { cell, md } of ctx.markdown) {
      for (const [name, claimRe] of HYPER) {
        const m = claimRe.exec(md.prose);
        const entry = code.get(name);
        if (!m || !entry || !entry.literalOnly || entry.values.length === 0) continue;
        const claimed = Number(m[m.length - 1]);
        if (!Number.isFinite(claimed) || entry.values.some((v) => Math.abs(v - claimed) <= 1e-9 * Math.max(1, Math.abs(v)))) continue;
        emit({ cell: cell.index, message: `Markdown says ${name} ${m[m.length - 1]} but the code sets ${name} = ${listSome(entry.values)}.` });
      }
    }
    // T: the code's literals vs the linked runs' recorded params
    for (const l of linkedRuns(ctx)) {
      for (const run of l.runs.slice(0, 5)) {
        for (const [name, , key] of HYPER) {
          const entry = code.get(name);
          const recorded = runParam(run, key);
          if (!entry || !entry.literalOnly || entry.values.length !== 1 || recorded === undefined || !Number.isFinite(recorded)) continue;
          const a = entry.values[0];
          if (Math.abs(a - recorded) > 1e-9 * Math.max(1, Math.abs(a)))
            emit({ cell: l.cell, message: `Notebook sets ${name}=${a} but the tracked run ${run.id} used ${name}=${recorded}.` });
        }
      }
    }
  },
};

const SPLIT_RANK: Record<MetricValue['split'], number> = { test: 0, eval: 1, train: 2, other: 3 };

export const reportedMetricMismatch: CheckDef = {
  id: 'reported-metric-mismatch',
  run(ctx, emit) {
    const claimsByCell = ctx.markdown.map(({ cell, md }) => ({ cell, claims: extractClaims(md.prose) })).filter((x) => x.claims.length > 0);
    if (claimsByCell.length === 0) return; // outputs are only scanned when something is claimed
    const values: (MetricValue & { source: string })[] = [];
    for (const c of ctx.code) for (const v of extractValues(ctx.outputText(c.cell))) values.push({ ...v, source: `output of cell ${c.cell.index}` });
    for (const l of linkedRuns(ctx))
      for (const run of l.runs.slice(0, 20))
        for (const [key, value] of Object.entries(run.metrics))
          for (const v of extractValues(`'${key}': ${value}`)) values.push({ ...v, source: `tracked run ${run.id}` });
    for (const { cell, claims } of claimsByCell) {
      for (const claim of claims) {
        const same = values.filter((v) => v.metric === claim.metric).sort((a, b) => SPLIT_RANK[a.split] - SPLIT_RANK[b.split]);
        if (same.length === 0) {
          emit({ cell: cell.index, severity: 'warning', message: `Claim '${claim.text}' cannot be verified: no output or tracked value for ${claim.metric}.` });
          continue;
        }
        const match = same.find((v) => Math.abs(v.value - claim.value) <= claim.tolerance);
        if (match) {
          emit({ cell: cell.index, message: `✓ Claim '${claim.text}' matches ${match.key} = ${match.value} (${match.source}).` });
          continue;
        }
        const rank = SPLIT_RANK[same[0].split];
        const best = same.filter((v) => SPLIT_RANK[v.split] === rank).sort((a, b) => Math.abs(a.value - claim.value) - Math.abs(b.value - claim.value))[0];
        emit({ cell: cell.index, message: `Reported ${claim.metric} '${claim.text}' does not match any ${claim.metric} in the outputs or tracked runs (closest: ${best.key} = ${best.value}, ${best.source}).` });
      }
    }
  },
};
