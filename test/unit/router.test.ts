import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { handOver, pageToLoad, ROUTED_KIND_KEY, routedKind } from '@/entrypoints/pat-router/route';
import { detectPage } from '@/lib/crm/detect';
import { framePrecheck, mayBeOurs, OUR_LABELS_SOURCE } from '@/lib/crm/precheck';
import { EDITOR_FRAME_NAME, EDITOR_WINDOW_KEY } from '@/lib/messaging/events';

// The always-on router's cheap pre-check must never hide a page the full detectors find, and
// should let the CRM's ordinary pages go without a walk. Same saved pages as detect.test.ts.
const PAGES = resolve(import.meta.dirname, '../fixtures/pages');
const saved = readdirSync(PAGES).flatMap((dialect) =>
  readdirSync(resolve(PAGES, dialect)).map((file) => ({
    name: `${dialect}/${file}`,
    html: readFileSync(resolve(PAGES, dialect, file), 'utf8'),
  })),
);
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('the pre-check', () => {
  it.each(saved.map((p) => [p.name, p.html] as const))(
    'on %s agrees with the detectors',
    (name, html) => {
      const doc = parse(html);
      const kind = detectPage(doc);
      if (kind === 'actions' || kind === 'editor' || kind === 'settings') {
        expect(mayBeOurs(doc)).toBe(true);
      }
      // The CRM's everyday pages skip the full detectors altogether.
      if (/other-(contacts|home)/.test(name)) expect(mayBeOurs(doc)).toBe(false);
    },
  );

  it('finds a label split over elements and odd white space, in any case', () => {
    expect(mayBeOurs(parse('<h2><span>Default</span>\n&nbsp;<b>SETTINGS</b></h2>'))).toBe(true);
    expect(mayBeOurs(parse('<label>Run purchase actions on all  orders?</label>'))).toBe(true);
    expect(mayBeOurs(parse('<p>Default values; Settings</p>'))).toBe(false);
  });
});

describe('what the router loads in the top frame', () => {
  afterEach(() => {
    sessionStorage.clear();
    document.documentElement.innerHTML = '<head></head><body></body>';
  });
  const show = (html: string) => {
    document.documentElement.innerHTML = parse(html).documentElement.innerHTML;
  };
  const page = (prefix: string) => {
    const found = saved.find((p) => p.name.startsWith(`inline/${prefix}`));
    if (!found) throw new Error(`no saved page ${prefix}`);
    return found.html;
  };

  it.each([
    ['actions', 'actions'],
    ['editor', 'editor'],
    ['settings', 'settings'],
    ['other-contacts', null],
    ['login', null],
  ] as const)('%s: %s', (prefix, expected) => {
    show(page(prefix));
    expect(pageToLoad(window)).toBe(expected);
  });

  it('every page of a known editor window, editor or not (the answer to its Save)', () => {
    sessionStorage.setItem(EDITOR_WINDOW_KEY, 'https://demo.infusionsoft.com/editor');
    show(page('other-contacts'));
    expect(pageToLoad(window)).toBe('other');
    show(page('editor'));
    expect(pageToLoad(window)).toBe('editor');
  });
});

describe("the background's pre-check, run in the page's own world", () => {
  afterEach(() => {
    sessionStorage.clear();
    document.documentElement.innerHTML = '<head></head><body></body>';
  });
  const precheck = () => framePrecheck(OUR_LABELS_SOURCE, EDITOR_FRAME_NAME, EDITOR_WINDOW_KEY);

  it.each(saved.map((p) => [p.name, p.html] as const))(
    'on %s answers what mayBeOurs answers in a top frame',
    (_name, html) => {
      const doc = parse(html);
      document.documentElement.innerHTML = doc.documentElement.innerHTML;
      expect(precheck()).toBe(mayBeOurs(doc));
    },
  );

  it('lets every page of a known editor window through, editor or not', () => {
    document.documentElement.innerHTML = '<body><p>Saved.</p></body>';
    expect(precheck()).toBe(false);
    sessionStorage.setItem(EDITOR_WINDOW_KEY, 'https://demo.infusionsoft.com/editor');
    expect(precheck()).toBe(true);
  });

  it('is self-contained: executeScript sends it as source text, so it names no import', () => {
    // Evaluated from its own source alone, as the browser does with an injected function.
    const alone = new Function(`return (${framePrecheck.toString()})`)() as typeof framePrecheck;
    document.documentElement.innerHTML = '<body><h2>Default  Settings</h2></body>';
    expect(alone(OUR_LABELS_SOURCE, EDITOR_FRAME_NAME, EDITOR_WINDOW_KEY)).toBe(true);
    document.documentElement.innerHTML = '<body><h2>Contacts</h2></body>';
    expect(alone(OUR_LABELS_SOURCE, EDITOR_FRAME_NAME, EDITOR_WINDOW_KEY)).toBe(false);
  });
});

describe('the hand-over to the feature script', () => {
  afterEach(() => {
    delete (globalThis as unknown as Record<string, unknown>)[ROUTED_KIND_KEY];
  });
  it('happens once per document: the script is asked for once', () => {
    expect(routedKind()).toBeNull();
    expect(handOver('actions')).toBe(true);
    expect(handOver('editor')).toBe(false);
    expect(routedKind()).toBe('actions');
  });
});
