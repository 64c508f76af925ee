import type { ActionSet } from '../model';

// What an interrupted capture keeps for Resume. A set counts as read only once a write holding
// it has finished: a throttled save (the old one wrote at most every 1.5 s) left the sets read
// in the last interval only in memory, so a tab closed or a content script torn down under load
// lost them, and Resume read them again. Writes are coalesced instead: at most one is in flight,
// and the next one carries every set finished meanwhile, so the number of writes stays near the
// number the storage can take, not the number of sets.

export interface Checkpointer {
  /** Every set added so far (resumed ones first). */
  readonly sets: readonly ActionSet[];
  /** Adds a finished set; resolves once a write holding it has completed, rejects if it failed. */
  add(set: ActionSet): Promise<void>;
  /** Writes whatever is not yet written (e.g. before showing Resume). */
  flush(): Promise<void>;
}

export function checkpointer(
  write: (sets: readonly ActionSet[]) => Promise<void>,
  resumed: readonly ActionSet[] = [],
): Checkpointer {
  const sets: ActionSet[] = [...resumed];
  let written = resumed.length;
  let inFlight: Promise<void> | null = null;
  const upTo = async (n: number) => {
    while (written < n) {
      if (!inFlight) {
        const count = sets.length;
        inFlight = write(sets.slice())
          .then(() => {
            written = Math.max(written, count);
          })
          .finally(() => {
            inFlight = null;
          });
      }
      await inFlight;
    }
  };
  return {
    sets,
    add(set) {
      sets.push(set);
      return upTo(sets.length);
    },
    flush: () => upTo(sets.length),
  };
}
