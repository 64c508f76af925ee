import type { Product, SetRef } from '../model';
import { setKey } from '../model';
import { normName, reportEntryFor } from '../snapshot/match';

// The sets a bulk copy can write to: the five Default Settings sets and every product. The
// Actions page lists only products that have actions; the others come from the products report,
// their editor address built by the rule learned from the listed ones (lib/crm/product-editor),
// and checked against the editor's own page before anything is read or written there.

/** A row of the Actions page, as the page lists it. */
export interface ListedSet {
  ref: SetRef;
  name: string;
  /** null when the row's editor address could not be resolved: it cannot be written to. */
  editorUrl: string | null;
}

export interface Target {
  key: string;
  ref: SetRef;
  name: string;
  editorUrl: string;
  /** Listed on the Actions page; otherwise its address was learned and must be checked. */
  listed: boolean;
  /** The product's category in the products report. */
  category?: string;
}

/**
 * Every target, listed rows first in the page's order, then the products the page does not list.
 * `editorUrlOf` is the learned address rule (null when it could not be learned: unlisted products
 * are then left out rather than guessed).
 */
export function targetCatalogue(
  listed: readonly ListedSet[],
  products: readonly Product[],
  editorUrlOf: ((product: Product) => string) | null,
): Target[] {
  const byName = new Map(products.map((p) => [normName(p.name), p]));
  const targets = new Map<string, Target>();
  const add = (t: Omit<Target, 'key' | 'category'>) => {
    const key = setKey(t.ref);
    const c = t.ref.kind === 'product' ? reportEntryFor(t.name, byName)?.category : undefined;
    if (!targets.has(key)) targets.set(key, { key, ...t, ...(c ? { category: c } : {}) });
  };
  for (const row of listed) {
    if (row.editorUrl)
      add({ ref: row.ref, name: row.name, editorUrl: row.editorUrl, listed: true });
  }
  // A listed product is known by name (one dialect shows no ids; some label their rows
  // "Product: X"), so the report's row for it is the same set, not another target.
  const listedProducts = new Set(
    listed.filter((r) => r.ref.kind === 'product').map((r) => reportEntryFor(r.name, byName)),
  );
  if (editorUrlOf) {
    for (const p of products) {
      if (listedProducts.has(p) || !p.id) continue;
      const ref: SetRef = { kind: 'product', name: p.name, id: p.id };
      add({ ref, name: p.name, editorUrl: editorUrlOf(p), listed: false });
    }
  }
  return [...targets.values()];
}
