import { describe, expect, it } from 'vitest';
import { targetCatalogue } from '@/lib/bulk-copy/catalogue';
import type { Product } from '@/lib/model';

const editor = (id: string) =>
  `https://demo.infusionsoft.com/app/product/editActionSet?productId=${id}`;
const learned = (p: Product) => editor(p.id ?? '');

const listed = [
  {
    ref: { kind: 'default' as const, trigger: 'successful' as const },
    name: 'Successful Purchase',
    editorUrl: 'https://demo.infusionsoft.com/app/purchaseActions/editActionSet?triggerId=3',
  },
  {
    ref: { kind: 'product' as const, name: 'Widget', id: '7' },
    name: 'Widget',
    editorUrl: editor('7'),
  },
  // A row whose editor address could not be resolved cannot be written to.
  { ref: { kind: 'product' as const, name: 'Broken' }, name: 'Broken', editorUrl: null },
];
const products: Product[] = [
  { id: '7', name: 'Widget', category: 'Hardware' },
  { id: '8', name: 'Gadget', category: 'Hardware' },
  { name: 'No id' },
  { id: '9', name: 'successful purchase' }, // a product may share a default set's name
];

describe('targetCatalogue', () => {
  // Found by the generated dialects (issue 13): a page that labels its rows "Product: Widget"
  // listed Widget twice, once from the page and once from the report.
  it('a row labelled "Product: X" is the report\'s X, not a second target', () => {
    // As a page without ids shows them: known by their (labelled) names only.
    const labelled = listed.map((r) =>
      r.ref.kind === 'product'
        ? {
            ...r,
            name: `Product: ${r.name}`,
            ref: { kind: 'product' as const, name: `Product: ${r.name}` },
          }
        : r,
    );
    const t = targetCatalogue(labelled, products, learned);
    expect(t.map((x) => [x.key, x.name, x.listed, x.category])).toEqual([
      ['default:successful', 'Successful Purchase', true, undefined],
      ['product:name:Product: Widget', 'Product: Widget', true, 'Hardware'],
      ['product:8', 'Gadget', false, 'Hardware'],
      ['product:9', 'successful purchase', false, undefined],
    ]);
  });

  it('lists the page rows, then the unlisted products at their learned addresses', () => {
    const t = targetCatalogue(listed, products, learned);
    expect(t.map((x) => [x.key, x.name, x.listed, x.category])).toEqual([
      ['default:successful', 'Successful Purchase', true, undefined],
      ['product:7', 'Widget', true, 'Hardware'],
      ['product:8', 'Gadget', false, 'Hardware'],
      ['product:9', 'successful purchase', false, undefined],
    ]);
    expect(t.find((x) => x.key === 'product:8')?.editorUrl).toBe(editor('8'));
  });

  it('a listed product is not listed twice when the report names it in another case', () => {
    const t = targetCatalogue(listed, [{ id: '7', name: ' WIDGET ' }], learned);
    expect(t.filter((x) => x.ref.kind === 'product').map((x) => x.key)).toEqual(['product:7']);
  });

  it('without a learned address rule, unlisted products are left out, not guessed', () => {
    const t = targetCatalogue(listed, products, null);
    expect(t.map((x) => x.key)).toEqual(['default:successful', 'product:7']);
  });
});
