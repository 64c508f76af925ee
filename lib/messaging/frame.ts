import type {
  CopyMode,
  Preview,
  RunProgress,
  SourceOption,
  TargetOption,
} from '@/components/bulk-copy/types';
import type { SnapshotPhase } from '@/components/SnapshotControl';
import type { ToolbarState } from '@/components/Toolbar';
import type { AccountCheckResult } from '@/lib/crm/account-check';
import type { Action } from '@/lib/model';
import type { PageShapeReport } from '@/lib/page-shape';

// The toolkit's own frames on the Actions page: an extension-origin document the page can neither
// read nor click. The content script creates it in a closed shadow
// root; the background registers it for one tab and one frame; every call from it goes through
// the background, which relays it to that tab's top frame only. Calls and answers are typed here,
// once: `FrameOps[op]` is the request and its answer.

export const FRAME_KINDS = ['toolbar', 'bulk-copy'] as const;
export type FrameKind = (typeof FRAME_KINDS)[number];

/** What the in-page toolbar frame shows; pushed whole by the content script on every change. */
export interface ToolbarModel {
  bar: ToolbarState;
  snapshot: SnapshotPhase;
  /** "Reading the products…", or why Bulk copy cannot start. */
  bulkBusy: string;
  /** An unfinished write job of this account. */
  job: { jobId: string; left: number; runningInOtherTab: boolean } | null;
  /** The account check of this page's session (lib/crm/account-check), once asked for. */
  accountCheck?: AccountCheckView;
}

export interface AccountCheckView {
  running: boolean;
  result: AccountCheckResult | null;
  /** Why the check itself could not run (its findings are in `result`). */
  error: string;
}

/** A source resolved by the background from the store: only what this account will receive. */
export type SourceSpec =
  | { kind: 'live' }
  | { kind: 'set'; name: string; actions: Action[] }
  | {
      kind: 'restore';
      label: string;
      /** Per chosen target key, the actions the snapshot has for it (matched by name across accounts). */
      byKey: Record<string, Action[]>;
      missing: string[];
      ambiguous: string[];
      /** Chosen targets whose set the snapshot did not read whole: left as they are. */
      unread: string[];
    };

export interface FrameOps {
  // toolbar
  'toolbar-state': { req: Record<string, never>; res: ToolbarModel };
  'snapshot-take': { req: { resume: boolean }; res: null };
  'snapshot-cancel': { req: Record<string, never>; res: null };
  'snapshot-discard': { req: Record<string, never>; res: null };
  'notice-dismiss': { req: Record<string, never>; res: null };
  'bulk-open': { req: { resume: boolean }; res: null };
  'frame-height': { req: { px: number }; res: null };
  /** Brings the tab that is writing this account to the front (the background does it). */
  'writer-focus': { req: Record<string, never>; res: boolean };
  /** Runs the read-only account check again; the model shows its table. */
  'account-check': { req: Record<string, never>; res: AccountCheckResult };
  /** The page-shape report of the pages the check read (the check runs first if it has not). */
  'page-shape': { req: Record<string, never>; res: PageShapeReport };
  // bulk-copy dialog
  'bulk-setup': {
    req: Record<string, never>;
    res: { sources: SourceOption[]; targets: TargetOption[]; resume: RunProgress | null };
  };
  'bulk-preview': {
    req: {
      sourceId: string;
      keys: string[];
      mode: CopyMode;
      /** Filled in by the background for stored sources; the frame never sends it. */
      source?: SourceSpec;
      /** Names of the chosen targets (the background matches snapshot sets to them by name). */
      names?: Record<string, string>;
    };
    res: Preview & { id: string };
  };
  'bulk-run': { req: { previewId: string }; res: RunProgress };
  'bulk-pause': { req: Record<string, never>; res: null };
  'bulk-cancel': { req: Record<string, never>; res: null };
  'bulk-resume': { req: Record<string, never>; res: RunProgress };
  'bulk-retry': { req: Record<string, never>; res: RunProgress };
  'bulk-undo-preview': { req: { jobId: string }; res: Preview & { id: string } };
  'bulk-undo': { req: { jobId: string }; res: RunProgress };
  'bulk-close': { req: Record<string, never>; res: null };
}
export type FrameOp = keyof FrameOps;

/** Which frame may ask what: the toolbar cannot drive a copy, the dialog cannot take snapshots. */
export const OPS_OF: Record<FrameKind, readonly FrameOp[]> = {
  toolbar: [
    'toolbar-state',
    'snapshot-take',
    'snapshot-cancel',
    'snapshot-discard',
    'notice-dismiss',
    'bulk-open',
    'frame-height',
    'writer-focus',
    'account-check',
    'page-shape',
  ],
  'bulk-copy': [
    'bulk-setup',
    'bulk-preview',
    'bulk-run',
    'bulk-pause',
    'bulk-cancel',
    'bulk-resume',
    'bulk-retry',
    'bulk-undo-preview',
    'bulk-undo',
    'bulk-close',
    'frame-height',
  ],
};

/** Content script -> its own frame (through the background's port to that frame only). */
export type FrameEvent =
  | { type: 'toolbar-state'; model: ToolbarModel }
  /** The dialog closed: the toolbar gives focus back to its Bulk copy button. */
  | { type: 'focus-bulk-copy' }
  | { type: 'bulk-read'; done: number; total: number }
  | { type: 'bulk-progress'; progress: RunProgress };

/** Frame <-> background, over the frame's one port. */
export type FramePortIn =
  | { type: 'hello'; token: string }
  | { type: 'call'; id: number; op: FrameOp; args: unknown };
export type FramePortOut =
  | { type: 'welcome'; kind: FrameKind; app: string }
  | { type: 'refused'; reason: string }
  | { type: 'answer'; id: number; ok: true; value: unknown }
  | { type: 'answer'; id: number; ok: false; error: string }
  | { type: 'event'; event: FrameEvent };

/** Background -> the tab's top frame: run one op for the registered frame of `kind`. */
export interface FrameCall {
  type: 'frame-call';
  kind: FrameKind;
  op: FrameOp;
  args: unknown;
}

export const FRAME_PORT = 'pat-frame';
export const FRAME_PAGE = '/toolkit-frame.html';
