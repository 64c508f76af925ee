import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Refusal } from '@/entrypoints/background/refusals';

// Issue 9: the background takes an editor key only from a tab (and, for the in-page panel, a
// frame) whose own URL is on the key's origin and account, and relays an opener call only from
// the registered editor: for the panel, the one frame that first showed the address its Actions
// page opened. Each refusal is checked by the background's refusal log, each with a control.

const ACTIONS = 'https://acme.infusionsoft.com/app/purchaseActions';
const EDITOR = 'https://acme.infusionsoft.com/app/purchaseActions/editActionSet?triggerId=4';
const OTHER_ACCOUNT = 'https://demo.infusionsoft.com/app/purchaseActions/editActionSet?triggerId=4';
const CALL = { kind: 'reload' } as const;

let editors: typeof import('@/entrypoints/background/editors');
let sent: unknown[][];

beforeEach(async () => {
  // Fresh module state (its caches of editors and panels) over the fresh fake browser.
  vi.resetModules();
  editors = await import('@/entrypoints/background/editors');
  sent = [];
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (...args: unknown[]) => {
    sent.push(args);
    return undefined;
  });
});

const refusals = async () =>
  ((await fakeBrowser.storage.session.get('refusals')).refusals ?? []) as Refusal[];

async function actionsTab() {
  return fakeBrowser.tabs.create({ url: ACTIONS });
}

describe('ownKey', () => {
  it("takes a key on the tab's own origin and account, normalised (control)", async () => {
    const tab = await actionsTab();
    const key = await editors.ownKey(
      'https://acme.infusionsoft.com/app/purchaseActions/editActionSet?triggerId=4#x',
      tab,
      'test',
    );
    expect(key).toBe(EDITOR);
    expect(await refusals()).toEqual([]);
  });

  it.each([
    ['another account', OTHER_ACCOUNT],
    ['another origin', 'https://evil.example/app/purchaseActions/editActionSet?triggerId=4'],
    ['plain http', 'http://acme.infusionsoft.com/app/purchaseActions/editActionSet?triggerId=4'],
    ['not a URL', 'javascript:alert(1)'],
  ])('refuses a key of %s, and logs it', async (_what, raw) => {
    const tab = await actionsTab();
    expect(await editors.ownKey(raw, tab, 'test')).toBeNull();
    const [r] = await refusals();
    expect(r?.what).toBe('test');
    expect(r?.why).toMatch(/another origin or account/);
  });

  it('refuses any key from a tab without a URL', async () => {
    const tab = { ...(await actionsTab()), url: undefined };
    expect(await editors.ownKey(EDITOR, tab, 'test')).toBeNull();
    expect(await refusals()).toHaveLength(1);
  });
});

