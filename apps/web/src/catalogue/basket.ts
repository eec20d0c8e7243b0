import type { Secrecy, SharingType } from '@geoshare/shared';
import { useSyncExternalStore } from 'react';

/** An item picked for a sharing application (申请篮); the application form itself is the sharing module's. */
export interface BasketEntry {
  collection: string;
  id: string;
  title: string;
  catalogueNo: string;
  secrecy: Secrecy;
  sharingType: SharingType;
}

const STORAGE_KEY = 'geoshare.basket';
const listeners = new Set<() => void>();

function read(): BasketEntry[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(value) ? (value as BasketEntry[]) : [];
  } catch {
    return [];
  }
}

let entries = read();

function publish(next: BasketEntry[]): void {
  entries = next;
  for (const listener of listeners) listener();
}

// Another tab changed the basket.
window.addEventListener('storage', (e) => {
  if (e.key === STORAGE_KEY) publish(read());
});

function save(next: BasketEntry[]): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  publish(next);
}

const same = (a: Pick<BasketEntry, 'collection' | 'id'>, b: Pick<BasketEntry, 'collection' | 'id'>) =>
  a.collection === b.collection && a.id === b.id;

/** The request basket, kept in localStorage (so it survives reloads and is shared by the tabs of a browser). */
export const basket = {
  add: (entry: BasketEntry) => {
    if (!entries.some((e) => same(e, entry))) save([...entries, entry]);
  },
  remove: (entry: Pick<BasketEntry, 'collection' | 'id'>) => save(entries.filter((e) => !same(e, entry))),
  has: (list: BasketEntry[], item: Pick<BasketEntry, 'collection' | 'id'>) => list.some((e) => same(e, item)),
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The entries of the basket; re-renders when they change. */
export function useBasket(): BasketEntry[] {
  return useSyncExternalStore(subscribe, () => entries);
}
