import browser from 'webextension-polyfill';
import {
  FRAME_PORT,
  type FrameEvent,
  type FrameKind,
  type FrameOp,
  type FrameOps,
  type FramePortOut,
} from '@/lib/messaging/frame';

// The frame's one channel: a port to the background, which knows by the port which tab and
// frame this is and relays each call to that tab's Actions page only.

export interface FrameClient {
  app: string;
  call<O extends FrameOp>(op: O, args: FrameOps[O]['req']): Promise<FrameOps[O]['res']>;
  onEvent(listener: (e: FrameEvent) => void): void;
}

export function connectFrame(kind: FrameKind, token: string): Promise<FrameClient> {
  const listeners: ((e: FrameEvent) => void)[] = [];
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let next = 1;
  let port: browser.Runtime.Port;
  let app = '';

  return new Promise((resolve, reject) => {
    let welcomed = false;
    const connect = () => {
      port = browser.runtime.connect({ name: FRAME_PORT });
      port.onMessage.addListener((raw: unknown) => {
        const m = raw as FramePortOut;
        if (m.type === 'welcome') {
          if (m.kind !== kind) return reject(new Error('This panel was opened for another use.'));
          app = m.app;
          if (!welcomed) {
            welcomed = true;
            resolve(client);
          }
        } else if (m.type === 'refused') {
          reject(new Error(m.reason));
        } else if (m.type === 'answer') {
          const p = pending.get(m.id);
          pending.delete(m.id);
          if (m.ok) p?.resolve(m.value);
          else p?.reject(new Error(m.error));
        } else if (m.type === 'event') {
          for (const l of listeners) l(m.event);
        }
      });
      // The service worker may stop while the frame stays: say hello again with the same token
      // (the background binds it to this frame), and fail the calls that were in flight.
      port.onDisconnect.addListener(() => {
        for (const p of pending.values()) p.reject(new Error('The toolkit restarted: try again.'));
        pending.clear();
        if (welcomed) setTimeout(connect, 50);
        else reject(new Error('This panel was not opened by the toolkit in this tab.'));
      });
      port.postMessage({ type: 'hello', token });
    };
    const client: FrameClient = {
      get app() {
        return app;
      },
      call(op, args) {
        const id = next++;
        return new Promise((res, rej) => {
          pending.set(id, { resolve: res as (v: unknown) => void, reject: rej });
          port.postMessage({ type: 'call', id, op, args });
        });
      },
      onEvent(listener) {
        listeners.push(listener);
      },
    };
    connect();
  });
}
