import { useEffect } from 'preact/hooks';
import type { FrameClient } from './client';

export { trusted } from '@/components/ui/trusted';

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
