// CSV results tables. A record on one line is split directly (the common case, and many times
// faster than a csv-parse call per line); anything else — a quoted field spanning lines, a stray
// quote — goes through csv-parse. A malformed record (stray quote, or the unclosed quote of a half-written last line)
// costs only the line it starts on: reading resumes on the next line.
import { parse } from 'csv-parse/sync';
import type { ParsedTable, TableProblem, TableRow } from './types';

/** Beyond this many malformed records the file is not a CSV worth reading further. */
const MAX_PROBLEMS = 200;
/** A quoted field may hold newlines; one spanning more lines than this is taken for a stray quote. */
const MAX_RECORD_LINES = 5000;

/** `,` unless the header line has more `;` or tabs (European Excel, TSV saved as .csv). */
function sniffDelimiter(firstLine: string): string {
  const count = (d: string) => firstLine.split(d).length - 1;
  const candidates = [',', ';', '\t'];
  return candidates.reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

function countQuotes(line: string): number {
  let n = 0;
  for (let i = line.indexOf('"'); i >= 0; i = line.indexOf('"', i + 1)) n++;
  return n;
}

/**
 * One physical line holding one complete RFC 4180 record (quoted fields, `""` escapes), split
 * without csv-parse's per-call cost. Undefined when the line is anything else (an open quote that
 * continues on the next line, a stray quote): csv-parse then decides and explains.
 */
function splitQuotedLine(line: string, delimiter: string): string[] | undefined {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return undefined; // the quote continues on the next line
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      cells.push(value);
      if (i === line.length) return cells;
      if (!line.startsWith(delimiter, i)) return undefined; // text after a closing quote
      i += delimiter.length;
    } else {
      const d = line.indexOf(delimiter, i);
      const field = d < 0 ? line.slice(i) : line.slice(i, d);
      if (field.includes('"')) return undefined; // a quote inside an unquoted field
      cells.push(field);
      if (d < 0) return cells;
      i = d + delimiter.length;
    }
  }
}

export function parseCsvText(text: string): ParsedTable {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[0]?.charCodeAt(0) === 0xfeff) lines[0] = lines[0].slice(1);
  const delimiter = sniffDelimiter(lines.find((l) => l.trim() !== '') ?? '');
  const records: TableRow[] = [];
  const problems: TableProblem[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line === '') {
      i++;
      continue;
    }
    const simple = line.includes('"') ? splitQuotedLine(line, delimiter) : line.split(delimiter);
    if (simple) {
      records.push({ line: i + 1, cells: simple });
      i++;
      continue;
    }
    // gather lines until the quotes balance: a quoted field may span lines
    let end = i;
    let quotes = countQuotes(line);
    while (quotes % 2 === 1 && end + 1 < lines.length && end - i < MAX_RECORD_LINES) quotes += countQuotes(lines[++end]);
    try {
      const parsed = parse(lines.slice(i, end + 1).join('\n'), { delimiter, relax_column_count: true }) as string[][];
      for (const cells of parsed) records.push({ line: i + 1, cells });
      i = end + 1;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      problems.push({ line: i + 1, message: `malformed CSV record: ${message.replace(/ at line \d+/, '')}` });
      if (problems.length >= MAX_PROBLEMS) {
        problems.push({ message: `stopped after ${MAX_PROBLEMS} malformed records (line ${i + 1})` });
        break;
      }
      i++;
    }
  }
  const [head, ...rows] = records;
  return { kind: 'csv', header: head ? uniqueHeader(head.cells as string[]) : [], rows, problems };
}

/** Duplicate or blank header names made unique, so every column can be named in a mapping. */
export function uniqueHeader(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw) => {
    const name = String(raw ?? '').trim();
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}
