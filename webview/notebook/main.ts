// Notebook Readiness panel (browser side): verdict, profile switch, findings grouped by checklist
// section; clicking a finding asks the host to reveal its cell. Every string reaches the DOM through
// textContent, never innerHTML, so notebook text cannot inject markup.
import { el } from '../shared/dom';
import { hostApi, onHostMessage } from '../shared/host-api';
import { isHostToNotebook, type HostToNotebook, type NotebookToHost, type ReadinessFindingView, type ReadinessReportView } from '../../src/protocol/notebook';
import './notebook.css';

interface ViewState {
  collapsed: string[];
  /** URI of the notebook shown; the host reopens it when VS Code restores the panel after a reload. */
  notebook?: string;
}

const VERDICT_TEXT = { ready: 'Ready', 'ready-with-warnings': 'Ready with warnings', 'not-ready': 'Not ready' } as const;
const SEVERITY_ICON = { error: '✖', warning: '▲', info: 'ℹ' } as const;

const api = hostApi();
const saved = api.getState() as Partial<ViewState> | undefined;
const state: ViewState = {
  collapsed: Array.isArray(saved?.collapsed) ? saved!.collapsed.filter((s) => typeof s === 'string') : [],
  ...(typeof saved?.notebook === 'string' ? { notebook: saved.notebook } : {}),
};
const app = document.getElementById('app')!;

function post(msg: NotebookToHost): void {
  api.postMessage(msg);
}

/** Message text with `backtick` spans shown as code — built from text nodes, so nothing is parsed as HTML. */
function withCode(node: HTMLElement, text: string): HTMLElement {
  text.split('`').forEach((part, i) => node.append(i % 2 === 1 ? el('code', undefined, part) : document.createTextNode(part)));
  return node;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function header(report: ReadinessReportView): HTMLElement {
  const head = el('header', 'nb-header');
  const title = el('div', 'nb-title');
  title.append(el('h2', 'nb-file', report.fileName), el('span', `nb-verdict verdict-${report.verdict}`, VERDICT_TEXT[report.verdict]));
  const count = (s: string): number => report.findings.filter((f) => f.severity === s).length;
  const summary = el('div', 'nb-summary', `${plural(count('error'), 'error')} · ${plural(count('warning'), 'warning')} · ${count('info')} info · ${report.cellCount} cells · ${Math.round(report.elapsedMs)} ms`);
  const controls = el('div', 'nb-controls');
  const label = el('label', 'nb-profile-label', 'Profile ');
  const select = el('select', 'nb-profile');
  for (const p of report.profiles) {
    const option = el('option', undefined, p.label);
    option.value = p.id;
    option.selected = report.profile === p.id;
    select.append(option);
  }
  select.addEventListener('change', () => {
    const chosen = report.profiles.find((p) => p.id === select.value);
    if (chosen) post({ type: 'setProfile', profile: chosen.id });
  });
  label.append(select);
  const refresh = el('button', 'nb-refresh', 'Re-check');
  refresh.addEventListener('click', () => post({ type: 'refresh' }));
  controls.append(label, refresh);
  // Which rules the verdict is measured against, and why: a course notebook and a random one differ.
  const active = report.profiles.find((p) => p.id === report.profile)?.label ?? report.profile;
  const why = el('div', 'nb-profile-active', `Profile: ${active}${report.profileReason ? ` — ${report.profileReason}` : ''}`);
  head.append(title, summary, controls, why);
  return head;
}

function findingItem(f: ReadinessFindingView): HTMLElement {
  const li = el('li');
  const button = el('button', `nb-finding sev-${f.severity}`);
  button.type = 'button';
  button.title = `${f.title} (${f.id}) — click to show the cell`;
  button.dataset.cell = String(f.cell ?? 0);
  button.append(
    el('span', 'nb-sev', SEVERITY_ICON[f.severity]),
    el('span', 'nb-loc', f.cell === null ? 'notebook' : `cell ${f.cell}`),
    withCode(el('span', 'nb-msg'), f.message),
    el('span', 'nb-id', f.id),
  );
  button.addEventListener('click', () => post({ type: 'reveal', cell: f.cell ?? 0, line: f.line }));
  li.append(button);
  return li;
}

function sectionBlock(id: string, title: string, findings: ReadinessFindingView[]): HTMLElement {
  const section = el('section', 'nb-section');
  section.dataset.section = id;
  const worst = findings.some((f) => f.severity === 'error') ? 'error' : findings.some((f) => f.severity === 'warning') ? 'warning' : findings.length ? 'info' : 'ok';
  const toggle = el('button', `nb-section-head head-${worst}`);
  toggle.type = 'button';
  toggle.append(el('span', 'nb-section-mark', worst === 'ok' ? '✔' : SEVERITY_ICON[worst]), el('span', 'nb-section-title', title), el('span', 'nb-section-count', findings.length ? String(findings.length) : 'no findings'));
  section.append(toggle);
  if (findings.length === 0) return section;
  const list = el('ul', 'nb-list');
  for (const f of findings) list.append(findingItem(f));
  const collapsed = state.collapsed.includes(id);
  list.hidden = collapsed;
  toggle.setAttribute('aria-expanded', String(!collapsed));
  toggle.addEventListener('click', () => {
    list.hidden = !list.hidden;
    toggle.setAttribute('aria-expanded', String(!list.hidden));
    state.collapsed = list.hidden ? [...new Set([...state.collapsed, id])] : state.collapsed.filter((s) => s !== id);
    api.setState(state);
  });
  section.append(list);
  return section;
}

function render(msg: HostToNotebook): void {
  app.replaceChildren();
  if (msg.type === 'empty') {
    app.append(el('p', 'nb-empty', msg.message));
    return;
  }
  const report = msg.report;
  if (report.uri && report.uri !== state.notebook) {
    state.notebook = report.uri;
    api.setState(state);
  }
  app.append(header(report));
  if (report.evidence.length) {
    const ok = el('ul', 'nb-evidence');
    for (const e of report.evidence) ok.append(el('li', undefined, `✔ ${e}`));
    app.append(ok);
  }
  for (const s of report.sections) app.append(sectionBlock(s.id, s.title, report.findings.filter((f) => f.section === s.id)));
}

onHostMessage(isHostToNotebook, (msg) => {
  try {
    render(msg);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});
post({ type: 'ready' });
