import { type IDBPTransaction, type StoreNames, wrap } from 'idb';
import { StoreVersionError } from './errors';
import { DB_VERSION, type StoreDb, type StoreSchema, type UpgradeTx, upgrade } from './schema';

type Name = StoreNames<StoreSchema>;

export type Tx<N extends readonly Name[], M extends IDBTransactionMode> = IDBPTransaction<
  StoreSchema,
  N,
  M
>;

/**
 * One lazily (re)opened connection. The background and the dashboard may each hold one; when the
 * other side needs to upgrade (versionchange) or the browser closes the connection, we drop ours
 * and open a fresh one on the next call, so neither context blocks the other.
 */
export class Connection {
  #opening: Promise<StoreDb> | null = null;

  constructor(
    readonly factory: IDBFactory,
    readonly name: string,
  ) {}

  db(): Promise<StoreDb> {
    if (!this.#opening) {
      const opening = this.#open();
      this.#opening = opening;
      // A failed open must not be cached: the next call tries again.
      opening.catch(() => {
        if (this.#opening === opening) this.#opening = null;
      });
    }
    return this.#opening;
  }

  /** Closes the current connection, if any. A later call reopens it. */
  async close(): Promise<void> {
    const opening = this.#opening;
    this.#opening = null;
    if (!opening) return;
    try {
      (await opening).close();
    } catch {
      // It never opened: nothing to close.
    }
  }

  async #open(): Promise<StoreDb> {
    const request = this.factory.open(this.name, DB_VERSION);
    request.addEventListener('upgradeneeded', (event) => {
      const db = wrap(request.result) as unknown as StoreDb;
      const tx = request.transaction;
      if (!tx) return;
      const utx = wrap(tx) as unknown as UpgradeTx;
      // If the upgrade aborts, the open request reports it; this copy of the error is not news.
      utx.done.catch(() => {});
      upgrade(db, event.oldVersion, utx);
    });
    let raw: IDBDatabase;
    try {
      raw = await new Promise<IDBDatabase>((resolve, reject) => {
        request.addEventListener('success', () => resolve(request.result));
        request.addEventListener('error', () => reject(request.error));
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'VersionError') {
        throw new StoreVersionError({ cause: error });
      }
      throw error;
    }
    const forget = () => {
      // Only forget this connection, not a newer one opened since.
      void this.#opening?.then((current) => {
        if (current === db) this.#opening = null;
      });
    };
    raw.addEventListener('versionchange', () => {
      // Another context wants to upgrade or delete the database: get out of its way.
      raw.close();
      forget();
    });
    // Closed by the browser (storage cleared, disk error): reopen on the next call.
    raw.addEventListener('close', forget);
    const db = wrap(raw) as unknown as StoreDb;
    return db;
  }

  /**
   * Runs `work` in one transaction and resolves only once the transaction has committed. If
   * `work` throws, the transaction is aborted, so a half-done write is never committed.
   *
   * `work` must await only this transaction's own requests: awaiting anything else lets the
   * transaction auto-commit in between.
   */
  async run<const N extends readonly Name[], M extends IDBTransactionMode, T>(
    names: N,
    mode: M,
    work: (tx: Tx<N, M>) => Promise<T>,
  ): Promise<T> {
    const tx = await this.#transaction(names, mode);
    const done = tx.done;
    // Handled below; without this an abort would also surface as an unhandled rejection.
    done.catch(() => {});
    let result: T;
    try {
      result = await work(tx);
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already aborted (a failed request aborts its transaction) or finished.
      }
      await done.catch(() => {});
      throw error;
    }
    // Errors at commit time (quota is often checked here) surface through `done`.
    await done;
    return result;
  }

  async #transaction<N extends readonly Name[], M extends IDBTransactionMode>(
    names: N,
    mode: M,
  ): Promise<Tx<N, M>> {
    const db = await this.db();
    try {
      return db.transaction(names, mode);
    } catch (error) {
      // The connection was closed under us (versionchange between open and now): nothing has
      // been done yet, so reopening and trying once more is safe.
      if (error instanceof DOMException && error.name === 'InvalidStateError') {
        await this.close();
        return (await this.db()).transaction(names, mode);
      }
      throw error;
    }
  }
}
