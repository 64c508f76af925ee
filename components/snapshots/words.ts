// Plain words and small pure helpers shared by the snapshot components: kept out of the .tsx files
// so they can be tested without rendering and reused by the section (file names, status lines).
import {
  type Action,
  type ActionSet,
  type CarriedFrom,
  DefaultTrigger,
  type Rules,
  type SnapshotCause,
  type SnapshotMeta,
} from '@/lib/model';

export const CAUSE_WORDS: Record<SnapshotCause, string> = {
  manual: 'taken by hand',
  'before-bulk-copy': 'before a bulk copy',
  'before-restore': 'before a restore',
  scheduled: 'scheduled',
  import: 'imported',
};

/** Local date and time; an unreadable date is shown as stored rather than as "Invalid Date". */
export function when(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toLocaleString() : iso;
}

/** What a snapshot is called in lists and headings: its name, else when it was taken. */
export function snapshotTitle(m: Pick<SnapshotMeta, 'name' | 'takenAt'>): string {
  return m.name ? `${m.name} (${when(m.takenAt)})` : when(m.takenAt);
}

/** How a carried-over action is marked wherever it is shown (view, diff, findings). */
export function carriedWords(c: CarriedFrom): string {
  return `carried over from the snapshot of ${when(c.takenAt)}, not re-read`;
}

/** What a timeline row must say about where a snapshot's contents came from. */
export function provenanceLines(
  m: Pick<SnapshotMeta, 'importedAt' | 'carriedCount' | 'takenAt' | 'notReadCount'>,
): string[] {
  const out: string[] = [];
  if (m.notReadCount) {
    out.push(
      `Partial: ${plural(m.notReadCount, 'part')} not read (open it to see which and why); diffs and findings leave ${m.notReadCount === 1 ? 'it' : 'them'} out.`,
    );
  }
  if (m.importedAt) {
    out.push(
      `Imported ${when(m.importedAt)}; "${when(m.takenAt)}" is the file's claim, not a reading by this browser.`,
    );
  }
  if (m.carriedCount) {
    out.push(
      `${plural(m.carriedCount, 'action')}: configuration and rules carried over from an earlier snapshot, not re-read.`,
    );
  }
  return out;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function countsLine(m: Pick<SnapshotMeta, 'setCount' | 'actionCount' | 'productCount'>) {
  return [
    plural(m.setCount, 'set'),
    plural(m.actionCount, 'action'),
    plural(m.productCount, 'product'),
  ].join(' · ');
}

export function bytes(n: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

/**
 * The page's order: the five Default Settings sets in the CRM's order, then products A-Z
 * (accent- and case-insensitive, as an admin reads a list).
 */
export function orderedSets(sets: readonly ActionSet[]): ActionSet[] {
  const rank = (s: ActionSet) =>
    s.ref.kind === 'default' ? DefaultTrigger.options.indexOf(s.ref.trigger) : Infinity;
  return [...sets].sort(
    (a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
  );
}

const MATCH_WORDS: Record<Rules['match'], string> = {
  all: 'Only when all of these are true',
  any: 'Only when any of these is true',
  none: 'Only when none of these is true',
};

/** An action's rules as a sentence, or null when it always runs. */
export function rulesWords(rules: Rules | undefined): string | null {
  if (!rules || rules.criteria.length === 0) return null;
  const parts = rules.criteria.map((c) => `${c.field} ${c.operator} "${c.value}"`);
  return `${MATCH_WORDS[rules.match]}: ${parts.join('; ')}.`;
}

/** Everything a search box should find an action by: type, summary, tags, emails, URLs, config. */
export function actionHaystack(a: Action): string {
  const f = a.facts ?? {};
  const config = Object.entries(a.config ?? {}).flatMap(([k, v]) => [
    k,
    ...(Array.isArray(v) ? v : [String(v)]),
  ]);
  return [
    a.label,
    a.summary,
    ...(f.appliesTags ?? []),
    ...(f.removesTags ?? []),
    ...(f.emailTemplates ?? []),
    ...(f.urls ?? []),
    f.runsActionSet ?? '',
    ...config,
  ]
    .join('\n')
    .toLowerCase();
}

const FACT_WORDS: Record<string, string> = {
  summary: 'Summary',
  rules: 'Rules',
  'facts.appliesTags': 'Tags applied',
  'facts.removesTags': 'Tags removed',
  'facts.emailTemplates': 'Email templates',
  'facts.urls': 'URLs',
  'facts.runsActionSet': 'Runs action set',
};

/** A diff field ("config.Tag", "facts.urls") in the words the edit form uses. */
export function fieldWords(field: string): string {
  return FACT_WORDS[field] ?? (field.startsWith('config.') ? field.slice(7) : field);
}
