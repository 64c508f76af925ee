import browser from 'webextension-polyfill';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { resolveEditorOpens } from '@/lib/crm/bridge-client';
import { editorKey } from '@/lib/crm/editor-url';
import {
  BRIDGE_OPEN_BLOCKED,
  BRIDGE_OPENER_CALL,
  type EditorOpen,
  MARK_ATTRIBUTE,
  OpenBlocked,
  parseJson,
} from '@/lib/messaging/bridge';
import { ToContent } from '@/lib/messaging/runtime';
import { ask } from '@/lib/messaging/send';
import { loadOptions, type Options, watchOptions } from '@/lib/options';

export interface EditorOpeningHooks {
  /** Shows a short notice on the toolbar (why we opened the editor ourselves). */
  notify(text: string): void;
  /** An editor saved, or an open editor closed: re-read the page's figures. */
  onEditorSaved(): void;
  /** "Open inside the page": show the editor in a panel. */
  showPanel(url: string, title: string): void;
}

/**
 * The pop-up-blocker workaround on the Actions page. A real click on an Actions control means
 * "open this editor": we learn its URL from the page itself (bridge), then either let the page
 * open it and check that an editor really arrived, or open it ourselves, per the options.
 */
export async function installEditorOpening(
  ctx: ContentScriptContext,
  hooks: EditorOpeningHooks,
  defaultButtons: readonly Element[],
): Promise<void> {
  // Page scripts can rewrite a button or forge bridge answers, so we open only what looks like
  // the editor every Default Settings button opens: same origin and account (checked in
  // lib/crm), and the same path as at least two of those five buttons.
  const paths = [...resolveEditorOpens(document, defaultButtons).values()].map(
    (o) => new URL(o.url).pathname,
  );
  const editorPaths = new Set(paths.filter((p, i) => paths.indexOf(p) !== i));
  const looksLikeEditor = (url: string) => {
    try {
      return editorPaths.has(new URL(url).pathname);
    } catch {
      return false;
    }
  };

  let options: Options = await loadOptions();
  ctx.onInvalidated(watchOptions((o) => (options = o)));
  const open = new Set<string>();

  // A control's editor URL is learned before the click (pointer down, key down, focus): during a
  // click the page's handler cannot be run a second time to ask it.
  const known = new WeakMap<Element, EditorOpen>();
  const learn = (button: Element): EditorOpen | null => {
    const cached = known.get(button);
    if (cached) return cached;
    const found = resolveEditorOpens(document, [button]).get(button) ?? null;
    if (found) known.set(button, found);
    return found;
  };
  const onApproach = (e: Event) => {
    if (!e.isTrusted) return;
    if (e instanceof KeyboardEvent && e.key !== 'Enter' && e.key !== ' ') return;
    const button = (e.target as Element | null)?.closest?.(`[${MARK_ATTRIBUTE}]`);
    if (button) learn(button);
  };
  for (const type of ['pointerdown', 'keydown', 'focusin']) {
    window.addEventListener(type, onApproach, true);
  }
  const urlOf = (button: Element): EditorOpen | null =>
    known.get(button) ?? resolveEditorOpens(document, [button]).get(button) ?? null;

  const openOurselves = async (target: EditorOpen, how: 'window' | 'tab', why?: string) => {
    if (!looksLikeEditor(target.url)) return;
    const result = await ask({
      type: 'open-editor',
      url: target.url,
      features: target.features,
      how,
    });
    if (why && result === 'opened') hooks.notify(why);
  };

  /** "Only when blocked": the background waits for the editor and opens it if none arrives. */
  const expect = (target: EditorOpen) =>
    void ask({
      type: 'expect-editor',
      url: target.url,
      features: target.features,
      waitMs: options.editorWaitMs,
    });

  const stop = (e: Event) => {
    e.preventDefault();
    e.stopImmediatePropagation();
  };

  const onClick = (e: MouseEvent) => {
    if (!e.isTrusted) return;
    const button = (e.target as Element | null)?.closest?.(`[${MARK_ATTRIBUTE}]`);
    if (!button) return;
    const target = urlOf(button);
    const key = target && editorKey(target.url);
    // We cannot tell what it opens, or it is no editor: leave the page alone.
    if (!target || !key || !looksLikeEditor(target.url)) return;
    const wantsTab = e.type === 'auxclick' ? e.button === 1 : e.ctrlKey || e.metaKey;
    if (e.type === 'auxclick' && !wantsTab) return;
    if (wantsTab) {
      stop(e);
      void openOurselves(target, 'tab');
      return;
    }
    if (open.has(key)) {
      stop(e);
      void ask({ type: 'focus-editor', key });
      return;
    }
    switch (options.editorOpening) {
      case 'when-blocked':
        expect(target);
        return;
      case 'always-extension':
        stop(e);
        void openOurselves(target, 'window');
        return;
      case 'tab':
        stop(e);
        void openOurselves(target, 'tab');
        return;
      case 'in-page':
        stop(e);
        // Registered first: only the panel's own frame may then tell this page about a save.
        void ask({ type: 'editor-panel', key });
        hooks.showPanel(key, button.closest('tr, li, div')?.textContent?.trim().slice(0, 80) ?? '');
        return;
    }
  };
  // Capture phase on window: we decide before the page's own handlers run.
  window.addEventListener('click', onClick, true);
  window.addEventListener('auxclick', onClick, true);

  const onBlocked = (e: Event) => {
    const msg = parseJson(OpenBlocked, (e as CustomEvent).detail);
    // The background opens it only if this tab is waiting for exactly that editor.
    if (msg) void ask({ type: 'editor-blocked', url: msg.url });
  };
  document.addEventListener(BRIDGE_OPEN_BLOCKED, onBlocked);

  const onMessage = (raw: unknown) => {
    const parsed = ToContent.safeParse(raw);
    if (!parsed.success) return;
    const msg = parsed.data;
    if (msg.type === 'editor-notice') {
      hooks.notify(msg.text);
      return;
    }
    if (new URL(msg.key).origin !== location.origin) return;
    if (msg.type === 'editor-changed') {
      if (msg.open) open.add(msg.key);
      else {
        open.delete(msg.key);
        // Whatever its save told us (or failed to), the set may have changed: count again.
        hooks.onEditorSaved();
      }
      return;
    }
    // An editor without an opener saved: do on this page what its opener call would have done.
    document.dispatchEvent(
      new CustomEvent(BRIDGE_OPENER_CALL, { detail: JSON.stringify(msg.call) }),
    );
    hooks.onEditorSaved();
  };
  browser.runtime.onMessage.addListener(onMessage);

  ctx.onInvalidated(() => {
    window.removeEventListener('click', onClick, true);
    window.removeEventListener('auxclick', onClick, true);
    for (const type of ['pointerdown', 'keydown', 'focusin']) {
      window.removeEventListener(type, onApproach, true);
    }
    document.removeEventListener(BRIDGE_OPEN_BLOCKED, onBlocked);
    browser.runtime.onMessage.removeListener(onMessage);
  });
}
