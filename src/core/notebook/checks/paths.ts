// 3.3 hardcoded-path: absolute paths in string literals (f-string literal parts included) and in
// magic/shell arguments. A static checker cannot ask "does it exist on this machine" (Julynter p1), so it
// uses prefix rules. Never flags URLs, comments, outputs, regexes or `os.getcwd() + '/x'`. With workspace
// access, a relative path read by an I/O call that is neither in the repository nor created earlier in
// the notebook is reported too.
import type { CheckDef } from './types';
import { lineRange } from './types';

const POSIX_ROOT_RE = /^\/(home|Users|root|mnt|media|Volumes|scratch|data|srv|opt|workspace|kaggle|content)(\/|$)/;
const WINDOWS_RE = /^[A-Za-z]:[\\/]/;
const UNC_RE = /^\\\\[^\\]/;
const HOME_RE = /^~\//;
const TMP_RE = /^\/tmp(\/|$)/;
const REGEX_LIKE_RE = /[\^$]|\\[dwsbDWS]|\(\?|\[\^?[^\]]*\]|\.\*|\+\?/;
const READ_CALL_RE = /^(open|read_csv|read_json|read_parquet|read_excel|read_table|read_pickle|load_from_disk|Path|load|loadtxt|genfromtxt|imread|load_dataset|from_pretrained|read_text|load_model|load_state_dict)$/;
const CREATE_RE = /\b(to_csv|to_json|to_parquet|to_pickle|save_pretrained|save_to_disk|mkdir|makedirs|savefig|save|dump|write_text|hf_hub_download|snapshot_download|load_dataset|create_file_writer|SummaryWriter|TensorBoard|output_dir|logging_dir|ModelCheckpoint|extractall|unpack_archive|copy|move)\b|\b(wget|curl|unzip|tar|git|gdown|kaggle|cp|mv|mkdir|gsutil|aws)\b/;

interface PathHit {
  path: string;
  line: number;
  column: number;
  endColumn: number;
}

export const hardcodedPath: CheckDef = {
  id: 'hardcoded-path',
  run(ctx, emit) {
    const ws = ctx.options.workspace;
    const created: string[] = []; // text of code that creates files, in document order
    for (const c of ctx.code) {
      const cell = c.cell.index;
      const parameters = c.cell.tags.includes('parameters'); // papermill overrides these
      const hits: PathHit[] = [];
      for (const s of c.facts.strings) {
        if (s.concatenated) continue;
        const literal = s.fstring ? s.value.split('{')[0] : s.value;
        if (literal.includes('\n') || literal.length > 300) continue;
        hits.push({ path: literal, line: s.line, column: s.column, endColumn: s.line === s.endLine ? s.endColumn : s.column + 1 });
      }
      for (const m of c.masked.magics) {
        if (m.kind === 'help') continue;
        const line = c.cell.source.split('\n')[m.line] ?? '';
        for (const tok of m.args.split(/\s+/)) {
          const t = tok.replace(/^['"]|['",;)]+$/g, '').replace(/^-{1,2}[\w-]+=/, '');
          if (!t) continue;
          const at = Math.max(0, line.indexOf(t));
          hits.push({ path: t, line: m.line, column: at, endColumn: at + t.length });
        }
      }
      const seen = new Set<string>();
      for (const h of hits) {
        const p = h.path.trim();
        if (seen.has(p) || /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || REGEX_LIKE_RE.test(p)) continue;
        const range = lineRange(h.line, h.column, h.endColumn);
        let message: string | undefined;
        let severity: 'error' | 'warning' | 'info' = 'error';
        if (POSIX_ROOT_RE.test(p) || WINDOWS_RE.test(p) || UNC_RE.test(p)) {
          const colab = /^\/content\/drive\//.test(p) ? ' This is a Google Drive mount: the notebook only runs in Colab (see colab-only-code).' : '';
          message = `Hard-coded absolute path \`${p}\` — use a path relative to the project (e.g. \`Path('data') / 'x.csv'\`) or a config variable.${colab}`;
        } else if (HOME_RE.test(p)) {
          severity = 'warning';
          message = `Home-relative path \`${p}\` depends on the user's machine — use a path relative to the project.`;
        } else if (TMP_RE.test(p)) {
          severity = 'info';
          message = `Path \`${p}\` is in /tmp: it will not exist on another machine or after a restart.`;
        }
        if (!message) continue;
        seen.add(p);
        if (parameters) severity = 'info';
        emit({ cell, severity, range, message });
      }
      if (ws) missingRelative(c, created, ws.exists.bind(ws), emit);
      created.push(c.masked.text, ...c.masked.magics.map((m) => `${m.name} ${m.args}`));
    }
  },
};

function missingRelative(
  c: Parameters<CheckDef['run']>[0]['code'][number],
  created: string[],
  exists: (p: string) => boolean,
  emit: Parameters<CheckDef['run']>[1],
): void {
  const createdText = [...created, c.masked.text].filter((t) => CREATE_RE.test(t)).join('\n');
  for (const s of c.facts.strings) {
    if (!s.callee || s.fstring || s.concatenated) continue;
    const fn = s.callee.split('.').pop() ?? '';
    if (!READ_CALL_RE.test(fn)) continue;
    const p = s.value;
    if (!p || p.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(p) || WINDOWS_RE.test(p) || HOME_RE.test(p)) continue;
    const looksLikePath = /^\.{1,2}\//.test(p) || /\.[A-Za-z0-9]{1,5}$/.test(p);
    if (!looksLikePath) continue; // `org/model` hub ids are not paths
    if (fn === 'from_pretrained' && !/^\.{1,2}\//.test(p)) continue;
    if (exists(p)) continue;
    const first = p.replace(/^\.\//, '').split('/')[0];
    if (createdText.includes(p) || (first && createdText.includes(first))) continue;
    emit({ cell: c.cell.index, severity: 'warning', range: lineRange(s.line, s.column, s.endColumn), message: `File \`${p}\` is not in the repository and is not created or downloaded by the notebook.` });
  }
}
