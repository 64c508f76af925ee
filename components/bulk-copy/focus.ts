import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], summary, [tabindex]:not([tabindex="-1"])';

/** The focused element, looking through shadow roots (the dialog lives in one on the CRM page). */
export function deepActiveElement(root: Document | ShadowRoot = document): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function focusables(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => {
    // Content of a closed <details> cannot take focus; its own <summary> can.
    const closed = el.closest('details:not([open])');
    return !closed || el.parentElement === closed;
  });
}

/**
 * Keeps Tab inside the dialog and gives focus back to whatever had it (e.g. the toolbar button)
 * when the dialog goes away. Returns the keydown handler for the dialog element.
 */
export function useFocusTrap(ref: RefObject<HTMLElement | null>): (e: KeyboardEvent) => void {
  useEffect(() => {
    const opener = deepActiveElement();
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
  return (e: KeyboardEvent) => {
    const box = ref.current;
    if (e.key !== 'Tab' || !box) return;
    const all = focusables(box);
    const first = all[0];
    const last = all[all.length - 1];
    if (!first || !last) return;
    const active = deepActiveElement(box.getRootNode() as Document | ShadowRoot);
    if (e.shiftKey && (active === first || !box.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !box.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };
}
