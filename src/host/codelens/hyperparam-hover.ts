// Hover on a hyperparameter literal (`learning_rate=2e-5`, `lr = 3e-4`, `"lr": 1e-3`) in a script that
// produced indexed runs: the values those runs recorded for that parameter and the best result of each.
import * as vscode from 'vscode';
import type { IndexedRun } from '../../core/index/types';
import { paramValue } from '../../core/runs/param-value';
import { formatNumber } from '../../core/util/numbers';
import { hyperparamAt } from './python-calls';
import type { ScriptRunsCache } from './script-runs';

const MAX_ROWS = 12;


function cell(s: string): string {
  return s.replace(/[|\\`*_[\]<>]/g, '\\$&').replace(/\n/g, ' ');
}

export class HyperparamHoverProvider implements vscode.HoverProvider {
  constructor(private readonly cache: ScriptRunsCache) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (doc.uri.scheme !== 'file') return undefined;
    const { ranked, objective } = await this.cache.runsOf(doc);
    if (!ranked.length) return undefined;
    const hit = hyperparamAt(doc.getText(), doc.offsetAt(position), this.cache.tree(doc));
    if (!hit) return undefined;
    // Group the runs by the value they recorded; keep best-first order inside each group.
    const groups = new Map<string, { runs: number; best: number; bestRun: IndexedRun }>();
    for (const { run, best } of ranked) {
      const value = paramValue(run, hit.name);
      if (value === undefined) continue;
      const g = groups.get(value);
      if (!g) groups.set(value, { runs: 1, best, bestRun: run });
      else g.runs++;
    }
    if (!groups.size) return undefined;
    const md = new vscode.MarkdownString();
    // Inside a code span nothing is escaped (a backslash would show), so only backticks are dropped.
    md.appendMarkdown(`**Runlens** · \`${hit.name.replace(/`/g, '')}\` across ${ranked.length} run(s) of this script\n\n`);
    const metric = objective ? `best ${cell(objective.key)}` : 'best';
    md.appendMarkdown(`| value | runs | ${metric} | best run |\n|---:|---:|---:|:---|\n`);
    const rows = [...groups.entries()];
    // Mark the value this line sets (3e-5 in the code, 0.00003 or 3e-05 in the params).
    const here = Number(hit.literal.replace(/_/g, ''));
    const sameAsHere = (v: string) => v === hit.literal || (Number.isFinite(here) && v.trim() !== '' && Math.abs(Number(v) - here) <= 1e-12 * Math.max(1, Math.abs(here)));
    for (const [value, g] of rows.slice(0, MAX_ROWS)) {
      md.appendMarkdown(`| ${sameAsHere(value) ? '**◀** ' : ''}${cell(value)} | ${g.runs} | ${Number.isNaN(g.best) ? '–' : formatNumber(g.best)} | ${cell(g.bestRun.name || g.bestRun.id)} |\n`);
    }
    if (rows.length > MAX_ROWS) md.appendMarkdown(`\n…and ${rows.length - MAX_ROWS} more values\n`);
    const range = new vscode.Range(doc.positionAt(hit.from), doc.positionAt(hit.to));
    return new vscode.Hover(md, range);
  }
}
