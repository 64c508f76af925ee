import { useEffect, useState } from 'preact/hooks';

export type Async<T> =
  | { state: 'loading' }
  | { state: 'ready'; value: T }
  | { state: 'error'; message: string };

/**
 * Runs `load` whenever `deps` change and keeps only the latest answer: a slow reply for the
 * account picked before must not overwrite the one picked now.
 */
export function useAsync<T>(load: (() => Promise<T>) | null, deps: unknown[]): Async<T> | null {
  const [result, setResult] = useState<Async<T> | null>(null);
  useEffect(() => {
    if (!load) {
      setResult(null);
      return;
    }
    let current = true;
    setResult({ state: 'loading' });
    load().then(
      (value) => current && setResult({ state: 'ready', value }),
      (e: unknown) =>
        current &&
        setResult({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      current = false;
    };
  }, deps);
  return result;
}
