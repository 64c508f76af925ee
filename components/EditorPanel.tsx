import { useEffect, useRef } from 'preact/hooks';
import { EDITOR_FRAME_NAME } from '@/lib/messaging/bridge';

/** "Open inside the page": the action-set editor in a frame over the Actions page. */
export function EditorPanel({
  url,
  title,
  onClose,
  onFrameLoad,
}: {
  url: string;
  title: string;
  onClose(): void;
  /** Each page the frame loads (no tab event reports a subframe's pages to the background). */
  onFrameLoad(): void;
}) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div
      class="pat-panel"
      role="dialog"
      aria-modal="true"
      aria-label={`Action set editor: ${title}`}
    >
      <div class="pat-panel-bar">
        <span class="pat-panel-title">{title || 'Action set editor'}</span>
        <button ref={closeRef} type="button" class="pat-button" onClick={onClose}>
          Close
        </button>
      </div>
      <iframe
        class="pat-panel-frame"
        name={EDITOR_FRAME_NAME}
        src={url}
        onLoad={onFrameLoad}
        title={`Action set editor: ${title}`}
      />
    </div>
  );
}
