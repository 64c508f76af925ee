import type { Product } from '../model';
import { normName } from '../snapshot/match';
import { queryPairs } from './editor-url';

// Products without actions are not listed on the Actions page (in the replica; the real page is
// assumed the same), so their editor address must be learned from the listed ones: the query
// parameter whose value is the product's id in the products report. Learned only when every
// listed product agrees; every address made this way is checked against the editor's own page
// (readSet's expectName) before anything is read from or written to it.

export interface ListedEditor {
  name: string;
  url: string;
}

export function learnProductEditorUrl(
  listed: readonly ListedEditor[],
  products: readonly Product[],
): ((product: Product) => string) | null {
  const idOf = new Map(products.map((p) => [normName(p.name), p.id]));
  let param: string | null = null;
  let sample: URL | null = null;
  for (const row of listed) {
    const id = idOf.get(normName(row.name));
    if (!id) continue;
    const url = new URL(row.url);
    const names = queryPairs(url)
      .filter(([, v]) => v === id)
      .map(([k]) => k);
    if (names.length !== 1) return null; // ambiguous or absent: do not guess
    if (param !== null && names[0] !== param) return null;
    param = names[0] as string;
    sample ??= url;
  }
  if (!param || !sample) return null;
  const key = param;
  const base = sample.href;
  return (product) => {
    if (!product.id) throw new Error(`The products report gave no id for "${product.name}".`);
    const u = new URL(base);
    u.searchParams.set(key, product.id);
    return u.href;
  };
}
