import { notReadParts, type Snapshot } from '../model';
import { AUDIT_RULES } from './rules';
import { type AuditResult, type AuditRule, type Finding, SEVERITIES } from './types';

export { auditReportHtml, escapeHtml } from './report-html';
export { AUDIT_RULES, significantWords } from './rules';
export type { AuditResult, AuditRule, Finding, Severity } from './types';
export { SEVERITIES } from './types';

/**
 * Runs every rule. A rule that throws is reported as a finding instead of ending the audit:
 * one broken rule must not hide the others' findings.
 */
export function audit(snapshot: Snapshot, rules: readonly AuditRule[] = AUDIT_RULES): AuditResult {
  const findings: Finding[] = [];
  // Rules judge only what was read whole; what was not is said once, so no finding rests on a
  // set the snapshot never saw (an unread set is not an empty one).
  const judged: Snapshot = { ...snapshot, sets: snapshot.sets.filter((s) => !s.notRead) };
  const unjudged = notReadParts(snapshot);
  if (unjudged.length) {
    findings.push({
      ruleId: 'not-read',
      severity: 'low',
      title: 'Part of this snapshot was not read, so the checks could not judge it',
      why: 'The toolkit records what it could not read instead of guessing; the other parts were checked.',
      setKey: null,
      setName: null,
      detail: unjudged.join(' '),
    });
  }
  for (const rule of rules) {
    try {
      findings.push(...rule.check(judged));
    } catch (e) {
      findings.push({
        ruleId: rule.id,
        severity: 'low',
        title: `The check "${rule.title}" could not run`,
        why: 'An internal error; the other checks ran.',
        setKey: null,
        setName: null,
        detail: e instanceof Error ? e.message : String(e),
      });
    }
  }
  // Stable: by severity, then in rule order.
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
  findings.sort((a, b) => rank(a) - rank(b));
  const counts = { high: 0, medium: 0, low: 0, total: findings.length };
  for (const f of findings) counts[f.severity]++;
  return { findings, counts };
}
