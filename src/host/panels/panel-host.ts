// The one host for every webview panel: a panel is a descriptor (view type, title, webview entry,
// singleton or per key, how to restore it after a reload) + its protocol (src/protocol/<panel>.ts) + its
// webview entry (webview/<entry>/main.ts). The host creates and reveals panels, validates what the
// webview sends (dropping and logging anything else), answers `ready` (see PanelChannel: nothing is
// posted before it, channel state is replayed on it), routes requests to the controller with a reply
// handle that sends exactly one reply, registers the panel's WebviewPanelSerializer, and disposes.
import * as vscode from 'vscode';
import { errorMessage } from '../../core/util/fs';
import type { QuietGate } from '../../core/util/quiet-gate';
import type { MessageDefs, MessageOf, PanelProtocol, RequestSpec } from '../../protocol/schema';
import { PanelChannel, type Replier } from './panel-channel';
import { fromWebview, postToWebview } from './webview-channel';
import { panelOptions, renderPanelHtml } from './webview-html';

type AnyProtocol = PanelProtocol<MessageDefs, MessageDefs, Record<string, RequestSpec>>;
export type InboundOf<P extends AnyProtocol> = MessageOf<P['toHost']['defs']>;
export type OutboundOf<P extends AnyProtocol> = MessageOf<P['toWebview']['defs']>;
type RequestOf<P extends AnyProtocol> = Extract<InboundOf<P>, { type: keyof P['requests'] }>;

/** What a panel's controller gets: its VS Code panel and the channel to its webview. */
export interface PanelView<Out> {
  readonly panel: vscode.WebviewPanel;
  /** Posts now if the webview is ready; on a channel the newest post is also replayed on every `ready`. */
  post(msg: Out | Out[], channel?: string): void;
  readonly ready: boolean;
}

/** A panel's own behaviour; the host does the plumbing. */
export interface PanelController<P extends AnyProtocol> {
  /** After the webview said `ready` and the retained channel state was replayed. */
  onReady?(): void;
  /** Every validated message that is neither `ready` nor a request. */
  onMessage?(msg: Exclude<InboundOf<P>, RequestOf<P> | { type: 'ready' }>): void;
  /** A request: answer through `reply` (a throw or rejection becomes its `requestError`). */
  onRequest?(msg: RequestOf<P>, reply: Replier<OutboundOf<P>>): void | Promise<void>;
  dispose?(): void;
}

export interface PanelDescriptor<P extends AnyProtocol, Init, C extends PanelController<P>> {
  viewType: string;
  title: string;
  /** webview/<entry>/main.ts, bundled by esbuild.mjs to dist/webview/<entry>.js. */
  entry: string;
  /** Stylesheets in dist/webview besides media/panel.css (esbuild emits <entry>.css when main.ts imports CSS). */
  styles?: string[];
  column: vscode.ViewColumn | { viewColumn: vscode.ViewColumn; preserveFocus?: boolean };
  protocol: P;
  /** Per-key panels: the key an init opens; absent, the panel is a singleton. */
  keyOf?(init: Init): string;
  create(view: PanelView<OutboundOf<P>>, init: Init): C;
  /** show() of a panel that is open: bring it to this init (the default only reveals it). */
  update?(controller: C, init: Init): void;
  /** After a window reload VS Code hands back the panel with the webview's saved state (the serializer). */
  restore(saved: unknown): Init | Promise<Init>;
}

export interface PanelHostDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** Told of every message both ways and of each request until answered: background work waits for quiet. */
  quiet?: QuietGate;
}

const SINGLETON = '';

