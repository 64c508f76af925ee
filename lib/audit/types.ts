import type { ActionSet, Snapshot } from '../model';
import { setKey } from '../model';

export type Severity = 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  why: string;
  /** The set the finding is about (model `setKey`); null for account-wide findings. */
  setKey: string | null;
  setName: string | null;
  detail: string;
}

/** A rule is data plus one pure check, so the list can be shown, filtered and tested as a table. */
export interface AuditRule {
  id: string;
  title: string;
  severity: Severity;
  why: string;
  check(snapshot: Snapshot): Finding[];
}

export function finding(
  rule: AuditRule,
  set: Pick<ActionSet, 'ref' | 'name'> | null,
  detail: string,
): Finding {
  return {
    ruleId: rule.id,
    severity: rule.severity,
    title: rule.title,
    why: rule.why,
    setKey: set ? setKey(set.ref) : null,
    setName: set ? set.name : null,
    detail,
  };
}

/** Long product lists are named, not dumped: the first few and a count. */
export function nameList(names: readonly string[], max = 8): string {
  const quoted = names.map((n) => `"${n}"`);
  if (quoted.length <= max) return quoted.join(', ');
  return `${quoted.slice(0, max).join(', ')} and ${quoted.length - max} more`;
}

export interface AuditResult {
  findings: Finding[];
  counts: Record<Severity, number> & { total: number };
}
