import type { Action } from '../model';
import { findActionForm } from './action-form';
import { ForeignTargetError } from './app';
import { detectPage } from './detect';
import { readEditorRows } from './editor-page';
import { CrmRequestError, fetchCrmHtml, type PoliteQueue, SessionExpiredError } from './polite';
import { visibleText } from './text';
import type { Transport } from './transport';

export class UnexpectedPageError extends Error {
  constructor(readonly url: string) {
    super(`Expected an action-set editor at ${url}, but the page was something else.`);
    this.name = 'UnexpectedPageError';
  }
}

/** Parses fetched HTML and insists it is what we asked for, judged by content. */
function parseEditorHtml(html: string, url: string): Action[] {
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
  transport?: Transport,
): Promise<Action[]> {
  return parseEditorHtml(await fetchCrmHtml(url, queue, signal, transport), url);
}

// Judging pages fetched by the editor operations (editor-ops.ts): what each answer must be, and
// the named errors when it is not.

/** The CRM's own refusal page (e.g. a stale anti-forgery token): answered with HTTP 200. */
export const REFUSAL_TEXT = 'could not be processed';

export class CrmErrorPageError extends Error {
  constructor(
    readonly url: string,
    readonly detail: string,
  ) {
    super(`The CRM refused the request: ${detail}`);
    this.name = 'CrmErrorPageError';
  }
}

/** The CRM sent the action form back instead of saving it (its own validation). */
class ActionRejectedError extends Error {
  constructor(readonly problems: string[]) {
    super(`The CRM did not save the action: ${problems.join('; ') || 'the form came back'}`);
    this.name = 'ActionRejectedError';
  }
}

/** An editor control we need is missing or cannot be followed without running page script. */
export class EditorControlError extends Error {
  override name = 'EditorControlError';
}

/** A write was answered, but the list read afterwards does not show the change. */
export class WriteNotConfirmedError extends Error {
  override name = 'WriteNotConfirmedError';
}

export class CopySourceError extends Error {
  constructor(
    readonly sourceSetName: string,
    readonly matches: number,
  ) {
    super(
      matches === 0
        ? `No action set named "${sourceSetName}" is offered to copy from.`
        : `${matches} action sets are named "${sourceSetName}"; refusing to guess which to copy.`,
    );
    this.name = 'CopySourceError';
  }
}

export interface FetchedPage {
  doc: Document;
  url: string;
}

function refusal(doc: Document): string | null {
  const body = doc.body ? visibleText(doc.body) : '';
  if (!body.toLowerCase().includes(REFUSAL_TEXT)) return null;
  return body.slice(0, 300);
}

/** Login page -> SessionExpiredError; refusal page -> CrmErrorPageError. */
function judgeCommon(page: FetchedPage): void {
  if (detectPage(page.doc) === 'login') throw new SessionExpiredError();
}

export function expectEditor(page: FetchedPage, url: string): FetchedPage {
  judgeCommon(page);
  if (detectPage(page.doc) === 'editor') return page;
  const why = refusal(page.doc);
  if (why) throw new CrmErrorPageError(url, why);
  throw new UnexpectedPageError(url);
}

/** An action's form (add or edit), or the named error for what came instead. */
export function expectActionForm(page: FetchedPage, url: string): FetchedPage {
  judgeCommon(page);
  if (findActionForm(page.doc)) return page;
  const why = refusal(page.doc);
  if (why) throw new CrmErrorPageError(page.url || url, why);
  throw new UnexpectedPageError(page.url || url);
}

/**
 * The answer to a write: the editor (or, with `anyPage`, any page that is neither a login nor a
 * refusal). The action form coming back means the CRM rejected the values.
 */
export function judgeWriteAnswer(page: FetchedPage, url: string, anyPage = false): void {
  judgeCommon(page);
  if (detectPage(page.doc) === 'editor') return;
  const why = refusal(page.doc);
  if (why) throw new CrmErrorPageError(page.url || url, why);
  if (findActionForm(page.doc)) {
    const alerts = Array.from(page.doc.querySelectorAll('[role="alert"]')).map(visibleText);
    throw new ActionRejectedError(alerts.filter((t) => t !== ''));
  }
  if (!anyPage) throw new UnexpectedPageError(page.url || url);
}

/**
 * Whether an error stops a read-only run (a snapshot) instead of marking one part "not read":
 * an ended session, a cancel, an address off the account, or a request that failed for a
 * reason a retry later may not share (network, 408, 429, 5xx). Those are exactly the cases where
 * Resume can do better; a page we do not understand reads the same on every try.
 */
export function stopsReading(e: unknown): boolean {
  if (e instanceof SessionExpiredError || e instanceof ForeignTargetError) return true;
  if (e instanceof DOMException && e.name === 'AbortError') return true;
  if (e instanceof TypeError) return true; // fetch's network failure
  if (e instanceof CrmRequestError)
    return e.status === 0 || e.status === 408 || e.status === 429 || e.status >= 500;
  return false;
}
