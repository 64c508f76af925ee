// Event names and markers shared by the isolated and main worlds. No imports: the main-world
// scripts that use them must stay tiny.

export const BRIDGE_REQUEST = 'pat:bridge-request';
export const BRIDGE_RESPONSE = 'pat:bridge-response';
export const BRIDGE_READY = 'pat:bridge-ready';
/** Attribute the content script puts on each Actions control so the bridge can find it. */
export const MARK_ATTRIBUTE = 'data-pat-mark';
/** Main world -> content: a page script's window.open for an editor returned null. */
export const BRIDGE_OPEN_BLOCKED = 'pat:open-blocked';
/** Content -> main world: replay what an editor's `window.opener` call would have done. */
export const BRIDGE_OPENER_CALL = 'pat:opener-call';
/** Isolated -> main world in an editor: ready to receive queued opener calls. */
export const BRIDGE_EDITOR_LISTENING = 'pat:editor-listening';
/** sessionStorage key marking a top-level window as an action-set editor (its first URL). */
export const EDITOR_WINDOW_KEY = 'pat-editor-key';
/** window.name of the in-page panel's frame (frames share sessionStorage with their page). */
export const EDITOR_FRAME_NAME = 'pat-editor-frame';
