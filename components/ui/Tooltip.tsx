import type { ComponentChildren, JSX } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';

export interface TooltipTriggerProps {
  tabIndex: number;
  'aria-describedby': string;
  onFocus: () => void;
  onBlur: () => void;
  onMouseEnter: () => void;
  onMouseLeave: () => void;
  onKeyDown: (e: KeyboardEvent) => void;
  ref: (el: HTMLElement | null) => void;
}

export interface TooltipProps {
  content: ComponentChildren;
  /** Renders the focusable element the tooltip describes, spreading the given props on it. */
  children: (trigger: TooltipTriggerProps) => JSX.Element;
}

/**
 * A tooltip shown on hover *and* keyboard focus, dismissible with Escape (WCAG 1.4.13). The
 * bubble is always in the DOM (hidden when closed) so aria-describedby resolves for screen
 * readers even before it is shown. It is positioned `fixed` from the trigger's box so a
 * scrolling table container cannot clip it.
 */
export function Tooltip({ content, children }: TooltipProps) {
  const id = useId();
  const trigger = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState(false);
  const [pos, setPos] = useState<{ top: number; left: number }>({ top: 0, left: 0 });

  const show = () => {
    const box = trigger.current?.getBoundingClientRect();
    if (box) setPos({ top: box.bottom + 6, left: Math.max(8, box.left) });
    setOpen(true);
  };
  const hide = () => setOpen(false);

  return (
    <>
      {children({
        tabIndex: 0,
        'aria-describedby': id,
        onFocus: show,
        onBlur: hide,
        onMouseEnter: show,
        onMouseLeave: hide,
        onKeyDown: (e) => {
          if (e.key === 'Escape' && open) {
            e.stopPropagation();
            hide();
          }
        },
        ref: (el) => {
          trigger.current = el;
        },
      })}
      <span
        id={id}
        role="tooltip"
        class="ui-tooltip"
        hidden={!open}
        style={{ top: `${pos.top}px`, left: `${pos.left}px` }}
      >
        {content}
      </span>
    </>
  );
}
