// The Pivot tab: rows = configuration groups, columns = the values of a context key, the key suffix or a param
// (core/runs/pivot, computed on the host from full-resolution series); cells median [min, max] or mean ± sd
// with n, best per column bold and second underlined (core pivotRanks), an optional average column.
import { statsText } from '../../src/core/runs/export';
import { pivotRanks, type Statistic } from '../../src/core/runs/pivot';
import { parseColumn } from '../../src/core/runs/columns';
import type { TableColumnMeta, TablePivot, TablePivotSpec } from '../../src/protocol/table';
import { el } from '../shared/dom';

export interface PivotChoices {
  /** Metric keys (without context) the runs logged. */
  metrics: string[];
  contextKeys: string[];
  params: string[];
  /** Context values of each `key|contextKey` (for at(…) suggestions). */
  contextValues: Map<string, string[]>;
}

/** What the pivot can be built from, out of the column catalog: metric keys (and `f1` for f1_de/f1_en), context values. */
export function pivotChoices(columns: readonly TableColumnMeta[], contextKeys: string[], params: string[]): PivotChoices {
  const metrics = new Set<string>();
  const contextValues = new Map<string, string[]>();
  for (const c of columns) {
    if (c.kind !== 'metric') continue;
    metrics.add(c.key);
    const parsed = parseColumn(c.id);
    if (parsed.kind !== 'metric') continue;
    for (const [k, v] of Object.entries(parsed.context)) {
      const list = contextValues.get(`${c.key}|${k}`) ?? [];
      if (!list.includes(String(v))) list.push(String(v));
      contextValues.set(`${c.key}|${k}`, list);
    }
  }
  // suffix pivots: f1_de, f1_en → f1
  for (const m of [...metrics]) {
    const s = /^(.+)_[^_]+$/.exec(m);
    if (s && [...metrics].filter((x) => x.startsWith(`${s[1]}_`)).length > 1) metrics.add(s[1]);
  }
  return { metrics: [...metrics].sort(), contextKeys, params, contextValues };
}

export interface PivotViewActions {
  build(spec: Omit<TablePivotSpec, 'query' | 'keys'>, statistic: Statistic): void;
  setStatistic(s: Statistic): void;
  exportPivot(format: 'csv' | 'md' | 'latex', to: 'clipboard' | 'file'): void;
}

function labelled(text: string, control: HTMLElement): HTMLElement {
  const l = el('label', 'field', `${text} `);
  l.append(control);
  return l;
}

function select(options: string[], value: string, cls: string): HTMLSelectElement {
  const s = el('select', cls);
  for (const o of options) {
    const opt = el('option', undefined, o);
    opt.value = o;
    opt.selected = o === value;
    s.append(opt);
  }
  return s;
}

