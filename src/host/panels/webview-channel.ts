// The host's end of every panel's message channel: messages go out packed (one buffer for all their typed
// arrays, see protocol/packing) and come in unpacked before the panel's guard sees them.
import type * as vscode from 'vscode';
import { packMessage, unpackMessage } from '../../protocol/packing';

export function postToWebview(webview: vscode.Webview, message: unknown): Thenable<boolean> {
  return webview.postMessage(packMessage(message));
}

/** Inbound: the message a (possibly packed) webview message stands for; the caller still validates it. */
export const fromWebview = unpackMessage;
