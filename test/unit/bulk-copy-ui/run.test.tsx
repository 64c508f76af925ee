import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunProgress } from '@/components/bulk-copy/types';
import {
  alertText,
  button,
  click,
  liveText,
  open,
  press,
  reportRows,
  settle,
  syntheticClick,
  text,
  toPreview,
  toRunning,
} from './helpers';

const runCounts = (root: Element) => text(root.querySelector('[data-testid="pat-bc-run-counts"]'));
const runMessage = (root: Element) =>
  text(root.querySelector('[data-testid="pat-bc-run-message"]'));
const hasButton = (root: Element, label: string) =>
  [...root.querySelectorAll('button')].some((b) => text(b) === label);

const FINISHED_WITH_FAILURE: Partial<RunProgress> = {
  status: 'done',
  done: 1,
  failed: 1,
  left: 0,
  targets: [
    { key: 'p2', name: 'Pool Brush', state: 'done' },
    {
      key: 'p3',
      name: 'Hose',
      state: 'failed',
      reason: 'The editor did not save: 2 actions read back, 3 expected',
    },
  ],
};

const INTERRUPTED: RunProgress = {
  jobId: 'job-7',
  status: 'interrupted',
  message: 'The CRM session ended. Log in again, then Resume.',
  done: 3,
  skipped: 1,
  failed: 0,
  changed: 0,
  left: 4,
  etaMs: null,
  targets: [{ key: 'p2', name: 'Pool Brush', state: 'queued' }],
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('bulk copy dialog: running', () => {
  it('copies the previewed sets and shows live progress', async () => {
    const { root, fake } = await open();
    await toRunning(root);
    const run = fake.calls.find((c) => c.name === 'run');
    expect(run?.args[0]).toMatchObject({ mode: 'add', summary: { changing: 2 } });
    expect(runCounts(root)).toBe('0 done · 0 failed · 2 left');
    expect(text(root)).toContain('about 2 min left');
    expect(liveText(root)).toBe('Copying: 0 of 2 sets');
    expect(root.querySelector('progress')?.getAttribute('max')).toBe('2');
  });

  it('reports each target, failures first with the reason, and retries only the failed', async () => {
    const { root, fake } = await open();
    await toRunning(root);
    await act(() => fake.finish(FINISHED_WITH_FAILURE));
    await settle();
    expect(runCounts(root)).toBe('1 done · 1 failed · 0 left');
    expect(reportRows(root)).toEqual([
      ['Hose', 'Failed', 'The editor did not save: 2 actions read back, 3 expected'],
      ['Pool Brush', 'Done', ''],
    ]);
    expect(runMessage(root)).toBe('Finished with 1 failed set');
    await click(root, 'Retry failed only');
    expect(fake.calls.at(-1)).toEqual({ name: 'retryFailed', args: [['p3']] });
    expect(reportRows(root).map((r) => r[1])).toEqual(['Done', 'Done']);
    expect(hasButton(root, 'Retry failed only')).toBe(false);
  });

  it('passes Pause, Resume and Cancel through', async () => {
    const { root, fake } = await open();
    await toRunning(root);
    expect(hasButton(root, 'Resume')).toBe(false);
    await click(root, 'Pause');
    expect(fake.names().at(-1)).toBe('pause');
    expect(runMessage(root)).toBe('Paused after 0 of 2 sets');
    await click(root, 'Resume');
    expect(fake.names().at(-1)).toBe('resume');
    expect(liveText(root)).toBe('Copying: 0 of 2 sets');
    await click(root, 'Cancel');
    expect(fake.names().at(-1)).toBe('cancel');
    expect(runMessage(root)).toBe('Cancelled');
    expect(hasButton(root, 'Pause')).toBe(false);
    expect(hasButton(root, 'Undo…')).toBe(true);
  });

  it('opens an interrupted job at its progress with the reason and Resume', async () => {
    const { root, fake } = await open({ resumeJob: INTERRUPTED });
    expect(runMessage(root)).toBe('The CRM session ended. Log in again, then Resume.');
    expect(runCounts(root)).toBe('3 done · 0 failed · 4 left · 1 skipped');
    expect(root.querySelector('[aria-current="step"]')?.textContent).toBe('Copy');
    await click(root, 'Resume');
    expect(fake.names()).toEqual(['resume']);
  });

  it('keeps the dialog open with Escape while copying, closes it once stopped', async () => {
    const { root, fake, closed } = await open();
    await toRunning(root);
    await press(root, 'Escape');
    expect(closed()).toBe(0);
    expect(button(root, 'Close').disabled).toBe(true);
    await act(() => fake.finish({ status: 'done', done: 2, left: 0 }));
    await settle();
    await press(root, 'Escape');
    expect(closed()).toBe(1);
  });

  it('exports the report as a CSV download', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      created.push(b as Blob);
      return 'blob:report';
    });
    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicks.push(this);
    });
    const { root, fake } = await open();
    await toRunning(root);
    await act(() => fake.finish(FINISHED_WITH_FAILURE));
    await settle();
    await click(root, 'Export report (CSV)');
    expect(fake.calls.at(-1)).toEqual({ name: 'reportCsv', args: ['job-1'] });
    expect(await created[0]?.text()).toBe('key,state\np2,done\np3,failed');
    expect(clicks[0]?.download).toBe('bulk-copy-report-job-1.csv');
    expect(clicks[0]?.getAttribute('href')).toBe('blob:report');
  });

  it('shows a run that fails to start as an alert and stays on the preview', async () => {
    const { root, fake } = await open();
    await toPreview(root);
    fake.failNext('run', 'This tab shows a different account than the job.');
    await click(root, 'Copy to');
    expect(alertText(root)).toBe('This tab shows a different account than the job.');
    expect(root.querySelector('[data-testid="pat-bc-counts"]')).not.toBeNull();
    expect(button(root, 'Copy to').disabled).toBe(false);
  });
});

// Issue 9, defence in depth: the dialog lives in an extension frame a page cannot click in, and
// still its buttons that write ignore a synthetic click, the kind a script makes with
// `el.click()`. Each case tries that first, then shows the admin's click works.
describe('bulk copy dialog: synthetic clicks start nothing', () => {
  it('Copy', async () => {
    const { root, fake } = await open();
    await toPreview(root);
    await syntheticClick(root, 'Copy to');
    expect(fake.names()).not.toContain('run');
    expect(text(root.querySelector('h2'))).toBe('Preview');
    await click(root, 'Copy to');
    expect(fake.names()).toContain('run');
  });

  it('Retry failed only', async () => {
    const { root, fake } = await open();
    await toRunning(root);
    await act(() => fake.finish(FINISHED_WITH_FAILURE));
    await settle();
    await syntheticClick(root, 'Retry failed only');
    expect(fake.names()).not.toContain('retryFailed');
    await click(root, 'Retry failed only');
    expect(fake.calls.at(-1)).toEqual({ name: 'retryFailed', args: [['p3']] });
  });

  it('Resume of an interrupted job', async () => {
    const { root, fake } = await open({ resumeJob: INTERRUPTED });
    await syntheticClick(root, 'Resume');
    expect(fake.names()).toEqual([]);
    await click(root, 'Resume');
    expect(fake.names()).toEqual(['resume']);
  });
});
