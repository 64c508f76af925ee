import type { Plugin } from 'vite';

// Used by wxt.config.ts. Zod 4 probes `new Function("")` once to decide whether it may compile
// fast parsers. An extension page's CSP forbids eval anyway (the probe only throws and reports
// a CSP violation), and addons.mozilla.org flags the probe as DANGEROUS_EVAL. So the probe is
// replaced, at build time, by the answer it would give under that CSP: no eval. This is zod's
// `jitless` mode, made static; zod then always uses its interpreted parsers.
const PROBE =
  /try\s*\{\s*const F = Function;\s*new F\(""\);\s*return true;\s*\}\s*catch\s*\(_\)\s*\{\s*return false;\s*\}/;

export function zodNoEval(): Plugin {
  return {
    name: 'pat-zod-no-eval',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/.test(id.split('?')[0] ?? '')) return null;
      // Fail the build rather than ship the probe silently if a zod upgrade changes its shape.
      if (!PROBE.test(code))
        throw new Error(`zod's eval probe not found in ${id}: update ${import.meta.url}`);
      return { code: code.replace(PROBE, 'return false;'), map: null };
    },
  };
}
