// Files the user downloads. Built from the model only, saved with a Blob + object URL + <a download>:
// nothing leaves the machine over the network, and the CRM's strings stay data (the CSV neutralises
// formulas, the audit page escapes HTML and forbids scripts).
import { audit, auditReportHtml } from '@/lib/audit';
import type { Snapshot } from '@/lib/model';
import { exportCsv, exportFileName, exportJson } from '@/lib/snapshot/export';

export interface DownloadFile {
  blob: Blob;
  name: string;
}

export type Download = (file: DownloadFile) => void;

export function jsonFile(snapshots: readonly Snapshot[]): DownloadFile {
  return {
    blob: new Blob([exportJson(snapshots)], { type: 'application/json' }),
    name: exportFileName(snapshots, 'json'),
  };
}

export function csvFile(snapshots: readonly Snapshot[]): DownloadFile {
  return {
    blob: new Blob([exportCsv(snapshots)], { type: 'text/csv;charset=utf-8' }),
    name: exportFileName(snapshots, 'csv'),
  };
}

/** The printable audit page of one snapshot; it opens in any browser and prints cleanly. */
export function auditFile(snapshot: Snapshot): DownloadFile {
  const html = auditReportHtml(snapshot, audit(snapshot));
  return {
    blob: new Blob([html], { type: 'text/html;charset=utf-8' }),
    name: exportFileName([snapshot], 'json').replace(/\.json$/, '-audit.html'),
  };
}

export const downloadFile: Download = ({ blob, name }) => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Not revoked at once: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
