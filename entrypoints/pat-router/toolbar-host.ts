// The toolbar's place on the Actions page: a closed shadow root (a page script cannot reach into
// it) just before the Default Settings heading, holding the toolkit's frame (extension origin).
// Loading that frame is the slowest part of showing the toolbar, so the router mounts it the
// moment it knows the page is the Actions page, while the background is still injecting the
// feature script; the feature script's toolbar adopts it (or mounts it itself if the router did
// not). No UI library here: the router stays small.

/** Where the router leaves the mounted host: the extension's isolated world, out of the page's sight. */
const TOOLBAR_HOST_KEY = '__patToolbarHost';

export interface ToolbarHost {
  host: HTMLElement;
  /** The shadow root's styles: the reset now, the feature script's own CSS once it loaded. */
  style: HTMLStyleElement;
  /** Holds the frame, then the feature script's in-page UI (the editor panel). */
  container: HTMLElement;
  frame: HTMLIFrameElement;
}

/** Mounts the host before `anchor`; its frame goes in once the background gave its address. */
export function mountToolbarHost(anchor: Element | undefined): ToolbarHost {
  if (!anchor?.parentElement) throw new Error('No Default Settings heading to put the toolbar by.');
  const host = document.createElement('pat-toolbar');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  // The page's styles stop at the host.
  style.textContent = ':host{all:initial !important;}';
  const container = document.createElement('div');
  const frame = document.createElement('iframe');
  frame.title = 'Purchase Actions Toolkit';
  frame.className = 'pat-frame';
  // As wide as the page's content column, no frame border; height follows its content.
  frame.setAttribute(
    'style',
    'display:block;width:100%;height:56px;border:0;margin:0;background:transparent;color-scheme:normal',
  );
  shadow.append(style, container);
  anchor.parentElement.insertBefore(host, anchor);
  return { host, style, container, frame };
}

/**
 * Puts the frame in, at its address: an iframe added without one would first load an empty
 * document of its own, on the page's main thread.
 */
export function openToolbarFrame(mounted: ToolbarHost, url: string): void {
  mounted.frame.src = url;
  mounted.container.prepend(mounted.frame);
}

/** The router leaves the host it mounted for the feature script. */
export function leaveToolbarHost(mounted: ToolbarHost): void {
  (globalThis as unknown as Record<string, unknown>)[TOOLBAR_HOST_KEY] = mounted;
}

/** The host the router mounted in this document, once (the feature script takes it over). */
export function takeToolbarHost(): ToolbarHost | null {
  const g = globalThis as unknown as Record<string, unknown>;
  const mounted = g[TOOLBAR_HOST_KEY] as ToolbarHost | undefined;
  delete g[TOOLBAR_HOST_KEY];
  return mounted?.host.isConnected ? mounted : null;
}
