import { type Signal, signal } from '@preact/signals';
import { emptyBar, type ToolbarState } from '@/components/Toolbar';
import type { SeenSetting } from '@/lib/account-setting';
import type { Feature } from '@/lib/crm/account-check';
import type { ActionsPage } from '@/lib/crm/actions-page';
import { appFromUrl } from '@/lib/crm/app';
import { DEFAULT_POLITENESS, PoliteQueue } from '@/lib/crm/polite';
import type { FrameCall, FrameEvent, FrameOp, FrameOps, ToolbarModel } from '@/lib/messaging/frame';
import { ask } from '@/lib/messaging/send';
import { loadOptions } from '@/lib/options';

// What the Actions page's features share: one small context, made once per page, handed to each
// feature's init(ctx, page). Each piece has one owner: the toolbar model is pushed from here,
// frame calls are answered by the feature that registered the op, and everything the page asks
// of the CRM goes through one polite queue.

type Answer<K extends FrameOp> = FrameOps[K]['res'];
type Handler<K extends FrameOp> = (
  req: Partial<FrameOps[K]['req']>,
  call: FrameCall,
) => Promise<Answer<K>> | Answer<K>;

export interface ActionsPageContext {
  app: string;
  /** Whether the main-world bridge answered (editor addresses can be learned from buttons). */
  bridge: boolean;
  queue: PoliteQueue;
  /** What the toolbar frame shows; change it, then push(). */
  model: ToolbarModel;
  push(): void;
  patch(p: Partial<ToolbarState>): void;
  /** To one of this page's frames, through the background. */
  toFrame(kind: FrameCall['kind'], event: FrameEvent): void;
  /** Registers the answer to a frame call (each op has one owner). */
  handle<K extends FrameOp>(op: K, fn: Handler<K>): void;
  /** Answers a frame call with its owner's handler. */
  answer(call: FrameCall): Promise<unknown>;
  /** Gives keyboard focus to the toolbar's frame (the toolbar owns it). */
  focusToolbar(): void;
  /** Re-reads the page's figures (an editor saved; the page changed its lists). */
  refresh(): Promise<void>;
  /** Runs on every refresh, with the page read afresh (e.g. "When does this run?"). */
  afterRefresh: Array<(read: ActionsPage) => void>;
  /** "Run Purchase Actions On All Orders", as last read (the explainer owns it). */
  setting: Signal<SeenSetting | null>;
  /** The editor shown inside the page ("open inside the page"), if any. */
  panel: Signal<{ url: string; title: string } | null>;
  /** Why a writing feature may not run on this account, or null (the account check owns it). */
  refusalOf(feature: Feature): Promise<string | null>;
}

export async function actionsPageContext(bridge: boolean): Promise<ActionsPageContext> {
  const app = appFromUrl(location.href) ?? 'unknown';
  const options = await loadOptions();
  const handlers = new Map<FrameOp, Handler<FrameOp>>();
  const page: ActionsPageContext = {
    app,
    bridge,
    queue: new PoliteQueue({
      ...DEFAULT_POLITENESS,
      maxInFlight: options.maxInFlight,
      maxPerSecond: options.maxPerSecond,
    }),
    model: {
      bar: emptyBar(app),
      snapshot: { phase: 'idle', resumable: null },
      bulkBusy: '',
      job: null,
    },
    push: () => page.toFrame('toolbar', { type: 'toolbar-state', model: page.model }),
    patch(p) {
      page.model.bar = { ...page.model.bar, ...p };
      page.push();
    },
    toFrame: (kind, event) => void ask({ type: 'frame-event', kind, event }),
    handle(op, fn) {
      handlers.set(op, fn as Handler<FrameOp>);
    },
    async answer(call) {
      const fn = handlers.get(call.op);
      if (!fn) throw new Error('Unknown request.');
      return fn((call.args ?? {}) as Partial<FrameOps[FrameOp]['req']>, call);
    },
    focusToolbar: () => {},
    refresh: async () => {},
    afterRefresh: [],
    setting: signal(null),
    panel: signal(null),
    // Until the account check is set up, nothing that writes is offered.
    refusalOf: async () => 'The account check has not run.',
  };
  return page;
}
