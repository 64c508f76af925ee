import type * as z from 'zod/mini';

// Plain words for what a schema refused, in the data's own terms (`sets[5].actions[0].label:
// expected a string, got a number`). zod/mini carries no message texts (its English locale is
// left out of the bundles), so every user-facing validation message is written here: an
// imported file's refusal, a stored record that no longer reads, a snapshot the background refused.

type PathPart = PropertyKey;

export function formatPath(path: readonly PathPart[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out || '(the file)';
}

export function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true/false';
  return typeof value;
}

function at(root: unknown, path: readonly PathPart[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, p)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true/false',
  array: 'a list',
  object: 'an object',
  nonoptional: 'a value',
};

const NUMERIC = new Set(['number', 'int', 'bigint']);

/** What is wrong at the issue's path; `root` is the value that was checked (for "got ..."). */
export function issueMessage(issue: z.core.$ZodIssue, root: unknown): string {
  const got = kindOf(at(root, issue.path));
  switch (issue.code) {
    case 'invalid_type':
      return got === 'nothing'
        ? `missing (expected ${EXPECTED[issue.expected] ?? issue.expected})`
        : `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${got}`;
    case 'invalid_format':
      if (issue.format === 'datetime')
        return 'expected a date and time such as 2026-08-03T11:00:00.000Z';
      return issue.format === 'regex'
        ? 'not in the expected form'
        : `expected the ${issue.format} format`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      // A discriminated union (an action set's `ref`) names the values its key may take.
      if (issue.discriminator !== undefined && 'options' in issue && issue.options)
        return `expected one of ${issue.options.map((v) => JSON.stringify(v)).join(', ')}`;
      // The one plain union of the model: an action's configuration value.
      return `expected a string, a list of strings or true/false, got ${got}`;
    case 'too_big':
      return NUMERIC.has(issue.origin)
        ? `too large (at most ${issue.maximum})`
        : `too long (at most ${issue.maximum})`;
    case 'too_small':
      return NUMERIC.has(issue.origin)
        ? `too small (at least ${issue.minimum})`
        : `too short (at least ${issue.minimum})`;
    case 'unrecognized_keys':
      return `unexpected ${issue.keys.length > 1 ? 'keys' : 'key'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      // `custom`: a refinement, whose message is our own.
      return issue.message;
  }
}

/** `path: message`, or the message alone when the issue is about the whole value. */
export function issueLine(issue: z.core.$ZodIssue, root: unknown): string {
  const message = issueMessage(issue, root);
  return issue.path.length ? `${formatPath(issue.path)}: ${message}` : message;
}
