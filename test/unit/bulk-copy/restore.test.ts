import { describe, expect, it } from 'vitest';
import { mapSnapshotSets, planRestore } from '@/lib/bulk-copy/restore';
import type { ActionSet, SetRef } from '@/lib/model';
import { setKey } from '@/lib/model';
import { mail, summaries, tag, target } from './fake-crm';

// Issue 10, finding 3: across accounts products pair by name, never by CRM id.

const product = (name: string, id?: string, actions = [tag(name)]): ActionSet => ({
  ref: { kind: 'product', name, ...(id ? { id } : {}) },
  name,
  actions,
});
const successful: ActionSet = {
  ref: { kind: 'default', trigger: 'successful' },
  name: 'Successful Purchase',
  actions: [mail('Receipt')],
};
const targetOf = (ref: SetRef, name: string) => ({ key: setKey(ref), ref, name });

describe('mapSnapshotSets', () => {
  it("another account: A's Gadget (id 7) never lands on B's Widget (id 7)", () => {
    const snapA = { app: 'acme', sets: [product('Gadget', '7'), successful] };
    const inB = [
      targetOf({ kind: 'product', name: 'Widget', id: '7' }, 'Widget'),
      targetOf({ kind: 'product', name: 'gadget ', id: '12' }, 'gadget '),
      targetOf(successful.ref, 'Successful Purchase'),
    ];
    const m = mapSnapshotSets(snapA, 'demo', inB);
    expect(m.byName).toBe(true);
    expect([...m.pairs].map(([k, s]) => [k, s.name])).toEqual([
      ['product:12', 'Gadget'],
      ['default:successful', 'Successful Purchase'],
    ]);
    expect(m.missing).toEqual([]);
    expect(m.ambiguous).toEqual([]);
  });

  it('another account without the product: reported missing, not paired by id', () => {
    const m = mapSnapshotSets({ app: 'acme', sets: [product('Gadget', '7')] }, 'demo', [
      targetOf({ kind: 'product', name: 'Widget', id: '7' }, 'Widget'),
    ]);
    expect(m.pairs.size).toBe(0);
    expect(m.missing).toEqual(['Gadget']);
  });

  it('a name two targets share, or two of the snapshot sets share, is ambiguous', () => {
    const m = mapSnapshotSets(
      {
        app: 'acme',
        sets: [product('Gadget', '7'), product('Bundle', '8'), product('bundle', '9')],
      },
      'demo',
      [
        targetOf({ kind: 'product', name: 'Gadget', id: '1' }, 'Gadget'),
        targetOf({ kind: 'product', name: 'GADGET', id: '2' }, 'GADGET'),
        targetOf({ kind: 'product', name: 'Bundle', id: '3' }, 'Bundle'),
      ],
    );
    expect(m.pairs.size).toBe(0);
    expect(m.ambiguous.sort()).toEqual(['Bundle', 'Gadget']);
  });

  it('the same account pairs by set key, so a renamed product keeps its set', () => {
    const m = mapSnapshotSets({ app: 'demo', sets: [product('Old name', '7')] }, 'demo', [
      targetOf({ kind: 'product', name: 'New name', id: '7' }, 'New name'),
    ]);
    expect(m.byName).toBe(false);
    expect([...m.pairs].map(([k, s]) => [k, s.name])).toEqual([['product:7', 'Old name']]);
  });

  it('the same account falls back to the name for a set recorded without its id', () => {
    const m = mapSnapshotSets({ app: 'demo', sets: [product('Gadget')] }, 'demo', [
      targetOf({ kind: 'product', name: 'Gadget', id: '7' }, 'Gadget'),
    ]);
    expect([...m.pairs.keys()]).toEqual(['product:7']);
  });
});

describe('planRestore', () => {
  const was = product('Gadget', '7', [tag('A'), tag('B')]);
  it('replace puts the snapshot set back exactly; add appends what is missing', () => {
    const read = target('t', [tag('B'), tag('C')]);
    expect(summaries(planRestore(read, was, 'replace').after)).toEqual([
      'Apply tag: A',
      'Apply tag: B',
    ]);
    expect(summaries(planRestore(read, was, 'add').after)).toEqual([
      'Apply tag: B',
      'Apply tag: C',
      'Apply tag: A',
    ]);
  });
  it('a target the snapshot has no set for is left as it is', () => {
    expect(planRestore(target('t', [tag('C')]), undefined, 'replace').change).toBe('none');
  });
});
