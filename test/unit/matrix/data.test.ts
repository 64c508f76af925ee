// The matrix data is plain typed constants: nothing parses it when the extension loads. This is
// where it meets its schemas, once, every constant whole (orderPaths is what buildPath made).

import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  AutomationInfoSchema,
  automations,
  DefaultSetInfoSchema,
  defaultSets,
  FactSchema,
  facts,
  MatrixSchema,
  orderPaths,
  SettingNoRuleSchema,
  SourceSchema,
  settingNoRules,
  sources,
} from '../../../lib/matrix';

const constants: [string, z.ZodMiniType, unknown][] = [
  ['orderPaths', MatrixSchema, orderPaths],
  ['settingNoRules', z.array(SettingNoRuleSchema), settingNoRules],
  ['facts', z.array(FactSchema), facts],
  ['sources', z.array(SourceSchema), sources],
  ['automations', z.array(AutomationInfoSchema), automations],
  ['defaultSets', z.array(DefaultSetInfoSchema), defaultSets],
];

describe('the matrix data', () => {
  it.each(constants)('%s matches its schema, unchanged by parsing', (_, schema, data) => {
    const parsed = schema.safeParse(data);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    // Strict schemas and no defaults: what ships is exactly what was checked.
    expect(parsed.data).toEqual(data);
  });

  it('the schemas refuse what they are there to refuse', () => {
    const refuses = (schema: z.ZodMiniType, row: unknown) => !schema.safeParse([row]).success;
    expect(refuses(z.array(FactSchema), { ...facts[0], extra: 1 })).toBe(true);
    expect(refuses(z.array(FactSchema), { ...facts[0], rows: [21] })).toBe(true);
    expect(refuses(z.array(SourceSchema), { ...sources[0], url: 'not a url' })).toBe(true);
    expect(refuses(z.array(SettingNoRuleSchema), { ...settingNoRules[0], rows: [] })).toBe(true);
    expect(refuses(z.array(FactSchema), facts[0])).toBe(false);
  });
});
