import { useEffect } from 'preact/hooks';
import type { FrameClient } from './client';

/** A handler that starts work runs only for a real user's input, never a synthetic event. */
export const trusted =
  (work: () => void) =>
  (e?: Event): void => {
    if (e?.isTrusted) work();
  };

/** Keeps the frame element on the page as tall as this document's content. */
export function useFitHeight(client: FrameClient): void {
  useEffect(() => {
    let last = 0;
    const fitToContent = () => {
      const px = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (px !== last) {
        last = px;
        void client.call('frame-height', { px }).catch(() => {});
      }
    };
    const observer = new ResizeObserver(fitToContent);
    observer.observe(document.documentElement);
    fitToContent();
    return () => observer.disconnect();
  }, [client]);
}
