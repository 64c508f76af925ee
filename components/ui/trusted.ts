/**
 * A handler that starts work runs only for a real user's input, never a synthetic event: a page
 * script can dispatch clicks wherever it can reach (threat-model.md, rule 2). The toolkit's own
 * frames use it on every control that writes or starts a job.
 */
export const trusted =
  (work: () => void) =>
  (e?: Event): void => {
    if (e?.isTrusted) work();
  };
