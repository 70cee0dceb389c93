// Side by side: two or more selected runs, the params that differ and each metric column's value with its
// delta against the first selected run (core/runs/side-by-side).
import type { ComparedRun } from '../../src/core/runs/side-by-side';
import { sideBySide } from '../../src/core/runs/side-by-side';
import { formatNumber } from '../../src/core/util/numbers';
import { el } from '../shared/dom';
import { valueText } from './cells';

export function compareView(runs: ComparedRun[], metricIds: string[]): HTMLElement {
  const wrap = el('div', 'compare');
  if (runs.length < 2) {
    wrap.append(el('p', 'hint', 'Select two or more runs in the table (Ctrl/Cmd-click, Shift-click) to compare them side by side.'));
    return wrap;
  }
  const cmp = sideBySide(runs, metricIds);
  const table = el('table', 'compare-table');
  const head = el('tr');
  head.append(el('th', undefined, ''));
  runs.forEach((r, i) => head.append(el('th', undefined, i === 0 ? `${r.name} (reference)` : r.name)));
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  body.append(sectionRow(`Params that differ (${cmp.params.length}; ${cmp.sameParams} the same)`, runs.length));
  for (const p of cmp.params) {
    const tr = el('tr');
    tr.append(el('th', 'key', p.key));
    p.values.forEach((v, i) => tr.append(el('td', i > 0 && v !== p.values[0] ? 'diff' : undefined, v)));
    body.append(tr);
  }
  body.append(sectionRow('Metrics (Δ against the reference)', runs.length));
  for (const m of cmp.metrics) {
    const tr = el('tr');
    tr.append(el('th', 'key', m.id));
    m.values.forEach((v, i) => {
      const td = el('td', 'num', valueText(v).text);
      const d = m.deltas[i];
      if (i > 0 && d !== null) td.append(el('span', 'delta', ` ${d > 0 ? '+' : ''}${formatNumber(d)}`));
      tr.append(td);
    });
    body.append(tr);
  }
  table.append(thead, body);
  wrap.append(table);
  return wrap;
}

function sectionRow(text: string, runs: number): HTMLElement {
  const tr = el('tr', 'section');
  const th = el('th', undefined, text);
  th.colSpan = runs + 1;
  tr.append(th);
  return tr;
}
