import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { Action, Snapshot } from '@/lib/model';
import { pick, poolSnapshot, settle, text } from '../explainer/helpers';
import { button, click, inputByLabel, row, section, storeWith, type } from './snapshots-helpers';

const older = poolSnapshot({ id: 'snap-0', takenAt: '2025-04-01T10:00:00.000Z' });
const newer = poolSnapshot({ id: 'snap-1', name: 'Before cleanup', pinned: true });

const sets = (root: Element) =>
  [...root.querySelectorAll<HTMLElement>('[data-set-key]')].map((el) =>
    text(el.querySelector('h3')),
  );

describe('Snapshots: timeline', () => {
  it('lists the accounts and the stored snapshots, newest first', async () => {
    const other = poolSnapshot({ id: 'o-1', app: 'otherco' });
    const { root } = await section(await storeWith([older, newer, other]));
    const rows = [...root.querySelectorAll('[data-snapshot-id]')];
    expect(rows.map((r) => r.getAttribute('data-snapshot-id'))).toEqual(['snap-1', 'snap-0']);
    const first = text(row(root, 'snap-1'));
    expect(first).toContain('Before cleanup');
    expect(first).toContain('Pinned');
    expect(first).toContain('taken by hand · 4 sets · 5 actions · 2 products');
    const accounts = [...root.querySelectorAll('.snap-accounts tbody tr')].map((tr) =>
      [...tr.children].map(text),
    );
    expect(accounts).toHaveLength(2);
    expect(accounts.find((a) => a[0] === 'poolsupply')?.[1]).toBe('2');
    expect(root.querySelector('.snap-accounts a')?.getAttribute('href')).toMatch(
      /#\/snapshots\?app=/,
    );
  });

  it('renames, pins, and deletes only after confirming and only when unpinned', async () => {
    const source = await storeWith([older, newer]);
    const { root } = await section(source);
    // Pinned: Delete is disabled and says why.
    const del = button(row(root, 'snap-1'), 'Delete');
    expect(del.disabled).toBe(true);
    expect(text(row(root, 'snap-1'))).toContain('unpin it first');

    await click(row(root, 'snap-0'), 'Rename');
    await type(inputByLabel(row(root, 'snap-0'), 'New name'), 'April baseline');
    await click(row(root, 'snap-0'), 'Save name');
    expect(text(row(root, 'snap-0'))).toContain('April baseline');
    expect((await source.getSnapshot('snap-0', 'poolsupply')).name).toBe('April baseline');

    await click(row(root, 'snap-0'), 'Delete');
    expect(text(row(root, 'snap-0'))).toContain('This cannot be undone');
    await click(row(root, 'snap-0'), 'Keep it');
    expect(await source.listSnapshots('poolsupply')).toHaveLength(2);

    await click(row(root, 'snap-1'), 'Unpin');
    expect(button(row(root, 'snap-1'), 'Delete').disabled).toBe(false);
    await click(row(root, 'snap-1'), 'Delete');
    await click(row(root, 'snap-1'), 'Yes, delete it');
    expect((await source.listSnapshots('poolsupply')).map((m) => m.id)).toEqual(['snap-0']);
    expect(text(root.querySelector('[role="status"]'))).toContain('Deleted Before cleanup');
  });
});

describe('Snapshots: open', () => {
  it('shows defaults first then products A-Z, and the search narrows to matching sets', async () => {
    const base = poolSnapshot();
    const algae = {
      ref: { kind: 'product' as const, name: 'Algae Killer' },
      name: 'Algae Killer',
      actions: [],
    };
    const { root } = await section(await storeWith([{ ...base, sets: [algae, ...base.sets] }]));
    await click(row(root, 'snap-1'), 'Open');
    expect(sets(root).map((s) => s.replace(/ (Default Settings|Product)$/, ''))).toEqual([
      'Successful Purchase Action',
      'Failed Purchase Action',
      'Algae Killer',
      'Pool scrubbing Mitt',
      'Pool Shock',
    ]);
    const facts = Object.fromEntries(
      [...root.querySelectorAll('.snap-facts > div')].map((d) => [
        text(d.querySelector('dt')),
        text(d.querySelector('dd')),
      ]),
    );
    expect(facts).toMatchObject({
      'Run Purchase Actions On All Orders': 'Yes',
      Host: 'poolsupply.infusionsoft.com',
      'CRM build': 'not shown by the page',
      Contents: '5 sets · 5 actions · 2 products',
    });

    const search = inputByLabel(root, 'Search');
    await type(search, 'customer'); // a tag
    expect(sets(root)).toHaveLength(2);
    expect(sets(root)[0]).toContain('Successful Purchase Action');
    expect(text(root.querySelector('.snap-count'))).toBe('2 sets of 5 match.');

    await type(search, 'mitt'); // a product name
    expect(sets(root)).toEqual(['Pool scrubbing Mitt Product']);

    await type(search, 'shock safety'); // an email summary
    expect(sets(root)).toEqual(['Pool Shock Product']);

    await type(search, '');
    await pick(root, 'Action type', 'Apply/Remove Tag');
    expect(sets(root).map((s) => s.split(' ')[0])).toEqual(['Successful', 'Pool']);
  });
});

const email = (template: string): Action => ({
  label: 'Send Email',
  summary: `Send email: ${template}`,
  config: { 'Email template': template, From: 'Pool Co' },
});
const tag = (name: string): Action => ({
  label: 'Apply/Remove Tag',
  summary: `Apply tag: ${name}`,
});

