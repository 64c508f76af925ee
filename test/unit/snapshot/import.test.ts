import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseExport } from '@/lib/snapshot/import';
import { fixtureText, snap } from './helpers';

const wrap = (snapshots: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'purchase-actions-toolkit/snapshots',
    version: 1,
    exportedAt: '2026-08-03T12:00:00.000Z',
    snapshots,
    ...extra,
  });

function errorOf(text: string): string {
  const r = parseExport(text);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error;
}

describe('parseExport: fixtures', () => {
  it.each([
    ['hostile-truncated.txt', 'the file is truncated: it ends in the middle of the data'],
    [
      'hostile-newer-version.json',
      'made by a newer version of the extension (v2); update the extension',
    ],
    [
      'hostile-proto.json',
      'snapshots[0].sets[2].actions[1].config.__proto__: the key "__proto__" is not allowed',
    ],
    [
      'hostile-wrong-types.json',
      'snapshots[2].sets[6].actions[0].label: expected a string, got a number',
    ],
    [
      'hostile-wrong-format.json',
      'format: expected "purchase-actions-toolkit/snapshots", got "some-other-tool/backup"',
    ],
    ['hostile-bad-date.json', 'snapshots[0].takenAt: expected a date and time'],
    ['hostile-not-json.txt', 'not a JSON file'],
  ])('%s is refused: %s', (file, message) => {
    expect(errorOf(fixtureText(file))).toContain(message);
  });

  it('keeps HTML in a product name as text and strips unknown fields', () => {
    const r = parseExport(fixtureText('hostile-html-name.json'));
    if (!r.ok) throw new Error(r.error);
    const s = r.snapshots[0];
    expect(s?.products.map((p) => p.name)).toContain('<img src=x onerror=alert(1)>');
    expect(s?.sets.at(-1)?.name).toBe('<img src=x onerror=alert(1)>');
    expect(s && 'unknownField' in s).toBe(false);
  });

  it.each(['pool-demo.json', 'pool-demo-history.json', 'pool-demo-single.json'])(
    '%s is valid',
    (f) => {
      expect(parseExport(fixtureText(f)).ok).toBe(true);
    },
  );
});

describe('parseExport: generated', () => {
  const good = snap();
  it.each<[string, string, string]>([
    ['empty', '  ', 'the file is empty'],
    ['a list', '[]', 'expected an export object, got a list'],
    ['no format', '{"snapshots":[]}', 'no "format" field'],
    [
      'a string version',
      wrap([good], { version: '1' }),
      'version: expected a whole number, got a string',
    ],
    ['an old version', wrap([good], { version: 0 }), 'version: unknown version 0'],
    [
      'a constructor key',
      wrap([{ ...good, constructor: { prototype: {} } }]),
      'snapshots[0].constructor: the key',
    ],
    ['too deep', `${'['.repeat(MAX_DEPTH + 5)}${']'.repeat(MAX_DEPTH + 5)}`, 'nested more than'],
    [
      'a missing field',
      wrap([{ ...good, sets: undefined }]),
      'snapshots[0].sets: missing (expected a list)',
    ],
    [
      'a bad enum',
      wrap([{ ...good, runOnAllOrders: 'maybe' }]),
      'snapshots[0].runOnAllOrders: expected one of "yes", "no", "unknown"',
    ],
    [
      'a bad config value',
      wrap([
        {
          ...good,
          sets: [{ ...good.sets[0], actions: [{ label: 'x', summary: 'y', config: { a: 1 } }] }],
        },
      ]),
      'snapshots[0].sets[0].actions[0].config.a: expected a string, a list of strings or true/false, got a number',
    ],
    [
      'an odd config key',
      wrap([
        {
          ...good,
          sets: [
            {
              ...good.sets[0],
              actions: [{ label: 'x', summary: 'y', config: { 'E-mail to': 2 } }],
            },
          ],
        },
      ]),
      'config["E-mail to"]',
    ],
    [
      'a bad exportedAt',
      wrap([good], { exportedAt: 'yesterday' }),
      'exportedAt: expected a date and time',
    ],
    [
      'an impossible date',
      wrap([{ ...good, takenAt: '2026-02-30T10:00:00.000Z' }]),
      'snapshots[0].takenAt',
    ],
    ['several problems', wrap([{ ...good, app: 5, host: 5 }]), '(and 1 more problem)'],
  ])('refuses %s', (_, text, message) => {
    expect(errorOf(text)).toContain(message);
  });

  it('refuses more than 5,000 snapshots before validating them', () => {
    const text = wrap(Array.from({ length: 5001 }, () => ({})));
    expect(errorOf(text)).toBe('snapshots: 5001 snapshots, more than the 5000 allowed');
  });

  it('refuses more than 50 MB', () => {
    // Multi-byte characters: 20 M of them are 60 MB of UTF-8 though only 20 M string units.
    const text = wrap([{ ...good, name: '€'.repeat(20 * 1024 * 1024) }]);
    expect(errorOf(text)).toBe('the file is larger than 50 MB');
  });

  it('accepts a bare snapshot and a BOM', () => {
    expect(parseExport(`\ufeff${JSON.stringify(good)}`)).toEqual({ ok: true, snapshots: [good] });
  });

  it('does not pollute Object.prototype', () => {
    parseExport(fixtureText('hostile-proto.json'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
