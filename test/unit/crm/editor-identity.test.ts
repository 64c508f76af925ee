// Issue 9, point 3: a learned product-editor URL is accepted only when the editor's own title or
// heading names the expected set. Any text on the page will not do: the "Copy an existing action
// set" list in every editor names every other product.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFromSet, EditorControlError, readSet } from '@/lib/crm/editor-ops';
import { editorTitles, namesSet } from '@/lib/crm/editor-page';
import { PoliteQueue } from '@/lib/crm/polite';
import type { Transport } from '@/lib/crm/transport';
import {
  type Account,
  type DialectSpec,
  INLINE,
  type Replica,
  SCRIPTED,
  startReplica,
} from '../../replica/index.ts';
import { parseHtml, replicaTransport } from './replica-client';

const PAGES = resolve(import.meta.dirname, '../../fixtures/pages');
const fixture = (dialect: string, file: string) =>
  parseHtml(readFileSync(resolve(PAGES, dialect, `${file}.html`), 'utf8'));

/** An editor page in the replica's shape: the set's name in the title and h1, then its copy list. */
const editor = (title: string, copyList: string[], body = '') =>
  parseHtml(`<!DOCTYPE html><html><head><title>Actions: ${title}</title></head><body>
<h1>Actions: ${title}</h1>${body}
<form method="post" action="/e"><label for="c">Copy an existing action set</label>
<select id="c" name="c">${copyList.map((n, i) => `<option value="${i}">${n}</option>`).join('')}</select>
<input type="submit" value="Copy"></form></body></html>`);

describe('namesSet on saved editors of both dialects', () => {
  it('accepts the editor for its own set', () => {
    const inline = fixture('inline', 'editor-product-set');
    expect(namesSet(inline, 'Pool scrubbing Mitt')).toBe(true);
    expect(namesSet(inline, '  Pool   scrubbing Mitt ')).toBe(true);
    const scripted = fixture('scripted', 'editor-product-set');
    expect(namesSet(scripted, '<img src=x onerror=alert(1)>')).toBe(true);
    expect(
      namesSet(fixture('scripted', 'editor-successful-purchase'), 'Successful Purchase Action'),
    ).toBe(true);
  });

  it('refuses it for a product its copy list names', () => {
    const inline = fixture('inline', 'editor-product-set');
    expect(inline.body.textContent).toContain('Test Product');
    expect(namesSet(inline, 'Test Product')).toBe(false);
    const scripted = fixture('scripted', 'editor-product-set');
    expect(scripted.body.textContent).toContain('Anvil of the Month');
    expect(namesSet(scripted, 'Anvil of the Month')).toBe(false);
  });
});

describe('namesSet', () => {
  it('refuses a name that appears only in the body text', () => {
    const doc = editor(
      'Chlorine Tablets 25 lb',
      [],
      '<p>Also sold with Test Product.</p><table><tr><td>Send an email</td><td>Test Product</td></tr></table>',
    );
    expect(namesSet(doc, 'Test Product')).toBe(false);
    expect(namesSet(doc, 'Chlorine Tablets 25 lb')).toBe(true);
  });

  it('tells apart products whose names are prefixes of each other', () => {
    const long = editor('Pool scrubbing Mitt', ['Pool', 'Mitt']);
    const short = editor('Pool', ['Pool scrubbing Mitt']);
    expect(namesSet(long, 'Pool')).toBe(false);
    expect(namesSet(long, 'Mitt')).toBe(false);
    expect(namesSet(long, 'Pool scrubbing Mitt')).toBe(true);
    expect(namesSet(short, 'Pool scrubbing Mitt')).toBe(false);
    expect(namesSet(short, 'Pool')).toBe(true);
  });

  it('reads only what follows the label, so a name that looks like a label is no shortcut', () => {
    expect(namesSet(editor('Mitt', []), 'Actions: Mitt')).toBe(false);
    expect(namesSet(editor('Actions: Mitt', []), 'Actions: Mitt')).toBe(true);
    expect(namesSet(editor('Actions: Mitt', []), 'Mitt')).toBe(false);
  });

  it('accepts a heading when the title says something else, and ignores headings in forms', () => {
    const doc = parseHtml(
      '<title>Keap</title><h2>Actions: Giant Magnet</h2><form><h1>Actions: Anvil</h1></form>',
    );
    expect(namesSet(doc, 'Giant Magnet')).toBe(true);
    expect(namesSet(doc, 'Anvil')).toBe(false);
    expect(editorTitles(doc)).toEqual(['Keap', 'Actions: Giant Magnet']);
  });
});

describe.each([
  ['demo', INLINE],
  ['acme', SCRIPTED],
] as const)('readSet with expectName against the replica (%s)', (app, dialect: DialectSpec) => {
  let replica: Replica;
  beforeAll(async () => {
    replica = await startReplica({
      accounts: [{ app, dialect: dialect.name, seed: app }],
    });
  });
  afterAll(() => replica.stop());

  const setup = () => {
    const account = replica.accounts.get(app) as Account;
    const rt = replicaTransport(replica, account);
    const queue = new PoliteQueue({ maxInFlight: 2, maxPerSecond: 1000, retries: 0, backoffMs: 1 });
    const [a, b] = account.state.products;
    if (!a || !b) throw new Error('the seed has two products');
    const url = (id: number) =>
      `${replica.origin(app)}${dialect.paths.editor}?${new URLSearchParams(dialect.ownerParams({ kind: 'product', productId: id }))}`;
    let posts = 0;
    const transport: Transport = (u, init) => {
      if (init?.method === 'POST') posts++;
      return rt.transport(u, init);
    };
    return {
      account,
      a,
      b,
      url,
      opts: { queue, transport, parseHtml },
      posts: () => posts,
      sent: rt.sent,
    };
  };

  it("accepts the product's own editor", async () => {
    const { a, url, opts } = setup();
    await expect(readSet(url(a.id), { ...opts, expectName: a.name })).resolves.toBeTruthy();
  });

  it("refuses another product's editor, whose copy list names the expected product", async () => {
    const { a, b, url, opts, sent } = setup();
    const html = await (await opts.transport(url(b.id))).text();
    expect(parseHtml(html).body.textContent).toContain(a.name);
    const before = sent.length;
    await expect(readSet(url(b.id), { ...opts, deep: true, expectName: a.name })).rejects.toThrow(
      EditorControlError,
    );
    // One request (the editor itself): no action of the wrong set was opened.
    expect(sent.length - before).toBe(1);
  });

  it('refuses to write to the wrong editor, and writes to the right one', async () => {
    const { account, a, b, url, opts, posts } = setup();
    const source = 'Successful Purchase Action';
    const state = JSON.stringify(account.state);
    await expect(copyFromSet(url(b.id), source, { ...opts, expectName: a.name })).rejects.toThrow(
      `is not the one for "${a.name}"`,
    );
    expect(posts()).toBe(0);
    expect(JSON.stringify(account.state)).toBe(state);
    // Control: the same write through the same check, to the editor that names the set.
    const owner = { kind: 'product', productId: a.id } as const;
    const before = account.actionsOf(owner).length;
    const r = await copyFromSet(url(a.id), source, { ...opts, expectName: a.name });
    expect(posts()).toBe(1);
    expect(r.added).toBeGreaterThan(0);
    expect(account.actionsOf(owner).length).toBe(before + r.added);
  });
});
