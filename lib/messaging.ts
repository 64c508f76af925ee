import { z } from 'zod';

// The protocol between the content script (isolated world) and the page bridge (main world).
// The page's own scripts can send these events too, so every message is parsed here and
// anything that does not parse is dropped. Details cross worlds as JSON strings: object details
// do not survive the crossing in Chrome.

export const BRIDGE_REQUEST = 'pat:bridge-request';
export const BRIDGE_RESPONSE = 'pat:bridge-response';
export const BRIDGE_READY = 'pat:bridge-ready';
/** Attribute the content script puts on each Actions control so the bridge can find it. */
export const MARK_ATTRIBUTE = 'data-pat-mark';

export const BridgeRequest = z.discriminatedUnion('type', [
  z.object({
    id: z.string().max(64),
    type: z.literal('resolve-editor-urls'),
    marks: z.array(z.string().max(32)).max(5000),
  }),
]);
export type BridgeRequest = z.infer<typeof BridgeRequest>;

export const EditorOpen = z.object({
  url: z.string().max(4096),
  name: z.string().max(256),
  features: z.string().max(1024),
});
export type EditorOpen = z.infer<typeof EditorOpen>;

export const BridgeResponse = z.discriminatedUnion('type', [
  z.object({
    id: z.string().max(64),
    type: z.literal('editor-urls'),
    opens: z.record(z.string().max(32), EditorOpen.nullable()),
  }),
]);
export type BridgeResponse = z.infer<typeof BridgeResponse>;

export function parseJson<T>(schema: z.ZodType<T>, raw: unknown): T | null {
  if (typeof raw !== 'string' || raw.length > 2_000_000) return null;
  try {
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
