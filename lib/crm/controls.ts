import { norm, same } from './text';

// What counts as a clickable control with a given caption, in any dialect: an <input> button,
// a <button>, a link, or anything with role=button.
const CONTROL_SELECTOR =
  'input[type="button" i], input[type="submit" i], button, a, [role="button"]';

function controlCaption(el: Element): string {
  if (el.tagName === 'INPUT') return norm(el.getAttribute('value'));
  return (
    norm(el.textContent) || norm(el.getAttribute('aria-label')) || norm(el.getAttribute('title'))
  );
}

export function controlsWithCaption(root: ParentNode, caption: string): Element[] {
  return Array.from(root.querySelectorAll(CONTROL_SELECTOR)).filter((el) =>
    same(controlCaption(el), caption),
  );
}
