// Text as a person reads it: collapsed white space, no non-breaking spaces, case kept.
export function norm(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

export function same(a: string | null | undefined, b: string): boolean {
  return norm(a).toLowerCase() === b.toLowerCase();
}

const INVISIBLE = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION', 'SELECT', 'TITLE']);

/**
 * The visible text of an element, skipping scripts, styles and <option>s (a select listing every
 * set's name must not look like the sets themselves) and elements hidden by attribute.
 */
export function visibleText(el: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      parts.push(node.nodeValue ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const e = node as Element;
    if (INVISIBLE.has(e.tagName.toUpperCase()) || isHiddenByAttribute(e)) return;
    if (e.tagName === 'INPUT') {
      const type = (e.getAttribute('type') ?? 'text').toLowerCase();
      if (type === 'button' || type === 'submit') parts.push(` ${e.getAttribute('value') ?? ''} `);
      return;
    }
    for (const child of Array.from(e.childNodes)) walk(child);
    if (/^(TD|TH|TR|DIV|P|LI|BR|H\d)$/.test(e.tagName.toUpperCase())) parts.push(' ');
  };
  walk(el);
  return norm(parts.join(''));
}

function isHiddenByAttribute(e: Element): boolean {
  if (e.hasAttribute('hidden') || e.getAttribute('aria-hidden') === 'true') return true;
  const style = e.getAttribute('style') ?? '';
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** Elements whose own visible text is exactly `label` (the smallest such elements). */
export function elementsWithText(root: ParentNode, label: string): Element[] {
  const candidates = label !== '' && norm(label) === label ? textMatches(root, label) : null;
  const found: Element[] = [];
  for (const el of candidates ?? Array.from(root.querySelectorAll('*'))) {
    if (INVISIBLE.has(el.tagName.toUpperCase())) continue;
    if (!same(el.textContent, label)) continue;
    if (visibleText(el) !== label && !same(visibleText(el), label)) continue;
    // Keep the innermost: drop an ancestor when a descendant already matched.
    if (Array.from(el.children).some((c) => same(c.textContent, label))) continue;
    found.push(el);
  }
  return found;
}

/**
 * The elements below `root` whose text, white space collapsed and in any case, is `label` (a
 * normalised, non-empty label), in document order: found from the text nodes up, instead of
 * reading the text of every element of the page (the router does this on the Actions page before
 * the toolbar can show). Such an element holds a text node that is not white space; going up from
 * one, an element's collapsed text only grows, and lower case is never shorter, so the climb stops
 * at the first element whose text is longer than the label, or at one already climbed through.
 */
function textMatches(root: ParentNode, label: string): Element[] {
  const want = label.toLowerCase();
  const doc = (root as Node).ownerDocument ?? (root as Document);
  // Numbers, not NodeFilter/Node: node callers parse with happy-dom, without those globals.
  const walker = doc.createTreeWalker(root as Node, 4 /* SHOW_TEXT */);
  const climbed = new Set<Element>();
  const matches: Element[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/[^\s\u00a0]/.test(node.nodeValue ?? '')) continue;
    for (
      let el = node.parentElement;
      el && el !== root && !climbed.has(el);
      el = el.parentElement
    ) {
      climbed.add(el);
      const text = norm(el.textContent);
      if (text.length > want.length) break;
      if (text.toLowerCase() === want) matches.push(el);
    }
  }
  // Document order (an ancestor before its descendants), as querySelectorAll gives it.
  return matches.sort((a, b) => (a.compareDocumentPosition(b) & 4 /* FOLLOWING */ ? -1 : 1));
}
