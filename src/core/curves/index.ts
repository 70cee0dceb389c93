// Pure logic of the Curves explorer (layout into charts and groups, aggregation per group, export
// serialisers). Bundled into the webview and used by the host and tests; no DOM, no 'vscode'.
export * from './dimensions';
export * from './layout';
export * from './run-names';
export * from './palette';
export * from './groups';
export * from './csv';
export * from './svg';
