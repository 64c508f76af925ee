// What an extension page (the dashboard) may ask of the store, through the background, which owns
// the extension's IndexedDB (background/dashboard.ts). Apart from source.ts so the message schema
// (lib/messaging/runtime.ts) names them without pulling the store into content scripts.
export const STORE_OPS = [
  'accountSummaries',
  'timeline',
  'getSnapshot',
  'importSnapshots',
  'deleteSnapshot',
  'setPinned',
  'renameSnapshot',
  'getKeepLast',
  'setKeepLast',
  'getEveryDays',
  'setEveryDays',
] as const;
export type StoreOp = (typeof STORE_OPS)[number];
