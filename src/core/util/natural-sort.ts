// Natural order for names people number: version_2 before version_10, checkpoint-500 before checkpoint-1000.

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Compares digit runs by value and the rest case-insensitively; ties fall back to code-unit order (stable and total). */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
