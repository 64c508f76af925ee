import browser from 'webextension-polyfill';
import type { BackgroundReplies } from '@/entrypoints/background/handlers';
import type { ToBackground } from './runtime';

// The one way to ask the background (entrypoints/background/handlers.ts, the message map): the
// answer is typed by the message, so no call site casts a reply.

type Reply<M extends ToBackground> = BackgroundReplies[M['type']];
/** The answers `must` lets through: not a refusal. */
type Granted<M extends ToBackground> = Exclude<
  NonNullable<Reply<M>>,
  { error: string } | { ok: false }
>;

/** `undefined` when it did not answer (refused, or no background to answer). */
export function ask<M extends ToBackground>(msg: M): Promise<Reply<M> | undefined> {
  return browser.runtime.sendMessage(msg).catch(() => undefined) as Promise<Reply<M> | undefined>;
}

/**
 * A call that must have happened: no answer (no listener, a background restarted mid-call), an
 * `{ error }` or an `{ ok: false }` answer throws, with `what` failed and why.
 */
export async function must<M extends ToBackground>(msg: M, what = ''): Promise<Granted<M>> {
  const fail = (why: string) => new Error(what ? `${what}: ${why}` : why);
  let answer: unknown;
  try {
    answer = await browser.runtime.sendMessage(msg);
  } catch (e) {
    throw fail(e instanceof Error ? e.message : String(e));
  }
  if (answer === undefined || answer === null) throw fail('the extension did not answer.');
  if (typeof answer === 'object' && 'error' in answer && typeof answer.error === 'string')
    throw fail(answer.error);
  if (typeof answer === 'object' && 'ok' in answer && answer.ok === false)
    throw fail('the extension refused it.');
  return answer as Granted<M>;
}
