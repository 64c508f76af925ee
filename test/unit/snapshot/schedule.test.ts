import { describe, expect, it } from 'vitest';
import { snapshotDue } from '@/lib/snapshot/schedule';

const now = new Date('2026-11-23T12:00:00Z');

describe('snapshotDue', () => {
  it('is never due without a schedule', () => {
    expect(snapshotDue(null, null, now)).toBe(false);
    expect(snapshotDue('2020-01-01T00:00:00Z', undefined, now)).toBe(false);
  });
  it('is due with a schedule and no snapshot yet', () => {
    expect(snapshotDue(null, 7, now)).toBe(true);
  });
  it('is due once the newest snapshot is as old as the schedule', () => {
    expect(snapshotDue('2026-11-16T12:00:00Z', 7, now)).toBe(true);
    expect(snapshotDue('2026-11-16T12:00:01Z', 7, now)).toBe(false);
  });
});
