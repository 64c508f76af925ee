import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  detectPage,
  isActionEditor,
  isActionsPage,
  isLoginPage,
  isSettingsPage,
} from '@/lib/crm/detect';
import type { PageKind } from '@/lib/model';

// Every detector against every saved page: its own pages are positives, every other detector's
// pages are its negatives (the github-url-detection pattern). Pages are saved from both replica
// dialects by scripts/save-replica-pages.ts; names say the kind each must be detected as.
const PAGES = resolve(import.meta.dirname, '../../fixtures/pages');
const REFERENCE = resolve(
  import.meta.dirname,
  '../../../../shared/reference/max-classic-report-page.html',
);

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

const saved = readdirSync(PAGES).flatMap((dialect) =>
  readdirSync(resolve(PAGES, dialect)).map((file) => {
    const kind = file.split('-')[0] as PageKind;
    return {
      name: `${dialect}/${file}`,
      kind,
      doc: parse(readFileSync(resolve(PAGES, dialect, file), 'utf8')),
    };
  }),
);

const DETECTORS: Record<Exclude<PageKind, 'other'>, (d: Document) => boolean> = {
  actions: isActionsPage,
  editor: isActionEditor,
  settings: isSettingsPage,
  login: isLoginPage,
};

describe('saved pages', () => {
  it('cover every kind in both dialects', () => {
    for (const dialect of ['inline', 'scripted']) {
      const kinds = new Set(saved.filter((p) => p.name.startsWith(dialect)).map((p) => p.kind));
      expect([...kinds].sort()).toEqual(['actions', 'editor', 'login', 'other', 'settings']);
    }
  });

  it.each(saved.map((p) => [p.name, p.kind, p.doc] as const))(
    '%s is detected as %s',
    (_n, kind, doc) => {
      expect(detectPage(doc)).toBe(kind);
    },
  );
});

describe.each(Object.entries(DETECTORS))('detector %s', (kind, detect) => {
  it.each(saved.map((p) => [p.name, p.kind, p.doc] as const))('on %s', (_n, pageKind, doc) => {
    // Login pages are detected last: a page of ours with a password box is still ours.
    if (kind === 'login' && pageKind !== 'login') {
      if (detectPage(doc) !== 'other') return;
    }
    expect(detect(doc)).toBe(pageKind === kind);
  });
});

describe('the real Max Classic report page from ../shared/reference', () => {
  it.skipIf(!existsSync(REFERENCE))(
    'is "other" (skipped where ../shared/reference is absent)',
    () => {
      const doc = parse(readFileSync(REFERENCE, 'utf8'));
      expect(detectPage(doc)).toBe('other');
      for (const detect of Object.values(DETECTORS)) expect(detect(doc)).toBe(false);
    },
  );
});
