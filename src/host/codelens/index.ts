// Runlens next to the code: CodeLens over tracking calls, hover on hyperparameter literals, and the
// "Open Source at Run's Commit" / "Diff Code Between Runs" / "Diff Params Between Runs" commands. One entry
// point for activate().
import * as vscode from 'vscode';
import type { IndexService } from '../indexing/index-service';
import { GIT_SCHEME, GitContentProvider } from './git-content';
import { HyperparamHoverProvider } from './hyperparam-hover';
import { diffParams, PARAMS_SCHEME, ParamsContentProvider } from './params-diff';
import { ScriptRunsCache } from './script-runs';
import { diffRuns, openSourceAtCommit } from './source-commands';
import { TrackingCodeLensProvider } from './tracking-codelens';

export interface CodeNavigationDeps {
  index: IndexService;
  /** Runs ticked in the Runs view (Diff uses exactly two ticked runs when given no arguments). */
  selectedRunKeys?: () => string[];
}

const PYTHON: vscode.DocumentSelector = [{ language: 'python', scheme: 'file' }];

export function registerCodeNavigation(context: vscode.ExtensionContext, deps: CodeNavigationDeps): void {
  const cache = new ScriptRunsCache(deps.index);
  const lenses = new TrackingCodeLensProvider(cache);
  context.subscriptions.push(
    cache,
    lenses,
    vscode.languages.registerCodeLensProvider(PYTHON, lenses),
    vscode.languages.registerHoverProvider(PYTHON, new HyperparamHoverProvider(cache)),
    vscode.workspace.registerTextDocumentContentProvider(GIT_SCHEME, new GitContentProvider()),
    vscode.commands.registerCommand('runlens.openSourceAtCommit', (...args: unknown[]) => openSourceAtCommit(deps, args)),
    vscode.commands.registerCommand('runlens.diffRuns', (...args: unknown[]) => diffRuns(deps, args)),
    vscode.workspace.registerTextDocumentContentProvider(PARAMS_SCHEME, new ParamsContentProvider(deps.index)),
    vscode.commands.registerCommand('runlens.diffParams', (...args: unknown[]) => diffParams(deps, args)),
  );
}
