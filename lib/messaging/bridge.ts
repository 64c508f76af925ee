import * as z from 'zod/mini';

export * from './events';

// The protocol between content scripts (isolated world) and the bridges (main world). zod/mini:
// the bridges are injected into CRM pages and must stay small.
// The page's own scripts can send these events too, so every message is parsed here and
// anything that does not parse is dropped. Details cross worlds as JSON strings: object details
// do not survive the crossing in Chrome.

export const BridgeRequest = z.discriminatedUnion('type', [
  z.object({
    id: z.string().check(z.maxLength(64)),
    type: z.literal('resolve-editor-urls'),
    marks: z.array(z.string().check(z.maxLength(32))).check(z.maxLength(5000)),
  }),
]);
export type BridgeRequest = z.infer<typeof BridgeRequest>;

export const EditorOpen = z.object({
  url: z.string().check(z.maxLength(4096)),
  name: z.string().check(z.maxLength(256)),
  features: z.string().check(z.maxLength(1024)),
});
export type EditorOpen = z.infer<typeof EditorOpen>;

export const BridgeResponse = z.discriminatedUnion('type', [
  z.object({
    id: z.string().check(z.maxLength(64)),
    type: z.literal('editor-urls'),
    opens: z.record(z.string().check(z.maxLength(32)), z.nullable(EditorOpen)),
  }),
]);
export type BridgeResponse = z.infer<typeof BridgeResponse>;

export function parseJson<T>(schema: z.ZodMiniType<T>, raw: unknown): T | null {
  if (typeof raw !== 'string' || raw.length > 2_000_000) return null;
  try {
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

// ---- Cross-world: the pop-up workaround ----

export const OpenBlocked = z.object({ url: z.string().check(z.maxLength(4096)) });

/**
 * What an editor did to its opener, forwarded when it has none (opened by the extension, in a
 * tab, or in a frame). Only what the CRM's editors are known to do on save crosses: reload the
 * opener, or post it a message (the replica's two dialects, test/replica/pages/editor-list.ts;
 * crm-facts.md knows of nothing else). No call of a function named by a message: an editor
 * calling some other opener method gets a no-op, and nothing of it leaves the editor.
 */
export const OpenerCall = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reload') }),
  z.object({ kind: z.literal('postMessage'), data: z.string().check(z.maxLength(100_000)) }),
]);
export type OpenerCall = z.infer<typeof OpenerCall>;
