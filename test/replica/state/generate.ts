// Deterministic large account for volume tests: same options -> byte-identical state.
import { intBetween, mulberry32, pick, type Rng } from '../prng.ts';
import { ACTION_TYPES, CONTACT_FIELDS } from './action-types.ts';
import { StateBuilder } from './builder.ts';
import { type AccountState, type ConfigValue, type Dialect, TRIGGERS } from './types.ts';

const ADJECTIVES = [
  'Premium',
  'Basic',
  'Deluxe',
  'Eco',
  'Pro',
  'Mini',
  'Ultra',
  'Classic',
  'Smart',
];
const NOUNS = ['Filter', 'Pump', 'Skimmer', 'Brush', 'Cover', 'Heater', 'Ladder', 'Net', 'Kit'];
const CATEGORIES = ['Chemicals', 'Accessories', 'Services', 'Equipment', 'Parts', 'Training'];

export interface GenerateOptions {
  products: number;
  maxActions: number;
  seed: number;
}

function randomConfig(rng: Rng, type: string, s: AccountState): Record<string, ConfigValue> {
  const def = ACTION_TYPES.find((t) => t.key === type);
  const config: Record<string, ConfigValue> = {};
  for (const f of def?.fields ?? []) {
    const options = f.options?.(s) ?? [];
    if (f.kind === 'checkbox') config[f.name] = rng() < 0.5;
    else if (f.kind === 'multiselect')
      config[f.name] = options.length ? [pick(rng, options).value] : [];
    else if (options.length) config[f.name] = pick(rng, options).value;
    else
      config[f.name] =
        f.name === 'postUrl'
          ? `https://hooks.example.com/${intBetween(rng, 1, 999)}`
          : `Generated ${f.label} ${intBetween(rng, 1, 9999)}`;
  }
  return config;
}

export function generateSeed(app: string, dialect: Dialect, o: GenerateOptions): AccountState {
  const rng = mulberry32(o.seed);
  const b = new StateBuilder(app, dialect);
  for (let i = 0; i < 8; i++) b.named('users', `User ${i + 1}`);
  for (let i = 0; i < 40; i++) b.tag(`Tag ${i + 1}`, pick(rng, CATEGORIES));
  for (let i = 0; i < 25; i++) b.named('emailTemplates', `Email Template ${i + 1}`);
  for (let i = 0; i < 10; i++) b.named('namedActionSets', `Action Set ${i + 1}`);
  for (let i = 0; i < 6; i++) b.named('letterTemplates', `Letter ${i + 1}`);
  for (let i = 0; i < 5; i++) b.list('fulfillmentLists', `Fulfillment ${i + 1}`);
  for (let i = 0; i < 8; i++) b.list('followUpSequences', `Sequence ${i + 1}`);
  const ids: number[] = [];
  for (let i = 0; i < o.products; i++) {
    const name = `${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)} ${i + 1}`;
    const price = Math.round(rng() * 50000) / 100;
    ids.push(
      b.product(name, pick(rng, CATEGORIES), price, rng() < 0.15 ? 'Subscription' : 'Product'),
    );
  }
  const typeKeys = ACTION_TYPES.map((t) => t.key);
  const addActions = (owner: Parameters<StateBuilder['action']>[0], count: number) => {
    for (let k = 0; k < count; k++) {
      const type = pick(rng, typeKeys);
      const rules =
        rng() < 0.1
          ? {
              match: pick(rng, ['all', 'any', 'none'] as const),
              criteria: [{ field: pick(rng, CONTACT_FIELDS).value, operator: 'eq', value: 'x' }],
            }
          : null;
      b.action(owner, type, randomConfig(rng, type, b.state), rules);
    }
  };
  for (const t of TRIGGERS) addActions(t.key, intBetween(rng, 0, Math.min(o.maxActions, 4)));
  for (const id of ids) {
    if (rng() < 0.6 && o.maxActions > 0) addActions(id, intBetween(rng, 1, o.maxActions));
  }
  return b.state;
}
