// Data both Actions-page dialects render: the five triggers and every product that has actions.
import type { Ctx } from '../http.ts';
import { type SetOwner, TRIGGERS } from '../state/types.ts';

export interface SetRow {
  owner: SetOwner;
  name: string;
  count: number;
}

export const POPUP_FEATURES = 'width=820,height=640,scrollbars=yes,resizable=yes';

export function defaultRows(ctx: Ctx): SetRow[] {
  return TRIGGERS.map((t) => {
    const owner: SetOwner = { kind: 'trigger', trigger: t.key };
    return { owner, name: t.label, count: ctx.account.actionsOf(owner).length };
  });
}

/** Products that already have actions, in catalogue order (crm-facts "A Products section"). */
export function productRows(ctx: Ctx): SetRow[] {
  const counts = new Map<number, number>();
  for (const set of ctx.account.state.actionSets) {
    if (set.owner.kind === 'product' && set.actionIds.length > 0) {
      counts.set(set.owner.productId, set.actionIds.length);
    }
  }
  return ctx.account.state.products
    .filter((p) => counts.has(p.id))
    .map((p) => ({
      owner: { kind: 'product', productId: p.id },
      name: p.name,
      count: counts.get(p.id) ?? 0,
    }));
}

export const HINT = 'Click inside the text box and start typing the name of a product';
