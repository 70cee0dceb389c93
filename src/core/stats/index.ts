// Statistics for comparing runs across seeds (decisions.md §2). Pure; no vscode.
export * from './describe';
export * from './distributions';
export * from './tests';
export * from './bootstrap';
export * from './aso';
export * from './compare';
export * from './kendall';
