// Kept apart from the report builder so the toolbar frame can name the file without bundling it.

/** A file name for the report: no account name in it (the file travels with bug reports). */
export function pageShapeFileName(now: Date = new Date()): string {
  return `page-shape-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`;
}
