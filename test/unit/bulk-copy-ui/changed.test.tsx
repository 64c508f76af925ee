import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { RunProgress } from '@/components/bulk-copy/types';
import { click, open, reportRows, settle, text, toRunning } from './helpers';

// Issue 10: a target someone changed after the preview is stopped with what changed, counted
// apart from failures, and can be previewed again; Undo shows the sets it refuses and why.

const runCounts = (root: Element) => text(root.querySelector('[data-testid="pat-bc-run-counts"]'));
const runMessage = (root: Element) =>
  text(root.querySelector('[data-testid="pat-bc-run-message"]'));
const hasButton = (root: Element, label: string) =>
  [...root.querySelectorAll('button')].some((b) => text(b) === label);

const CHANGED_REASON =
  'Changed since the preview, so nothing was written to it. Preview again to plan against what is there now. An action "Apply tag: VIP" was added since the preview.';

const ONE_CHANGED: Partial<RunProgress> = {
  status: 'done',
  done: 1,
  changed: 1,
  left: 0,
  targets: [
    { key: 'p2', name: 'Pool Brush', state: 'done' },
    { key: 'p1', name: 'Chlorine Tabs', state: 'changed', reason: CHANGED_REASON },
  ],
};

const ALL_DONE: Partial<RunProgress> = {
  status: 'done',
  done: 2,
  left: 0,
  targets: [
    { key: 'p2', name: 'Pool Brush', state: 'done' },
    { key: 'p1', name: 'Chlorine Tabs', state: 'done' },
  ],
};

describe('bulk copy dialog: a set changed since the preview', () => {
  it('is reported apart from failures, with what changed, and can be previewed again', async () => {
    const { root, fake } = await open();
    await toRunning(root);
    await act(() => fake.finish(ONE_CHANGED));
    await settle();
    expect(runCounts(root)).toBe('1 done · 0 failed · 0 left · 1 changed since the preview');
    expect(runMessage(root)).toBe(
      'Finished with 1 set changed since the preview (nothing written to them)',
    );
    expect(reportRows(root)).toEqual([
      ['Chlorine Tabs', 'Changed since the preview', CHANGED_REASON],
      ['Pool Brush', 'Done', ''],
    ]);
    expect(text(root.querySelector('[data-testid="pat-bc-changed-note"]'))).toContain(
      'nothing was written to it',
    );
    // Not a failure: nothing to retry.
    expect(hasButton(root, 'Retry failed only')).toBe(false);
    await click(root, 'Preview the changed sets again');
    const preview = fake.calls.at(-1);
    expect(preview?.name).toBe('preview');
    expect(preview?.args.slice(0, 3)).toEqual([
      fake.calls.find((c) => c.name === 'preview')?.args[0],
      ['p1'],
      'add',
    ]);
    expect(text(root.querySelector('h2'))).toBe('Preview');
    expect(text(root.querySelector('[data-testid="pat-bc-counts"]'))).toContain('Targets1');
  });

  it('the control case: a run with no changed set offers no second preview', async () => {
    const { root, fake } = await open();
    await toRunning(root);
    await act(() => fake.finish(ALL_DONE));
    await settle();
    expect(runMessage(root)).toBe('Finished');
    expect(hasButton(root, 'Preview the changed sets again')).toBe(false);
    expect(root.querySelector('[data-testid="pat-bc-changed-note"]')).toBeNull();
  });
});

describe('bulk copy dialog: Undo refuses a set changed since the job', () => {
  it('names the refused set and what changed before anything is undone', async () => {
    const { root, fake } = await open();
    await toRunning(root);
    await act(() => fake.finish(ALL_DONE));
    await settle();
    const base = fake.actions.undoPreview;
    fake.actions.undoPreview = async (jobId) => ({
      ...(await base(jobId)),
      refused: [
        {
          key: 'p1',
          name: 'Chlorine Tabs',
          reason: 'Someone else changed it since this job, so Undo leaves it alone.',
          changes: ['an action "Apply tag: VIP" was added after this job wrote it'],
        },
      ],
    });
    await click(root, 'Undo…');
    const refused = text(root.querySelector('[data-testid="pat-bc-refused"]'));
    expect(refused).toContain('Chlorine Tabs');
    expect(refused).toContain('Someone else changed it since this job');
    expect(refused).toContain('"Apply tag: VIP" was added after this job wrote it');
  });
});