describe('opener calls from the in-page panel', () => {
  /** The Actions page opens its panel on EDITOR, and frame 5 loads it. */
  async function openPanel() {
    const tab = await actionsTab();
    expect(await editors.panelOpened(EDITOR, tab, 0)).toBe(true);
    await editors.editorLoaded(EDITOR, tab, { frameId: 5, url: EDITOR });
    return tab;
  }

  it('(control) the panel frame its tab opened relays to that tab only, even after it navigates', async () => {
    const tab = await openPanel();
    const saved = `${ACTIONS}/saveActionSet?triggerId=4`;
    await editors.editorLoaded(saved, tab, { frameId: 5, url: saved });
    const r = await editors.forwardOpenerCall(saved, CALL, tab, { frameId: 5, url: saved });
    expect(r).toEqual({ relayed: true });
    expect(sent).toEqual([
      [tab.id, { type: 'opener-call', key: saved, call: CALL }, { frameId: 0 }],
    ]);
    expect(await refusals()).toEqual([]);
  });

  it('another frame of the same tab, named like the panel, is refused', async () => {
    const tab = await openPanel();
    await editors.editorLoaded(EDITOR, tab, { frameId: 6, url: EDITOR });
    const r = await editors.forwardOpenerCall(EDITOR, CALL, tab, { frameId: 6, url: EDITOR });
    expect(r).toEqual({ relayed: false });
    expect(sent).toEqual([]);
    expect((await refusals()).map((x) => x.what)).toEqual(['editor-loaded', 'editor-opener-call']);
  });

  it("a frame whose own URL is on another account is refused, though the key is its tab's", async () => {
    const tab = await openPanel();
    const r = await editors.forwardOpenerCall(EDITOR, CALL, tab, {
      frameId: 5,
      url: OTHER_ACCOUNT,
    });
    expect(r).toEqual({ relayed: false });
    expect(sent).toEqual([]);
    const [refused] = await refusals();
    expect(refused).toMatchObject({ what: 'editor-opener-call' });
    expect(refused?.why).toMatch(/another origin or account than the frame/);
  });

  it("a key of another account than the tab's is refused", async () => {
    const tab = await openPanel();
    const r = await editors.forwardOpenerCall(OTHER_ACCOUNT, CALL, tab, {
      frameId: 5,
      url: OTHER_ACCOUNT,
    });
    expect(r).toEqual({ relayed: false });
    expect((await refusals())[0]?.why).toMatch(/another origin or account than the sending tab/);
  });

  it('a frame in a tab that opened no panel is no editor', async () => {
    const tab = await actionsTab();
    await editors.editorLoaded(EDITOR, tab, { frameId: 5, url: EDITOR });
    const r = await editors.forwardOpenerCall(EDITOR, CALL, tab, { frameId: 5, url: EDITOR });
    expect(r).toEqual({ relayed: false });
    expect(sent).toEqual([]);
    expect((await refusals()).map((x) => x.why)).toEqual([
      'a frame that is not the editor panel this tab opened',
      'not a registered editor of a tab of its own account',
    ]);
  });

  it('the panel binds only to a frame showing the address it was opened for', async () => {
    const tab = await actionsTab();
    await editors.panelOpened(EDITOR, tab, 0);
    const elsewhere = `${ACTIONS}/editActionSet?productId=9`;
    await editors.editorLoaded(elsewhere, tab, { frameId: 7, url: elsewhere });
    const r = await editors.forwardOpenerCall(elsewhere, CALL, tab, { frameId: 7, url: elsewhere });
    expect(r).toEqual({ relayed: false });
    // The real panel frame still binds afterwards.
    await editors.editorLoaded(EDITOR, tab, { frameId: 5, url: EDITOR });
    const ok = await editors.forwardOpenerCall(EDITOR, CALL, tab, { frameId: 5, url: EDITOR });
    expect(ok).toEqual({ relayed: true });
  });

  it('only the top frame opens a panel', async () => {
    const tab = await actionsTab();
    expect(await editors.panelOpened(EDITOR, tab, 3)).toBe(false);
    expect((await refusals())[0]).toMatchObject({ what: 'editor-panel' });
  });
});

describe('opener calls from a top-level editor', () => {
  it('(control) an editor window the extension opened relays to the tab that asked', async () => {
    const actions = await actionsTab();
    await editors.openEditor(EDITOR, '', 'tab', actions);
    const editorTab = (await fakeBrowser.tabs.query({ url: EDITOR }))[0];
    if (!editorTab) throw new Error('no editor tab');
    await editors.editorLoaded(EDITOR, editorTab);
    const r = await editors.forwardOpenerCall(EDITOR, CALL, editorTab, { frameId: 0, url: EDITOR });
    expect(r).toEqual({ relayed: true });
    expect(sent.at(-1)?.[0]).toBe(actions.id);
  });

  it('a tab that is no registered editor is refused', async () => {
    const tab = await fakeBrowser.tabs.create({ url: EDITOR });
    const r = await editors.forwardOpenerCall(EDITOR, CALL, tab, { frameId: 0, url: EDITOR });
    expect(r).toEqual({ relayed: false });
    expect((await refusals())[0]?.why).toBe('not a registered editor of a tab of its own account');
  });
});
