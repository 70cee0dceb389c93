// Which experiment trackers a notebook uses, and the tracker links it shows (markdown) or produced
// (outputs). Shared by the tracking checks and the tracked-data checks.
import type { CodeInfo, NotebookContext } from './context';

export type Tracker = 'W&B' | 'MLflow' | 'Aim' | 'TensorBoard' | 'Comet' | 'Neptune' | 'ClearML';

const TRACKER_RULES: [Tracker, RegExp][] = [
  ['W&B', /\bimport\s+wandb\b|\bwandb\.init\s*\(|\bWandbLogger\b|\bWandbCallback\b|report_to\s*=\s*\[?\s*['"](wandb|all)['"]/],
  ['MLflow', /\bimport\s+mlflow\b|\bmlflow\.start_run\s*\(|\bMLFlowLogger\b|report_to\s*=\s*\[?\s*['"]mlflow['"]/],
  ['Aim', /\bimport\s+aim\b|\bfrom\s+aim\b|\baim\.Run\s*\(|\bAimCallback\b|\bAimLogger\b|report_to\s*=\s*\[?\s*['"]aim['"]/],
  ['TensorBoard', /\bSummaryWriter\b|\btf\.summary\.create_file_writer\b|\bcallbacks\.TensorBoard\b|\bTensorBoardLogger\b|report_to\s*=\s*\[?\s*['"]tensorboard['"]/],
  ['Comet', /\bimport\s+comet_ml\b|\bcomet_ml\.\w+|\bCometLogger\b/],
  ['Neptune', /\bimport\s+neptune\b|\bneptune\.init\w*\s*\(|\bNeptuneLogger\b/],
  ['ClearML', /\bfrom\s+clearml\b|\bimport\s+clearml\b|\bTask\.init\s*\(/],
];

export const TRACKER_LINK_RE = /https?:\/\/(?:www\.)?(?:wandb\.ai|wandb\.me|api\.wandb\.ai|tensorboard\.dev|(?:www\.)?comet\.(?:com|ml)|app\.neptune\.ai|app\.clear\.ml)\/[^\s)<>"'\\\]`]*|https?:\/\/[^\s)<>"'\\]+(?:#\/experiments\/|\/ml\/experiments\/|:43800\/|:5000\/)[^\s)<>"'\\\]`]*/g;

/** Code with comments blanked but string contents kept (`report_to="wandb"` needs the string). */
export function codeWithStrings(c: CodeInfo): string {
  if (c.masked.comments.length === 0) return c.masked.text;
  const lines = c.masked.text.split('\n');
  for (const cm of c.masked.comments) lines[cm.line] = lines[cm.line].slice(0, cm.column);
  return lines.join('\n');
}

export interface TrackerUse {
  trackers: Map<Tracker, number>;
  /** `report_to="none"` seen (explicitly off), with its cell. */
  explicitlyOff?: number;
  /** Tracker packages pip-installed but never imported. */
  installedOnly: string[];
}

export function detectTrackers(ctx: NotebookContext): TrackerUse {
  const trackers = new Map<Tracker, number>();
  let explicitlyOff: number | undefined;
  for (const c of ctx.code) {
    const code = codeWithStrings(c);
    for (const [name, re] of TRACKER_RULES) if (!trackers.has(name) && re.test(code)) trackers.set(name, c.cell.index);
    if (c.masked.magics.some((m) => m.name === 'tensorboard') && !trackers.has('TensorBoard')) trackers.set('TensorBoard', c.cell.index);
    if (explicitlyOff === undefined && /report_to\s*=\s*\[?\s*['"]none['"]|report_to\s*=\s*(None|\[\s*\])/.test(code)) explicitlyOff = c.cell.index;
  }
  const installed = ctx.code.flatMap((c) => c.masked.magics.filter((m) => /^(pip3?|conda)$/.test(m.name) && /^install\b/.test(m.args)).map((m) => m.args));
  const installedOnly: string[] = [];
  for (const [pkg, tracker] of [['wandb', 'W&B'], ['mlflow', 'MLflow'], ['aim', 'Aim'], ['comet_ml', 'Comet'], ['neptune', 'Neptune'], ['clearml', 'ClearML']] as [string, Tracker][])
    if (installed.some((a) => new RegExp(`(^|\\s)${pkg}([=<>~\\s\\[]|$)`).test(a)) && !trackers.has(tracker)) installedOnly.push(pkg);
  return { trackers, explicitlyOff, installedOnly };
}

export interface FoundLink {
  url: string;
  cell: number;
  line?: number;
  column?: number;
  inOutput: boolean;
}

/** Tracker links in markdown cells (with positions) and in outputs (stream text and HTML). */
export function trackerLinks(ctx: NotebookContext): FoundLink[] {
  const out: FoundLink[] = [];
  for (const { cell, md } of ctx.markdown)
    for (const link of md.links) if (isTrackerUrl(link.url)) out.push({ url: link.url, cell: cell.index, line: link.line, column: link.column, inOutput: false });
  for (const c of ctx.code) {
    const text = ctx.outputText(c.cell);
    if (!text) continue;
    const seen = new Set<string>();
    for (const m of text.matchAll(TRACKER_LINK_RE)) {
      const url = m[0].replace(/[.,;:!?]+$/, '');
      if (seen.has(url)) continue;
      seen.add(url);
      out.push({ url, cell: c.cell.index, inOutput: true });
    }
  }
  return out;
}

const TRACKER_URL_RE = new RegExp(TRACKER_LINK_RE.source);

export function isTrackerUrl(url: string): boolean {
  return TRACKER_URL_RE.test(url);
}
