import type { Action, ActionFacts } from '../model';
import { norm } from './text';

// What an action does, in terms features compare (audit, search, double-run warnings). The edit
// form's config is the source; the list's summary is a fallback for a set read without `deep`.
// Type labels are Keap's documented ones (labels.ts); field captions are matched loosely because
// only the labels are public, not the forms.

type Config = NonNullable<Action['config']>;

const values = (v: Config[string] | undefined): string[] =>
  (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).map(norm).filter((s) => s !== '');

/** Values of the config fields whose caption matches `caption` (first matching field wins). */
function configValues(config: Config | undefined, caption: RegExp, not?: RegExp): string[] {
  for (const [label, v] of Object.entries(config ?? {})) {
    if (caption.test(label) && !not?.test(label)) {
      const found = values(v);
      if (found.length) return found;
    }
  }
  return [];
}

/** The text after "<prefix>:" in a summary such as "Apply tag: Customer". */
function summaryAfter(summary: string, prefix: RegExp): string[] {
  const m = new RegExp(`^(?:${prefix.source})\\s*:\\s*(.+)$`, 'i').exec(norm(summary));
  return m?.[1] ? [m[1]] : [];
}

const is = (label: string, start: string) => norm(label).toLowerCase().startsWith(start);

function tagFacts(a: Action): ActionFacts {
  const mode = Object.values(a.config ?? {})
    .flatMap(values)
    .find((v) => /^(apply|remove)$/i.test(v));
  let tags = configValues(a.config, /^tags?$/i);
  let removes = mode ? /^remove$/i.test(mode) : undefined;
  if (!tags.length || removes === undefined) {
    const m = /^(apply|remove) tags?\s*:\s*(.+)$/i.exec(norm(a.summary));
    if (m?.[2]) {
      if (!tags.length) tags = [m[2]];
      removes ??= m[1]?.toLowerCase() === 'remove';
    }
  }
  if (!tags.length) return {};
  return removes ? { removesTags: tags } : { appliesTags: tags };
}

export function factsOf(action: Action): ActionFacts {
  const { label, config, summary } = action;
  if (is(label, 'apply/remove tag')) return tagFacts(action);
  if (is(label, 'send an email')) {
    const t = configValues(config, /template|email/i);
    const found = t.length ? t : summaryAfter(summary, /send (?:an )?email/);
    return found.length ? { emailTemplates: found } : {};
  }
  if (is(label, 'send an http post')) {
    const u = configValues(config, /url/i);
    const found = u.length ? u : (norm(summary).match(/https?:\/\/\S+/gi) ?? []);
    return found.length ? { urls: found } : {};
  }
  if (is(label, 'run another action set')) {
    const s = configValues(config, /action set/i);
    const found = s.length ? s : summaryAfter(summary, /run (?:another )?action set/);
    return found[0] ? { runsActionSet: found[0] } : {};
  }
  return {};
}
