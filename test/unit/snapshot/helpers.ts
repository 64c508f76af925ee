import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Action, ActionSet, DefaultTrigger, Snapshot } from '@/lib/model';

// Small builders so each table row states only what it is about.

export const FIXTURES = resolve(process.cwd(), 'test/fixtures/snapshots');
export const fixtureText = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');

export function tag(name: string, crmId?: string): Action {
  return {
    crmId,
    label: 'Apply/Remove Tag',
    summary: `Apply Tag: ${name}`,
    config: { Action: 'Apply', Tag: [name] },
    facts: { appliesTags: [name] },
  };
}

export function email(template: string, crmId?: string): Action {
  return {
    crmId,
    label: 'Send an email',
    summary: `Send email: ${template}`,
    config: { 'Email template': template, From: 'Pool Supply Co' },
    facts: { emailTemplates: [template] },
  };
}

export function runSet(name: string): Action {
  return {
    label: 'Run another Action Set',
    summary: `Run action set: ${name}`,
    config: { 'Action set': name },
    facts: { runsActionSet: name },
  };
}

export const NAMES: Record<DefaultTrigger, string> = {
  onLogin: 'On Login (Multi-Step Cart)',
  contactCreation: 'Contact Creation Action',
  successful: 'Successful Purchase Action',
  failed: 'Failed Purchase Action',
  error: 'Error Purchase Action',
};

export const def = (trigger: DefaultTrigger, actions: Action[] = []): ActionSet => ({
  ref: { kind: 'default', trigger },
  name: NAMES[trigger],
  actions,
});

export const prod = (name: string, actions: Action[] = [], id?: string): ActionSet => ({
  ref: { kind: 'product', name, id },
  name,
  actions,
});

/** A snapshot whose five default sets each hold one harmless action unless overridden. */
export function snap(over: Partial<Snapshot> = {}): Snapshot {
  const defaults = (['onLogin', 'contactCreation', 'successful', 'failed', 'error'] as const).map(
    (t) => def(t, [tag(`${t} tag`)]),
  );
  return {
    id: 'snap-1',
    app: 'pooldemo',
    host: 'pooldemo.infusionsoft.com',
    build: null,
    takenAt: '2026-08-01T09:30:00.000Z',
    cause: 'manual',
    pinned: false,
    runOnAllOrders: 'yes',
    products: [],
    sets: defaults,
    ...over,
  };
}

/** Replaces (or appends) sets by name, keeping the rest. */
export function withSets(base: Snapshot, ...sets: ActionSet[]): Snapshot {
  const names = new Set(sets.map((s) => s.name));
  return { ...base, sets: [...base.sets.filter((s) => !names.has(s.name)), ...sets] };
}
