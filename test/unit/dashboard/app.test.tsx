import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '@/entrypoints/dashboard/App';
import { createStoreSource, type SnapshotSource } from '@/entrypoints/dashboard/data';
import { choose, mount, poolSnapshot, selectByLabel, settle, text } from '../explainer/helpers';
import { storeWith } from './snapshots-helpers';

const older = poolSnapshot({
  id: 'snap-0',
  takenAt: '2025-04-01T10:00:00.000Z',
  products: [],
  sets: [],
});
const other = poolSnapshot({ id: 'other-1', app: 'otherco', runOnAllOrders: 'yes' });
// The real store on its own fake IndexedDB: the newest poolsupply snapshot read the setting "No".
const source = () => storeWith([older, poolSnapshot({ runOnAllOrders: 'no' }), other]);

async function open(hash: string, src?: SnapshotSource) {
  history.replaceState(null, '', hash);
  const root = await mount(<App source={src ?? (await source())} />);
  await settle();
  return root;
}

afterEach(() => history.replaceState(null, '', '#'));

describe('dashboard App', () => {
  it('has a nav of the four sections and starts on Snapshots', async () => {
    const root = await open('#');
    const links = [...root.querySelectorAll('nav[aria-label="Sections"] a')];
    expect(links.map(text)).toEqual([
      'Snapshots',
      'Trigger matrix',
      "Why didn't it run?",
      'What will run?',
    ]);
    expect(links[0]?.getAttribute('aria-current')).toBe('page');
    expect(text(root.querySelector('main h2'))).toBe('Snapshots');
    // The first account is picked when the link names none.
    expect(selectByLabel(root, 'Account').value).toBe('otherco');
  });

  it("follows the hash, and the matrix starts at the account's setting", async () => {
    const root = await open('#/matrix?app=poolsupply');
    expect(root.querySelectorAll('tbody tr')).toHaveLength(20);
    const row14 = root.querySelector('td[data-row="14"][data-automation="productSpecific"]');
    expect(row14?.getAttribute('data-value')).toBe('no');

    await act(() => {
      history.replaceState(null, '', '#/why?app=poolsupply');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(text(root.querySelector('main h2'))).toBe("Why didn't it run?");
    expect(document.activeElement).toBe(root.querySelector('main'));
  });

  it('"#/what?app=" preselects the account and its newest snapshot', async () => {
    const root = await open('#/what?app=poolsupply');
    expect(selectByLabel(root, 'Account').value).toBe('poolsupply');
    expect(selectByLabel(root, 'Snapshot').value).toBe('snap-1');
    await choose(root, 'Which products were bought?', 'Pool scrubbing Mitt');
    await settle();
    expect(text(root.querySelector('[data-warning="double"]'))).toContain('tag "Customer"');
  });

  it('"#app=" preselects the account', async () => {
    const root = await open('#app=poolsupply');
    expect(selectByLabel(root, 'Account').value).toBe('poolsupply');
  });

  it('says so when the link names an account without snapshots', async () => {
    const root = await open('#/what?app=ghost');
    expect(selectByLabel(root, 'Account').value).toBe('ghost');
    expect(text(root)).toContain('No snapshots stored for "ghost"');
    expect(text(root.querySelector('main'))).toContain('No snapshots of "ghost" yet');
  });

  it('when the store cannot be opened the explainer still works and snapshots say why not', async () => {
    const broken = {
      open() {
        throw new Error('storage is switched off');
      },
    } as unknown as IDBFactory;
    const root = await open('#/what', createStoreSource({ factory: broken, storage: null }));
    expect(text(root.querySelector('header'))).toContain('Accounts could not be read');
    await act(() => {
      history.replaceState(null, '', '#/matrix');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(root.querySelectorAll('tbody tr')).toHaveLength(20);
  });
});

describe('the store source', () => {
  it('lists accounts, scopes reads to the account, and takes the setting from the newest snapshot', async () => {
    const src = await source();
    expect(await src.listAccounts()).toEqual([{ app: 'otherco' }, { app: 'poolsupply' }]);
    expect((await src.listSnapshots('poolsupply')).map((s) => s.id)).toEqual(['snap-1', 'snap-0']);
    await expect(src.getSnapshot('other-1', 'poolsupply')).rejects.toThrow('belong');
    expect(await src.accountSetting('poolsupply')).toBe('no');
    expect(await src.accountSetting('otherco')).toBe('yes');
    expect(await src.accountSetting('ghost')).toBe('unknown');
  });
});

describe('the empty dashboard', () => {
  it('names its section once and says how to get a first snapshot', async () => {
    const root = await open('#', await storeWith([]));
    const headings = [...root.querySelectorAll('main h2, main h3')].map(text);
    expect(headings.filter((h) => h === 'Snapshots')).toHaveLength(1);
    expect(text(root.querySelector('main'))).toContain('press "Take snapshot"');
    expect(text(root.querySelector('main'))).not.toContain('Pick an account');
  });
});
