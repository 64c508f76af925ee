// Placeholder: the lead fills in the snapshot list, diff and restore here.
export function SnapshotsSection() {
  return (
    <section aria-labelledby="snapshots-title">
      <h2 id="snapshots-title">Snapshots</h2>
    </section>
  );
}