/** The pivot controls; defaults pick a metric logged per context (f1 per lang) or one with suffixes. */
export function pivotControls(choices: PivotChoices, spec: TablePivotSpec | null, statistic: Statistic, act: PivotViewActions): HTMLElement {
  const bar = el('div', 'row pivot-controls');
  const byOptions = [...choices.contextKeys, 'suffix', ...choices.params];
  const by = spec?.by ?? (choices.contextKeys.includes('lang') ? 'lang' : choices.contextKeys[0] ?? 'suffix');
  const metricSel = select(choices.metrics, spec?.metric ?? choices.metrics.find((m) => choices.contextValues.has(`${m}|${by}`)) ?? choices.metrics[0] ?? '', 'pivot-metric');
  const bySel = select(byOptions, by, 'pivot-by');
  const summary = el('input', 'pivot-summary');
  summary.value = spec?.summary ?? 'best';
  summary.setAttribute('list', 'pivot-summaries');
  summary.spellcheck = false;
  const suggestions = el('datalist');
  suggestions.id = 'pivot-summaries';
  const suggest = () => {
    suggestions.replaceChildren();
    const values = choices.contextValues.get(`${metricSel.value}|${bySel.value}`) ?? [];
    for (const s of ['last', 'best', 'min', 'max', 'first', 'mean_last:3', ...values.map((v) => `at(${metricSel.value}[${bySel.value}=${v}]:best)`)]) {
      const o = el('option');
      o.value = s;
      suggestions.append(o);
    }
  };
  suggest();
  metricSel.addEventListener('change', suggest);
  bySel.addEventListener('change', suggest);
  const groupBy = el('input', 'pivot-groupby');
  groupBy.placeholder = 'seed groups (default)';
  groupBy.value = spec?.groupBy.join(', ') ?? '';
  groupBy.setAttribute('list', 'pivot-params');
  const paramList = el('datalist');
  paramList.id = 'pivot-params';
  for (const p of choices.params) {
    const o = el('option');
    o.value = p;
    paramList.append(o);
  }
  const stat = select(['median', 'mean'], statistic, 'pivot-stat');
  stat.addEventListener('change', () => act.setStatistic(stat.value as Statistic));
  const average = el('input', 'pivot-average');
  average.type = 'checkbox';
  average.checked = spec?.average ?? false;
  const build = el('button', 'pivot-build', 'Build pivot');
  build.type = 'button';
  build.addEventListener('click', () =>
    act.build(
      { metric: metricSel.value, summary: summary.value.trim() || 'last', by: bySel.value, groupBy: groupBy.value.split(',').map((s) => s.trim()).filter(Boolean), average: average.checked },
      stat.value as Statistic,
    ),
  );
  const avgLabel = el('label', 'field', 'average ');
  avgLabel.prepend(average);
  bar.append(labelled('metric', metricSel), labelled('summary', summary), labelled('by', bySel), labelled('rows by', groupBy), labelled('cells', stat), avgLabel, build, suggestions, paramList);
  const exports = el('div', 'row pivot-export');
  const fmt = select(['latex', 'md', 'csv'], 'latex', 'pivot-format');
  const copy = el('button', 'pivot-copy', 'Copy');
  copy.type = 'button';
  copy.addEventListener('click', () => act.exportPivot(fmt.value as 'csv' | 'md' | 'latex', 'clipboard'));
  const save = el('button', 'pivot-save', 'Save…');
  save.type = 'button';
  save.addEventListener('click', () => act.exportPivot(fmt.value as 'csv' | 'md' | 'latex', 'file'));
  exports.append(labelled('export', fmt), copy, save);
  const wrap = el('div', 'pivot-head');
  wrap.append(bar, exports);
  return wrap;
}

export function pivotTable(p: TablePivot, statistic: Statistic): HTMLElement {
  const ranks = pivotRanks(p, statistic);
  const hasAverage = p.rows.some((r) => r.average);
  const labels = hasAverage ? [...p.columns, 'average'] : p.columns;
  const table = el('table', 'pivot-table');
  const caption = el('caption', undefined, `${p.metric}:${p.summary} by ${p.by} — ${statistic === 'median' ? 'median [min, max]' : 'mean ± sd'}, n runs; ${p.goal === 'max' ? 'higher' : 'lower'} is better`);
  const head = el('tr');
  const groupHeads = p.groupBy.length ? p.groupBy : ['group'];
  for (const g of groupHeads) head.append(el('th', 'group-head', g));
  for (const l of labels) head.append(el('th', 'num', l));
  const body = el('tbody');
  p.rows.forEach((r, i) => {
    const tr = el('tr');
    if (p.groupBy.length) for (const g of p.groupBy) tr.append(el('td', 'group-cell', r.group[g] ?? ''));
    else tr.append(el('td', 'group-cell', '(all runs)'));
    for (const l of labels) {
      const s = l === 'average' && hasAverage ? r.average : r.cells[l];
      const mark = ranks[l]?.best === i ? 'best' : ranks[l]?.second === i ? 'second' : '';
      const td = el('td', `num ${mark}`.trim());
      if (s && s.n) td.append(el('span', 'stat', statsText(s, statistic)), el('span', 'n', ` n=${s.n}`));
      tr.append(td);
    }
    body.append(tr);
  });
  const thead = el('thead');
  thead.append(head);
  table.append(caption, thead, body);
  return table;
}
