import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPanelHtml } from '../../../../src/host/panels/panel-html';

test('the panel CSP allows nothing by default, no <base> and no form submission', () => {
  const html = buildPanelHtml({ cspSource: 'vscode-resource:', scriptUri: 'x.js', styleUris: ['a.css'], nonce: 'n1', title: 'T <b>', panel: 'curves' });
  const csp = /content="([^"]+)"/.exec(html)![1]!.split('; ');
  for (const d of ["default-src 'none'", "script-src 'nonce-n1'", "base-uri 'none'", "form-action 'none'"]) assert.ok(csp.includes(d), d);
  assert.ok(html.includes('<title>T &lt;b&gt;</title>'));
});
