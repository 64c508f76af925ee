/**
 * Saves text as a file through an object URL and a temporary <a download>. The link is appended
 * next to the dialog (inside the shadow root) because Firefox ignores clicks on detached links.
 */
export function downloadText(near: Element, fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  near.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Job ids come from storage; keep only characters every file system accepts. */
export function reportFileName(jobId: string, undoing: boolean): string {
  const safe = jobId.replace(/[^\w-]+/g, '_').slice(0, 60) || 'job';
  return `${undoing ? 'bulk-undo' : 'bulk-copy'}-report-${safe}.csv`;
}
