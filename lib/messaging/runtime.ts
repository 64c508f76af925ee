import * as z from 'zod/mini';
import { STORE_OPS } from '../store/ops';
import { OpenerCall } from './bridge';
import { FRAME_KINDS } from './frame';

// Runtime messages (content scripts, extension pages <-> background), parsed where they enter.

const OpenHow = z.enum(['window', 'tab']);

export const ToBackground = z.discriminatedUnion('type', [
  /**
   * An editor page loaded; `key` is the URL its window first loaded (kept in sessionStorage), or
   * in the in-page panel's frame the page's own URL.
   */
  z.object({
    type: z.literal('editor-loaded'),
    key: z.string().check(z.maxLength(4096)),
    hasOpener: z.boolean(),
  }),
  /** The Actions page shows this editor in its in-page panel: only that panel's frame relays. */
  z.object({ type: z.literal('editor-panel'), key: z.string().check(z.maxLength(4096)) }),
  z.object({
    type: z.literal('editor-opener-call'),
    key: z.string().check(z.maxLength(4096)),
    call: OpenerCall,
  }),
  z.object({ type: z.literal('editor-status'), key: z.string().check(z.maxLength(4096)) }),
  z.object({
    type: z.literal('open-editor'),
    url: z.string().check(z.maxLength(4096)),
    features: z.string().check(z.maxLength(1024)),
    how: OpenHow,
  }),
  z.object({ type: z.literal('focus-editor'), key: z.string().check(z.maxLength(4096)) }),
  /**
   * "Only when blocked": an Actions click means an editor should arrive; if none has after
   * waitMs, the background opens it. The wait lives in the background: a CRM tab in the
   * background may have its timers held back.
   */
  z.object({
    type: z.literal('expect-editor'),
    url: z.string().check(z.maxLength(4096)),
    features: z.string().check(z.maxLength(1024)),
    waitMs: z.number().check(z.minimum(0), z.maximum(30_000)),
  }),
  /** The page's own window.open for that editor came back null: no need to wait. */
  z.object({ type: z.literal('editor-blocked'), url: z.string().check(z.maxLength(4096)) }),
  z.object({
    type: z.literal('open-dashboard'),
    app: z.optional(z.string().check(z.maxLength(100))),
  }),
  z.object({ type: z.literal('open-options') }),
  /** A finished snapshot from the Actions page; validated in full by the store. */
  z.object({ type: z.literal('snapshot-put'), snapshot: z.unknown() }),
  /** The newest snapshot of the sender's own account (for cheap re-reads of unchanged sets). */
  z.object({ type: z.literal('snapshot-latest') }),
  /** Whether the sender's account has a scheduled snapshot due now. */
  z.object({ type: z.literal('snapshot-due') }),
  z.object({ type: z.literal('snapshot-get'), id: z.string().check(z.maxLength(100)) }),
  /** Write-job journal (bulk copy, restore, undo), always of the sender tab's own account. */
  z.object({ type: z.literal('job-put'), job: z.unknown() }),
  z.object({
    type: z.literal('job-update'),
    id: z.string().check(z.maxLength(100)),
    status: z.optional(
      z.enum(['planned', 'running', 'paused', 'interrupted', 'done', 'cancelled', 'failed']),
    ),
    target: z.optional(
      z.object({
        key: z.string().check(z.maxLength(4096)),
        state: z.enum(['queued', 'writing', 'done', 'skipped', 'failed', 'changed']),
        error: z.optional(z.string().check(z.maxLength(2000))),
        /** The job is about to write to this set: a later Resume may find its own part-way work. */
        wrote: z.optional(z.boolean()),
      }),
    ),
  }),
  z.object({ type: z.literal('job-get'), id: z.string().check(z.maxLength(100)) }),
  z.object({ type: z.literal('jobs-open') }),
  /** The editor page itself asked to close (its Save does); only registered editors are closed. */
  z.object({ type: z.literal('editor-close'), key: z.string().check(z.maxLength(4096)) }),
  /** The Actions page's content script asks for one of the toolkit's frames (lib/messaging/frame.ts). */
  z.object({ type: z.literal('frame-open'), kind: z.enum(FRAME_KINDS) }),
  z.object({ type: z.literal('frame-close'), kind: z.enum(FRAME_KINDS) }),
  /** Content script -> its own registered frame of `kind`, through the background. */
  z.object({ type: z.literal('frame-event'), kind: z.enum(FRAME_KINDS), event: z.unknown() }),
  /** One writer per account: taken before a job writes, beaten while it runs, then released. */
  z.object({ type: z.literal('writer-acquire') }),
  z.object({ type: z.literal('writer-beat') }),
  z.object({ type: z.literal('writer-release') }),
  /** "Go there": the tab that is writing this account. */
  z.object({ type: z.literal('writer-focus') }),
  /**
   * The router (entrypoints/pat-router): this frame is one of ours; the background injects the
   * feature script into that one frame (background/inject.ts).
   */
  z.object({ type: z.literal('load-features') }),
  /** The dashboard's store calls: the background owns IndexedDB (background/dashboard.ts). */
  z.object({
    type: z.literal('store-call'),
    op: z.enum(STORE_OPS),
    args: z.array(z.unknown()).check(z.maxLength(4)),
  }),
  /** The Actions page's in-page editor panel loaded a page: route the tab's subframes. */
  z.object({ type: z.literal('route-panel') }),
  /** The toolbar button's pop-up: what the toolkit knows of that tab (extension pages only). */
  z.object({
    type: z.literal('popup-status'),
    tabId: z.int().check(z.minimum(0)),
  }),
  /** The pop-up's Take snapshot, on the Actions page in that tab (extension pages only). */
  z.object({
    type: z.literal('popup-snapshot'),
    tabId: z.int().check(z.minimum(0)),
  }),
]);
export type ToBackground = z.infer<typeof ToBackground>;

export const ToContent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('editor-notice'), text: z.string().check(z.maxLength(500)) }),
  z.object({
    type: z.literal('editor-changed'),
    key: z.string().check(z.maxLength(4096)),
    open: z.boolean(),
  }),
  z.object({
    type: z.literal('opener-call'),
    key: z.string().check(z.maxLength(4096)),
    call: OpenerCall,
  }),
]);
export type ToContent = z.infer<typeof ToContent>;