function withSets(id: string, takenAt: string, successful: Action[], mitt: Action[]): Snapshot {
  const base = poolSnapshot({ id, takenAt });
  return {
    ...base,
    sets: base.sets.map((s) =>
      s.name === 'Successful Purchase Action'
        ? { ...s, actions: successful }
        : s.name === 'Pool scrubbing Mitt'
          ? { ...s, actions: mitt }
          : s,
    ),
  };
}

describe('Snapshots: compare', () => {
  it('shows field-level changes, and order changes apart from them', async () => {
    const was = withSets('a', '2025-04-01T10:00:00.000Z', [email('Welcome')], [tag('x'), tag('y')]);
    const is = withSets('b', '2025-05-01T10:00:00.000Z', [email('Hello')], [tag('y'), tag('x')]);
    const { root } = await section(await storeWith([was, is]));
    expect(button(root, 'Compare selected').disabled).toBe(true);
    // Ticked newest first: "was" is still the older one.
    for (const id of ['b', 'a']) {
      const box = row(root, id).querySelector<HTMLInputElement>('input[type="checkbox"]');
      await act(() => box?.click());
    }
    await click(root, 'Compare selected (2 of 2)');

    expect(text(root.querySelector('.snap-counts'))).toContain('1 set changed');
    expect(text(root.querySelector('.snap-counts'))).toContain('1 action moved (order only)');
    const successful = root.querySelector('[data-diff-set="default:successful"]');
    expect(text(successful)).toContain('Changed');
    const fields = [...(successful?.querySelectorAll('.snap-fields > div') ?? [])].map((d) => [
      text(d.querySelector('dt')),
      text(d.querySelector('dd')),
    ]);
    expect(fields).toContainEqual(['Email template', 'was Welcome → now Hello']);
    expect(successful?.querySelector('[data-order-changes]')).toBeNull();

    const mitt = root.querySelector('[data-diff-set^="product:"]');
    expect(text(mitt?.querySelector('h4'))).toContain('Unchanged');
    expect(mitt?.querySelector('.snap-diff-actions')).toBeNull();
    expect(text(mitt?.querySelector('[data-order-changes]'))).toContain('moved #1 → #2');
    // The untouched sets are folded away.
    const folded = root.querySelector('details.snap-unchanged');
    expect(folded?.hasAttribute('open')).toBe(false);
    expect(text(folded?.querySelector('summary'))).toBe('2 sets unchanged');
  });

  it('compares with a snapshot of another account', async () => {
    const other = poolSnapshot({
      id: 'o-1',
      app: 'otherco',
      takenAt: '2025-06-01T10:00:00.000Z',
      sets: [],
    });
    const a = poolSnapshot({ id: 'a', takenAt: '2025-04-01T10:00:00.000Z' });
    const b = poolSnapshot({ id: 'b' });
    const { root } = await section(await storeWith([a, b, other]));
    for (const id of ['a', 'b']) {
      await act(() => row(root, id).querySelector<HTMLInputElement>('input')?.click());
    }
    await click(root, 'Compare selected');
    expect(text(root.querySelector('.snap-same'))).toContain('No differences');
    await pick(root, 'Is (newer)', JSON.stringify(['otherco', 'o-1']));
    await settle();
    expect(text(root.querySelector('.snap-counts'))).toContain('4 sets removed');
    expect(text(root.querySelector('.snap-sides'))).toContain('Is: otherco');
  });
});

describe('Snapshots: findings', () => {
  it('groups findings by severity and opens the set a finding is about', async () => {
    const { root } = await section(await storeWith([poolSnapshot()]));
    await click(row(root, 'snap-1'), 'Findings');
    const finding = [...root.querySelectorAll('.snap-finding')].find((f) =>
      text(f).includes('Failed Purchase Action set is empty'),
    );
    expect(finding).toBeDefined();
    expect(text(finding)).toContain('Why it matters:');
    expect(finding?.closest('[data-severity]')?.getAttribute('data-severity')).toMatch(
      /high|medium|low/,
    );
    await click(finding as Element, 'Open "Failed Purchase Action"');
    expect(document.activeElement?.getAttribute('data-set-key')).toBe('default:failed');
    expect(text(document.activeElement)).toContain('No actions.');
  });
});

describe('Snapshots: CRM text is text', () => {
  it('shows a product named like markup as characters, never as an element', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const base = poolSnapshot();
    const s: Snapshot = {
      ...base,
      name: evil,
      products: [{ name: evil }],
      sets: [
        ...base.sets,
        { ref: { kind: 'product', name: evil }, name: evil, actions: [tag(evil)] },
      ],
    };
    const { root } = await section(
      await storeWith([s, poolSnapshot({ id: 'snap-0', takenAt: '2025-01-01T00:00:00.000Z' })]),
    );
    expect(text(row(root, 'snap-1'))).toContain(evil);
    await click(row(root, 'snap-1'), 'Open');
    expect(sets(root).some((x) => x.startsWith(evil))).toBe(true);
    expect(root.querySelector('img')).toBeNull();
    await click(root, '← Back');
    for (const id of ['snap-0', 'snap-1']) {
      await act(() => row(root, id).querySelector<HTMLInputElement>('input')?.click());
    }
    await click(root, 'Compare selected');
    expect(text(root)).toContain(evil);
    expect(root.querySelector('img')).toBeNull();
  });
});
