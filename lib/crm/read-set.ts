import type { Action } from '../model';
import { detectPage } from './detect';
import { readEditorRows } from './editor-page';
import { fetchCrmHtml, type PoliteQueue, SessionExpiredError } from './polite';

export class UnexpectedPageError extends Error {
  constructor(readonly url: string) {
    super(`Expected an action-set editor at ${url}, but the page was something else.`);
    this.name = 'UnexpectedPageError';
  }
}

/** Parses fetched HTML and insists it is what we asked for, judged by content. */
export function parseEditorHtml(html: string, url: string): Action[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const kind = detectPage(doc);
  if (kind === 'login') throw new SessionExpiredError();
  if (kind !== 'editor') throw new UnexpectedPageError(url);
  return readEditorRows(doc).map((r) => r.action);
}

/** Reads one action set's list of actions through its editor URL. */
export async function readSetActions(
  url: string,
  queue: PoliteQueue,
  signal?: AbortSignal,
): Promise<Action[]> {
  return parseEditorHtml(await fetchCrmHtml(url, queue, signal), url);
}
