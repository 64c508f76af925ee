import './frame.css';
import { render } from 'preact';
import { FRAME_KINDS, type FrameKind } from '@/lib/messaging/frame';
import { connectFrame } from './client';
import { ToolbarFrame } from './ToolbarFrame';

// The toolkit's UI on the Actions page, in the extension's own origin: the CRM page can neither
// read it nor click in it. `#<kind>.<token>` says which UI and proves the background opened it
// for this tab; a frame a page made itself has no valid token and stays inert.
function start(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const [kind, token] = location.hash.slice(1).split('.') as [FrameKind, string | undefined];
  document.documentElement.dataset.kind = kind;
  const inert = (why: string) =>
    render(
      <p class="pat-inert" role="alert">
        Purchase Actions Toolkit: {why} It does nothing here.
      </p>,
      root,
    );
  if (!FRAME_KINDS.includes(kind) || !token) {
    inert('this panel has no registration.');
    return;
  }
  // The toolbar is the first thing an Actions page shows: its frame loads no more than it draws.
  // The Bulk copy dialog (with the stored sources' schemas and the CSV export) is its own chunk,
  // fetched while the frame says hello.
  const dialog = kind === 'toolbar' ? null : import('./DialogFrame');
  connectFrame(kind, token)
    .then(async (client) => {
      if (!dialog) return render(<ToolbarFrame client={client} />, root);
      const { DialogFrame } = await dialog;
      render(<DialogFrame client={client} />, root);
    })
    .catch((e: unknown) => inert(e instanceof Error ? e.message : String(e)));
}

start();
