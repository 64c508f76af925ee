import { describe, expect, it } from 'vitest';
import { learnProductEditorUrl } from '@/lib/crm/product-editor';

const products = [
  { id: '12', name: 'Pool scrubbing Mitt' },
  { id: '13', name: 'Test Product' },
  { id: '40', name: 'Chlorine Tablets 25 lb' },
];

describe('learnProductEditorUrl', () => {
  it('learns the parameter that carries the product id, when every listed row agrees', () => {
    const make = learnProductEditorUrl(
      [
        { name: 'Pool scrubbing Mitt', url: 'https://d.infusionsoft.com/e?kind=P&ref=12&v=2' },
        { name: 'Test Product', url: 'https://d.infusionsoft.com/e?kind=P&ref=13&v=2' },
      ],
      products,
    );
    expect(make?.({ id: '40', name: 'Chlorine Tablets 25 lb' })).toBe(
      'https://d.infusionsoft.com/e?kind=P&ref=40&v=2',
    );
  });
  it('refuses when rows disagree or the id appears twice', () => {
    expect(
      learnProductEditorUrl(
        [
          { name: 'Pool scrubbing Mitt', url: 'https://d.infusionsoft.com/e?a=12' },
          { name: 'Test Product', url: 'https://d.infusionsoft.com/e?b=13' },
        ],
        products,
      ),
    ).toBeNull();
    expect(
      learnProductEditorUrl(
        [{ name: 'Pool scrubbing Mitt', url: 'https://d.infusionsoft.com/e?a=12&b=12' }],
        products,
      ),
    ).toBeNull();
  });
  it('refuses when no listed product can be matched to the report', () => {
    expect(
      learnProductEditorUrl(
        [{ name: 'Unknown', url: 'https://d.infusionsoft.com/e?a=1' }],
        products,
      ),
    ).toBeNull();
  });
});
