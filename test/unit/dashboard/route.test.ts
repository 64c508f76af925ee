import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '@/entrypoints/dashboard/route';

describe('dashboard hash routes', () => {
  it('reads the section and the account', () => {
    expect(parseHash('#/what?app=poolsupply')).toEqual({ section: 'what', app: 'poolsupply' });
    expect(parseHash('#/matrix')).toEqual({ section: 'matrix', app: null });
    expect(parseHash('#/why?app=a%20b')).toEqual({ section: 'why', app: 'a b' });
  });

  it('"#app=<name>" preselects the account on the first section', () => {
    expect(parseHash('#app=demo')).toEqual({ section: 'snapshots', app: 'demo' });
  });

  it('falls back to Snapshots for an empty or unknown hash', () => {
    expect(parseHash('')).toEqual({ section: 'snapshots', app: null });
    expect(parseHash('#/nope?app=')).toEqual({ section: 'snapshots', app: null });
  });

  it('round-trips, escaping account names', () => {
    const route = { section: 'what', app: 'a&b=c' } as const;
    expect(formatHash(route)).toBe('#/what?app=a%26b%3Dc');
    expect(parseHash(formatHash(route))).toEqual(route);
  });
});
