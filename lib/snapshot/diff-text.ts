import type { Action } from '../model';
import type { SetDiff, SnapshotDiff } from './diff';

// The diff as plain text (command line, copy to clipboard). CRM strings may hold control
// characters; in a terminal an ESC sequence could rewrite the screen, so they are made visible.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const one = (a: Action) => printable(a.summary ? `${a.label}: ${a.summary}` : a.label);
const show = (v: string | null) => (v === null ? '(none)' : JSON.stringify(printable(v)));

function setLines(s: SetDiff): string[] {
  const mark = { added: '+', removed: '-', changed: '~', unchanged: '=', unknown: '?' }[s.status];
  const lines = [
    `${mark} ${printable(s.name)} (${s.status === 'unchanged' ? 'order only' : s.status === 'unknown' ? `not compared: ${printable(s.notRead ?? '')}` : s.status})`,
  ];
  // Positions are printed 1-based, as an admin counts rows in the editor.
  for (const r of s.removed) lines.push(`    - #${r.at + 1} ${one(r.action)}`);
  for (const a of s.added) lines.push(`    + #${a.at + 1} ${one(a.action)}`);
  for (const c of s.changed) {
    lines.push(`    ~ #${c.to + 1} ${printable(c.is.label)}`);
    for (const f of c.changes)
      lines.push(`        ${printable(f.field)}: ${show(f.was)} -> ${show(f.is)}`);
  }
  for (const m of s.moved) lines.push(`    ^ ${one(m.action)}: #${m.from + 1} -> #${m.to + 1}`);
  return lines;
}

export function formatDiffText(d: SnapshotDiff, title?: { was: string; is: string }): string {
  const c = d.counts;
  const lines: string[] = [];
  if (title) lines.push(`Comparing ${printable(title.was)} with ${printable(title.is)}`);
  if (d.settingChanged) {
    lines.push(
      `Run Purchase Actions On All Orders: ${d.settingChanged.was} -> ${d.settingChanged.is}`,
    );
  }
  lines.push(
    `Sets: ${c.setsChanged} changed, ${c.setsAdded} added, ${c.setsRemoved} removed, ${c.setsUnchanged} unchanged${c.setsUnknown ? `, ${c.setsUnknown} not compared (not read)` : ''}`,
    `Actions: ${c.actionsAdded} added, ${c.actionsRemoved} removed, ${c.actionsChanged} changed, ${c.actionsMoved} moved (order only)`,
  );
  const shown = d.sets.filter((s) => s.status !== 'unchanged' || s.moved.length > 0);
  for (const s of shown) lines.push('', ...setLines(s));
  return `${lines.join('\n')}\n`;
}
