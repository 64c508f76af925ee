// pathsThatRun: the "When does this run?" answer for one Default Settings set or for a product's
// own action set, across all 20 order paths. Built on `evaluate` so both always agree.
import { orderPaths } from './data';
import { evaluate, type Reason } from './evaluate';
import type { Confidence, OrderPath, Setting, SourceId, Tri } from './schema';

export type RunSetKind =
  | 'successful'
  | 'failed'
  | 'error'
  | 'contactCreation'
  | 'onLogin'
  | 'product';

export type PathRun = {
  path: OrderPath;
  value: Tri;
  confidence: Confidence;
  source: SourceId;
  text: string;
};

function fromReason(path: OrderPath, reason: Reason | undefined): PathRun {
  // evaluate always returns one reason per automation and set; a miss is a bug in this module.
  if (!reason) throw new Error(`No reason for path ${path.number}`);
  const { value, confidence, source, text } = reason;
  return { path, value, confidence, source, text };
}

function onLogin(path: OrderPath): PathRun {
  // On Login depends on a login in a multi-step cart, not on the purchase: only cart paths can
  // see one, and even there only if the buyer logs in.
  return path.channel === 'cart'
    ? {
        path,
        value: 'unknown',
        confidence: 'inferred',
        source: 'keap-purchase-actions',
        text: 'Only if the buyer logs in to a multi-step cart; it does not depend on the purchase.',
      }
    : {
        path,
        value: 'no',
        confidence: 'inferred',
        source: 'keap-purchase-actions',
        text: 'No multi-step cart login happens on this path.',
      };
}

function runFor(path: OrderPath, setKind: RunSetKind, setting: Setting): PathRun {
  switch (setKind) {
    case 'onLogin':
      return onLogin(path);
    case 'product': {
      const r = evaluate({ path: path.number, setting, outcome: 'charged' });
      return fromReason(
        path,
        r.reasons.find((x) => x.automation === 'productSpecific'),
      );
    }
    case 'contactCreation': {
      // "When does it run?" means "for a buyer who is new": that is the only case it can.
      const r = evaluate({ path: path.number, setting, outcome: 'charged', newContact: true });
      return fromReason(
        path,
        r.reasons.find((x) => x.set === 'contactCreation'),
      );
    }
    case 'failed':
    case 'error':
    case 'successful': {
      const outcome =
        setKind === 'successful' ? 'charged' : setKind === 'failed' ? 'declined' : 'error';
      const r = evaluate({ path: path.number, setting, outcome });
      if (r.impossible) {
        return fromReason(
          path,
          r.reasons.find((x) => x.automation === 'global'),
        );
      }
      return fromReason(
        path,
        r.reasons.find((x) => x.set === setKind),
      );
    }
  }
}

export function pathsThatRun(setKind: RunSetKind, setting: Setting): PathRun[] {
  return orderPaths.map((path) => runFor(path, setKind, setting));
}
