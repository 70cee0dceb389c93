// Guessing which column of a results table plays which part, from the header and a sample of
// rows. The guess is a starting point the user can correct; its rules, in order:
//   1. empty columns and a pandas index column (`''` / `Unnamed: 0` holding 0..n-1) are ignored;
//   2. the id is the first column named like an id (run_id, TrialComponentName, id, …) whose sampled
//      values are all present and distinct; name, experiment, status, start and end time likewise
//      by name (status and times only when their values read as such);
//   3. a role prefix decides (`params.` / `params_` / `config.` → param, `metrics.` / `summary.` →
//      metric, `tags.` / `user_attrs_` → tag);
//   4. (mostly) numeric columns named like results (loss, acc, f1, score, `:` in the name, `X - Avg`) are
//      metrics, even when constant;
//   5. other constant columns are ignored (same value in every sampled row, at least 2 rows);
//   6. text that describes rather than configures (ARNs, paths, URLs, times, notes) is a tag;
//   7. everything else — numeric or categorical — is a param.
import { cellNumber, cellText, cellTime, isMissing } from './cells';
import {
  END_NAMES,
  EXPERIMENT_NAMES,
  ID_NAMES,
  isMetricName,
  isTagName,
  isTagValue,
  NAME_NAMES,
  prefixRole,
  squash,
  START_NAMES,
  STATUS_NAMES,
} from './column-names';
import type { TableCell, TableMapping } from './types';

interface Profile {
  name: string;
  present: number;
  /** Every present value is a number. */
  numeric: boolean;
  /** At least half of the present values are numbers (a metric column with a few `n/a`). */
  mostlyNumeric: boolean;
  distinct: number;
  /** Every sampled row has a value and no two are equal. */
  unique: boolean;
  constant: boolean;
  texts: string[];
}

function profile(name: string, column: TableCell[]): Profile {
  const texts: string[] = [];
  let numbers = 0;
  for (const cell of column) {
    if (isMissing(cell)) continue;
    texts.push(cellText(cell)!);
    if (cellNumber(cell) !== undefined) numbers++;
  }
  const distinct = new Set(texts).size;
  return {
    name,
    present: texts.length,
    numeric: numbers > 0 && numbers === texts.length,
    mostlyNumeric: numbers > 0 && numbers * 2 >= texts.length,
    distinct,
    unique: texts.length === column.length && distinct === texts.length,
    constant: column.length >= 2 && texts.length === column.length && distinct === 1,
    texts,
  };
}

function isPandasIndex(p: Profile): boolean {
  if (p.name !== '' && !/^Unnamed: \d+$/.test(p.name)) return false;
  return p.numeric && p.unique;
}

export function guessTableMapping(header: string[], sampleRows: TableCell[][]): TableMapping {
  const profiles = header.map((name, i) => profile(name, sampleRows.map((r) => r[i] ?? null)));
  const mapping: TableMapping = { paramColumns: [], metricColumns: [], tagColumns: [], ignored: [] };
  const taken = new Set<string>();
  const take = (name: string | undefined) => {
    if (name !== undefined) taken.add(name);
    return name;
  };

  for (const p of profiles) {
    if (p.present > 0 && !isPandasIndex(p)) continue;
    take(p.name);
    mapping.ignored.push(p.name);
  }

  // role columns are found by their squashed name; prefixed columns (`tags.run`) never play a role
  const bySquashed = new Map<string, Profile[]>();
  for (const p of profiles) {
    if (prefixRole(p.name)) continue;
    const key = squash(p.name);
    bySquashed.set(key, [...(bySquashed.get(key) ?? []), p]);
  }
  const byName = (candidates: string[], ok: (p: Profile) => boolean): string | undefined => {
    for (const c of candidates) {
      const p = (bySquashed.get(c) ?? []).find((x) => !taken.has(x.name) && ok(x));
      if (p) return p.name;
    }
    return undefined;
  };
  mapping.idColumn = take(byName(ID_NAMES, (p) => p.unique));
  mapping.nameColumn = take(byName(NAME_NAMES, (p) => !p.numeric));
  mapping.experimentColumn = take(byName(EXPERIMENT_NAMES, (p) => !p.numeric));
  mapping.statusColumn = take(byName(STATUS_NAMES, (p) => !p.numeric));
  const timeLike = (p: Profile) => p.texts.every((t) => cellTime(t) !== undefined);
  mapping.startTimeColumn = take(byName(START_NAMES, timeLike));
  mapping.endTimeColumn = take(byName(END_NAMES, timeLike));

  for (const p of profiles) {
    if (taken.has(p.name)) continue;
    const role = prefixRole(p.name)?.role;
    if (role === 'param') mapping.paramColumns.push(p.name);
    else if (role === 'metric') (p.mostlyNumeric ? mapping.metricColumns : mapping.tagColumns!).push(p.name);
    else if (role === 'tag') mapping.tagColumns!.push(p.name);
    else if (p.mostlyNumeric && isMetricName(p.name)) mapping.metricColumns.push(p.name);
    else if (p.constant) mapping.ignored.push(p.name);
    else if (!p.numeric && (isTagName(p.name) || p.texts.some(isTagValue))) mapping.tagColumns!.push(p.name);
    else mapping.paramColumns.push(p.name);
  }
  for (const k of ['idColumn', 'nameColumn', 'experimentColumn', 'statusColumn', 'startTimeColumn', 'endTimeColumn'] as const) {
    if (mapping[k] === undefined) delete mapping[k];
  }
  return mapping;
}

const SPECIAL = ['idColumn', 'nameColumn', 'experimentColumn', 'statusColumn', 'startTimeColumn', 'endTimeColumn'] as const;
const LISTS = ['paramColumns', 'metricColumns', 'tagColumns', 'ignored'] as const;

/** Every column a (partial) mapping mentions. */
export function mentionedColumns(m: Partial<TableMapping>): Set<string> {
  const s = new Set<string>();
  for (const k of SPECIAL) if (m[k] !== undefined) s.add(m[k]!);
  for (const k of LISTS) for (const c of m[k] ?? []) s.add(c);
  return s;
}

/**
 * The user's mapping wins for every column it mentions; the guess fills in the rest (so columns
 * added to the file after the mapping was saved still show up).
 */
export function completeMapping(user: Partial<TableMapping> | undefined, guessed: TableMapping): TableMapping {
  if (!user) return guessed;
  const mentioned = mentionedColumns(user);
  const out: TableMapping = { paramColumns: [], metricColumns: [], tagColumns: [], ignored: [] };
  for (const k of SPECIAL) {
    const v = user[k] ?? (guessed[k] !== undefined && !mentioned.has(guessed[k]!) ? guessed[k] : undefined);
    if (v !== undefined) out[k] = v;
  }
  const special = new Set(SPECIAL.map((k) => out[k]).filter((v): v is string => v !== undefined));
  for (const k of LISTS) {
    const fromUser = (user[k] ?? []).filter((c) => !special.has(c));
    const fromGuess = (guessed[k] ?? []).filter((c) => !mentioned.has(c) && !special.has(c));
    out[k] = [...fromUser, ...fromGuess];
  }
  // a guessed special column the user did not keep goes back to the lists as the guess would place it
  for (const k of SPECIAL) {
    const g = guessed[k];
    if (g !== undefined && !special.has(g) && !mentioned.has(g)) out.tagColumns!.push(g);
  }
  return out;
}
