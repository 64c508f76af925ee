import type { SnapshotSource } from '../data';

export interface SnapshotsSectionProps {
  source: SnapshotSource;
  /** The account picked in the header, or null when there is none yet. */
  app: string | null;
}

// Placeholder: the lead fills in the snapshot list, diff and restore here. The props are what
// the App already passes, so filling it in needs no change to App.tsx.
export function SnapshotsSection(_props: SnapshotsSectionProps) {
  return (
    <section aria-labelledby="snapshots-title">
      <h2 id="snapshots-title">Snapshots</h2>
    </section>
  );
}
