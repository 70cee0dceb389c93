// Notebook readiness in the real workbench: a random notebook gets the general profile (no course-only
// findings), a folder configured as a course gets the hand-in profile, and the panel restores on its notebook
// the way VS Code hands it back after a window reload (through the panel's serializer).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { NOTEBOOK_VIEW_TYPE, NotebookReadinessPanel } from '../../../src/host/notebook/panel';
import { ReadinessService } from '../../../src/host/notebook/readiness-service';
import { unpackMessage } from '../../../src/protocol/packing';
import { suiteConfig } from './config';
import { closeAllEditors, runlensApi, waitFor, webviewTabs } from './helpers';

/** A small, executed notebook without the course's sections. */
function notebookJson(title: string): string {
  const cell = (cell_type: string, source: string, extra: object = {}) => ({ cell_type, metadata: {}, source, ...extra });
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 4,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python', version: '3.11.4' } },
    cells: [cell('markdown', `# ${title}\n\nPlots a sine wave.`), cell('code', 'import math\nprint(math.sin(1.0))', { execution_count: 1, outputs: [{ output_type: 'stream', name: 'stdout', text: '0.84\n' }] })],
  });
}

function readinessCodes(doc: vscode.NotebookDocument): string[] {
  return doc.getCells().flatMap((c) => vscode.languages.getDiagnostics(c.document.uri).filter((d) => d.source === 'Runlens').map((d) => String(d.code)));
}

suite('notebook readiness', () => {
  let random: string;
  let course: string;

  suiteSetup(async () => {
    await runlensApi();
    const { manifest } = suiteConfig();
    random = path.join(manifest.workspace, 'scratch', 'sine.ipynb');
    course = path.join(manifest.workspace, 'course', 'project_1.ipynb');
    for (const file of [random, course]) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, notebookJson('Sine waves'));
    }
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('runlens.notebookReadiness').update('folderProfiles', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  test('a random notebook gets the general profile; a folder set to hand-in gets the course checks', async () => {
    await vscode.workspace.getConfiguration('runlens.notebookReadiness').update('folderProfiles', { course: 'hand-in' }, vscode.ConfigurationTarget.Workspace);
    const doc = await vscode.workspace.openNotebookDocument(vscode.Uri.file(random));
    await vscode.window.showNotebookDocument(doc);
    // title-and-name (a very short file name) is a general finding: it shows the analysis ran.
    const general = await waitFor('readiness diagnostics on sine.ipynb', () => (readinessCodes(doc).includes('title-and-name') ? readinessCodes(doc) : undefined));
    for (const id of ['required-section-missing', 'acknowledgment-missing', 'no-tests']) assert.ok(!general.includes(id), `${id} in ${general.join(', ')}`);
    const courseDoc = await vscode.workspace.openNotebookDocument(vscode.Uri.file(course));
    await vscode.window.showNotebookDocument(courseDoc);
    const handIn = await waitFor('course diagnostics on course/project_1.ipynb', () => (readinessCodes(courseDoc).includes('required-section-missing') ? readinessCodes(courseDoc) : undefined));
    assert.ok(handIn.includes('no-tests'), handIn.join(', '));
    const messages = courseDoc.getCells().flatMap((c) => vscode.languages.getDiagnostics(c.document.uri).map((d) => d.message));
    assert.ok(messages.some((m) => m.includes("Section 'Tools used' is missing")), messages.join('\n'));
    // The course notebook stays open for the next test: reopening a notebook whose editor was just closed
    // takes the workbench about 30 s.
  });

  test('the panel VS Code restores after a reload shows the notebook it showed before, in its own group', async function () {
    this.timeout(60_000);
    const { repo } = suiteConfig();
    const doc = vscode.workspace.notebookDocuments.find((d) => d.uri.fsPath === course) ?? (await vscode.workspace.openNotebookDocument(vscode.Uri.file(course)));
    await vscode.window.showNotebookDocument(doc);
    const groupsBefore = vscode.window.tabGroups.all.length;
    // What VS Code does on reload: it creates the panel with the saved state and calls the serializer, which
    // hands it to revive(). The panel is created beside the notebook, as the command would.
    const panel = vscode.window.createWebviewPanel(NOTEBOOK_VIEW_TYPE, 'Notebook Readiness', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    const posted: Array<{ type: string; report?: { fileName: string; profile: string; profileReason: string; uri?: string } }> = [];
    const post = panel.webview.postMessage.bind(panel.webview);
    panel.webview.postMessage = (m: unknown) => {
      // Every panel message goes out packed (protocol/packing); record what it stands for.
      posted.push(unpackMessage(m) as (typeof posted)[number]);
      return post(m);
    };
    const log = vscode.window.createOutputChannel('Runlens readiness test', { log: true });
    const service = new ReadinessService({});
    try {
      await NotebookReadinessPanel.revive(panel, vscode.Uri.file(repo), service, log, { collapsed: [], notebook: doc.uri.toString() });
      const report = await waitFor('the restored panel to post its report', () => posted.find((m) => m.type === 'report')?.report);
      assert.equal(report.fileName, 'project_1.ipynb');
      assert.equal(report.uri, doc.uri.toString());
      assert.equal(report.profile, 'hand-in');
      assert.match(report.profileReason, /folder "course\/"/);
      assert.equal(webviewTabs(NOTEBOOK_VIEW_TYPE).length, 1);
      assert.ok(vscode.window.tabGroups.all.every((g) => g.tabs.length > 0), 'no empty editor group is left');
      assert.equal(vscode.window.tabGroups.all.length, groupsBefore + 1);
      // A saved notebook that no longer exists: the panel still opens and says what to do, nothing throws.
      const gone = vscode.window.createWebviewPanel(NOTEBOOK_VIEW_TYPE, 'Notebook Readiness', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
      const goneMessages: Array<{ type: string }> = [];
      const postGone = gone.webview.postMessage.bind(gone.webview);
      gone.webview.postMessage = (m: unknown) => {
        goneMessages.push(unpackMessage(m) as { type: string });
        return postGone(m);
      };
      await NotebookReadinessPanel.revive(gone, vscode.Uri.file(repo), service, log, { notebook: vscode.Uri.file(path.join(path.dirname(course), 'deleted.ipynb')).toString() });
      await waitFor('the second restored panel to post something', () => goneMessages.length > 0);
      await waitFor('one readiness panel (the newer one replaced the first)', () => webviewTabs(NOTEBOOK_VIEW_TYPE).length === 1);
    } finally {
      await closeAllEditors();
      service.dispose();
      log.dispose();
    }
  });
});
