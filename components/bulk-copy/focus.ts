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

const isRadio = (el: Element): el is HTMLInputElement =>
  el instanceof HTMLInputElement && el.type === 'radio' && el.name !== '';

/**
 * The dialog's tab stops in order, as the browser walks them: a group of radios (one name) is
 * one stop, its checked radio or, when none is checked, the first of the group.
 */
export function tabStops(container: HTMLElement): HTMLElement[] {
  const all = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => {
    // Content of a closed <details> cannot take focus; its own <summary> can.
    const closed = el.closest('details:not([open])');
    return !closed || el.parentElement === closed;
  });
  const groups = new Map<string, HTMLInputElement[]>();
  for (const el of all) {
    if (!isRadio(el)) continue;
    const group = groups.get(el.name) ?? [];
    group.push(el);
    groups.set(el.name, group);
  }
  return all.filter((el) => {
    if (!isRadio(el)) return true;
    const group = groups.get(el.name) ?? [el];
    const checked = group.find((r) => r.checked);
    return el === (checked ?? group[0]);
  });
}

/** Whether `active` stands on the tab stop `stop` (any radio of a group stands on the group). */
function on(stop: HTMLElement, active: Element | null): boolean {
  return (
    stop === active ||
    (isRadio(stop) && active !== null && isRadio(active) && active.name === stop.name)
  );
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
    const stops = tabStops(box);
    const first = stops[0];
    const last = stops[stops.length - 1];
    if (!first || !last) return;
    const active = deepActiveElement(box.getRootNode() as Document | ShadowRoot);
    if (e.shiftKey && (on(first, active) || !box.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (on(last, active) || !box.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };
}
