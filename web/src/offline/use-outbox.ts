import { useEffect, useState } from 'react';
import { useMe } from '../session/session-context';
import type { OutboxItem, OutboxKind } from './outbox';
import { outboxFor, type OutboxHandle } from './outbox-runtime';

/** The signed-in clerk's outbox and its items, live. */
export function useOutbox(): OutboxHandle & { items: OutboxItem[]; owner: string } {
  const me = useMe();
  const handle = outboxFor(me.id);
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => {
    let live = true;
    void handle.outbox.list().then((all) => live && setItems(all));
    const off = handle.outbox.subscribe(setItems);
    return () => {
      live = false;
      off();
    };
  }, [handle]);
  return { ...handle, items, owner: me.id };
}

/** Calls `onSent` whenever a queued item of this kind reaches the server (refresh a list). */
export function useOutboxSent(kind: OutboxKind, onSent: () => void): void {
  const me = useMe();
  const { outbox } = outboxFor(me.id);
  useEffect(
    () =>
      outbox.onSent((item) => {
        if (item.kind === kind) onSent();
      }),
    [outbox, kind, onSent],
  );
}

/** navigator.onLine, live. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}
