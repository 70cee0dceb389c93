// CSV results tables via csv-parse. A malformed record (stray quote, unclosed quote from a
// half-written last line) must cost that record only: csv-parse stops at the first such error
// and its own skip option resynchronises badly after quote errors, so on an error the parse is
// restarted on the line after the start of the bad record.
import { parse } from 'csv-parse/sync';
import type { ParsedTable, TableProblem, TableRow } from './types';

/** Beyond this many malformed records the file is not a CSV worth reading further. */
const MAX_PROBLEMS = 200;

interface CsvErrorLike {
  message?: string;
  lines?: number;
}

/** `,` unless the header line has more `;` or tabs (European Excel, TSV saved as .csv). */
function sniffDelimiter(firstLine: string): string {
  const count = (d: string) => firstLine.split(d).length - 1;
  const candidates = [',', ';', '\t'];
  return candidates.reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

export function parseCsvText(text: string): ParsedTable {
  const lines = text.split(/\r\n|\r|\n/);
  const delimiter = sniffDelimiter(lines.find((l) => l.trim() !== '') ?? '');
  const records: TableRow[] = [];
  const problems: TableProblem[] = [];
  let start = 1; // physical line where the current chunk starts
  while (start <= lines.length) {
    let lastEnd = start - 1;
    let recordStart = start;
    const chunk = start === 1 ? text : lines.slice(start - 1).join('\n');
    try {
      parse(chunk, {
        bom: start === 1,
        delimiter,
        relax_column_count: true,
        skip_empty_lines: true,
        on_record: (record: string[], ctx: { lines: number }) => {
          records.push({ line: recordStart, cells: record });
          lastEnd = start - 1 + ctx.lines;
          recordStart = lastEnd + 1;
          return null; // keep only our copy
        },
      });
      break;
    } catch (err) {
      let bad = lastEnd + 1;
      while (bad <= lines.length && lines[bad - 1].trim() === '') bad++;
      const e = err as CsvErrorLike;
      problems.push({ line: bad, message: `malformed CSV record: ${(e.message ?? String(err)).replace(/ at line \d+/, '')}` });
      if (problems.length >= MAX_PROBLEMS) {
        problems.push({ message: `stopped after ${MAX_PROBLEMS} malformed records (line ${bad})` });
        break;
      }
      start = bad + 1;
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