class HostedPanel<P extends AnyProtocol, C extends PanelController<P>> {
  readonly channel: PanelChannel<OutboundOf<P>>;
  readonly controller: C;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly descriptor: PanelDescriptor<P, unknown, C>,
    private readonly deps: PanelHostDeps,
    init: unknown,
    private readonly onDisposed: () => void,
  ) {
    this.channel = new PanelChannel((msg) => {
      deps.quiet?.touch();
      void postToWebview(panel.webview, msg);
    });
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'runlens.svg');
    panel.webview.html = renderPanelHtml(panel.webview, deps.extensionUri, descriptor.entry, descriptor.title, descriptor.styles);
    // Listen before the controller runs: its first posts wait for `ready`, which must not be missed.
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m) => this.receive(fromWebview(m))),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.channel.onHidden();
      }),
    );
    const channel = this.channel;
    this.controller = descriptor.create(
      {
        panel,
        post: (msg, ch) => channel.post(msg, ch),
        get ready() {
          return channel.isReady;
        },
      },
      init,
    );
  }

  private receive(raw: unknown): void {
    this.deps.quiet?.touch();
    const { protocol } = this.descriptor;
    if (!protocol.toHost.is(raw)) {
      this.deps.log.warn(`${protocol.name}: dropped an unknown message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    const msg = raw as InboundOf<P>;
    if (msg.type === 'ready') {
      this.channel.onReady();
      this.controller.onReady?.();
    } else if (Object.prototype.hasOwnProperty.call(protocol.requests, msg.type)) {
      const answered = this.request(msg as RequestOf<P>);
      void (this.deps.quiet ? this.deps.quiet.hold(answered) : answered);
    } else {
      this.controller.onMessage?.(msg as Exclude<InboundOf<P>, RequestOf<P> | { type: 'ready' }>);
    }
  }

  private async request(msg: RequestOf<P>): Promise<void> {
    const id = (msg as unknown as { id: number }).id;
    const reply = this.channel.replier(id, (rid, message) => ({ type: 'requestError', id: rid, message }) as unknown as OutboundOf<P>);
    try {
      if (!this.controller.onRequest) throw new Error(`no handler for ${msg.type}`);
      await this.controller.onRequest(msg, reply);
      if (!reply.settled) reply.fail(`${msg.type}: no reply`);
    } catch (err) {
      reply.fail(errorMessage(err));
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.onDisposed();
    this.channel.clear();
    while (this.disposables.length) this.disposables.pop()!.dispose();
    this.controller.dispose?.();
    this.panel.dispose();
  }
}

export class PanelHost<P extends AnyProtocol, Init, C extends PanelController<P>> implements vscode.Disposable {
  private readonly open = new Map<string, HostedPanel<P, C>>();

  constructor(
    readonly descriptor: PanelDescriptor<P, Init, C>,
    private readonly deps: PanelHostDeps,
  ) {}

  private keyOf(init: Init): string {
    return this.descriptor.keyOf?.(init) ?? SINGLETON;
  }

  /** Opens the panel for this init, or brings the open one to it and reveals it. */
  show(init: Init): C {
    const key = this.keyOf(init);
    const existing = this.open.get(key);
    const column = this.descriptor.column;
    if (existing) {
      this.descriptor.update?.(existing.controller, init);
      if (typeof column === 'object') existing.panel.reveal(column.viewColumn, column.preserveFocus);
      else existing.panel.reveal();
      return existing.controller;
    }
    const panel = vscode.window.createWebviewPanel(this.descriptor.viewType, this.descriptor.title, column, panelOptions(this.deps.extensionUri));
    return this.attach(key, panel, init);
  }

  /** A panel VS Code restored after a reload, with the state its webview saved. */
  async revive(panel: vscode.WebviewPanel, saved: unknown): Promise<C> {
    panel.webview.options = panelOptions(this.deps.extensionUri);
    const init = await this.descriptor.restore(saved);
    const key = this.keyOf(init);
    this.open.get(key)?.dispose();
    return this.attach(key, panel, init);
  }

  private attach(key: string, panel: vscode.WebviewPanel, init: Init): C {
    const hosted: HostedPanel<P, C> = new HostedPanel(panel, this.descriptor as PanelDescriptor<P, unknown, C>, this.deps, init, () => {
      if (this.open.get(key) === hosted) this.open.delete(key);
    });
    this.open.set(key, hosted);
    return hosted.controller;
  }

  /** The open singleton panel (or the one for `key`). */
  get(key = SINGLETON): C | undefined {
    return this.open.get(key)?.controller;
  }

  controllers(): C[] {
    return [...this.open.values()].map((p) => p.controller);
  }

  /** Restores this panel after a reload (activation event onWebviewPanel:<viewType>). */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(this.descriptor.viewType, {
      deserializeWebviewPanel: async (panel, state) => void (await this.revive(panel, state)),
    });
  }

  dispose(): void {
    for (const p of [...this.open.values()]) p.dispose();
  }
}
