import type { ComponentChildren } from 'preact';

// Inline, not a class: the same text must stay hidden inside a CRM page's shadow root, where no
// stylesheet of ours is guaranteed to apply.
const srOnlyStyle = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  padding: '0',
  margin: '-1px',
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: '0',
} as const;

/** Text for screen readers only, e.g. what a colour highlight means. */
export function VisuallyHidden({ children }: { children: ComponentChildren }) {
  return <span style={srOnlyStyle}>{children}</span>;
}
