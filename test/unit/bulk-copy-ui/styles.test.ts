import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Read from disk: Vitest turns every .css import (even ?raw) into an empty string.
// Vitest runs from the project root (the happy-dom environment gives no file: import.meta.url).
const css = readFileSync(resolve('components/bulk-copy/bulk-copy.css'), 'utf8');

describe('bulk copy styles', () => {
  it('are scoped to the dialog and sized in px', () => {
    // Every selector carries our prefix, so nothing leaks onto the toolbar in the same root.
    const selectors = css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split('}')
      .flatMap((rule) => (rule.split('{')[0] ?? '').split(','))
      .map((s) => s.trim())
      .filter(Boolean);
    expect(selectors.length).toBeGreaterThan(20);
    for (const s of selectors) expect(s).toMatch(/^\.pat-bc-/);
    // The host page sets its own root font size: rem would scale the dialog with it.
    expect(css).not.toMatch(/\d(rem|em)\b/);
  });
});
