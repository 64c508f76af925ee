// The contract between the bulk-copy dialog (components/bulk-copy, no CRM knowledge) and the
// content script that runs it (entrypoints/purchase-actions.content/bulk-copy/bulk-run.ts).

export type SetKind = 'default' | 'product';
export type CopyMode = 'add' | 'replace';

export interface ActionLine {
  label: string;
  summary: string;
}

/** A set the admin can copy from: live on this page, or from a stored snapshot (any account). */
export interface SourceOption {
  id: string;
  name: string;
  kind: SetKind;
  /** null while unknown (the page shows no counts). */
  actionCount: number | null;
  /** "live" or a snapshot label like "acme, 2026-11-20 14:03". */
  origin: string;
}

/** A set the admin can copy into: the five Default Settings sets and every product. */
export interface TargetOption {
  key: string;
  name: string;
  kind: SetKind;
  category?: string;
  /** Whether the Actions page lists it with actions (products without actions are not listed). */
  hasActions: boolean;
}

export interface PreviewTarget {
  key: string;
  name: string;
  change: 'none' | 'add' | 'replace';
  before: ActionLine[];
  after: ActionLine[];
}

export interface Preview {
  mode: CopyMode;
  sourceName: string;
  summary: { targets: number; changing: number; unchanged: number; adds: number; removes: number };
  targets: PreviewTarget[];
  /** What the admin must know before writing: targets a restore cannot match, and why. */
  notes?: string[];
  /** Undo only: sets it will not write (someone changed them since the job), and what changed. */
  refused?: RefusedTarget[];
}

export interface RefusedTarget {
  key: string;
  name: string;
  reason: string;
  /** Plain words, one line per action. */
  changes: string[];
}

/** 'changed': someone else wrote to it since the preview, so nothing was written to it. */
export type TargetState = 'queued' | 'writing' | 'done' | 'skipped' | 'failed' | 'changed';

export interface RunProgress {
  jobId: string;
  status: 'running' | 'paused' | 'interrupted' | 'done' | 'cancelled' | 'failed';
  /** Why it stopped, in plain words (session ended, repeated failures, ...). */
  message?: string;
  done: number;
  skipped: number;
  failed: number;
  /** Stopped as changed since the preview: not failures, and not written. */
  changed: number;
  left: number;
  etaMs: number | null;
  targets: { key: string; name: string; state: TargetState; reason?: string }[];
}

/**
 * What the dialog asks of the content script: the reads and the writes. Every call may reject
 * with a plain message.
 */
export interface BulkCopyWork {
  /** Reads every chosen target (the dry run). */
  preview(
    sourceId: string,
    targetKeys: string[],
    mode: CopyMode,
    onRead: (done: number, total: number) => void,
  ): Promise<Preview>;
  /** Snapshot of the targets first, then the writes; progress arrives through onProgress. */
  run(preview: Preview, onProgress: (p: RunProgress) => void): Promise<RunProgress>;
  pause(): void;
  resume(onProgress: (p: RunProgress) => void): Promise<RunProgress>;
  cancel(): void;
  retryFailed(onProgress: (p: RunProgress) => void): Promise<RunProgress>;
  /** What Undo will do: every touched target back to its pre-copy state. */
  undoPreview(jobId: string): Promise<Preview>;
  undo(jobId: string, onProgress: (p: RunProgress) => void): Promise<RunProgress>;
}

/** Everything the dialog calls: the content script's work, and what its own frame does. */
export interface BulkCopyActions extends BulkCopyWork {
  /**
   * The report as CSV text (the dialog downloads it). The frame's own: the CSV writer
   * (papaparse) never ships into the CRM page's content script.
   */
  reportCsv(p: RunProgress): string;
}
