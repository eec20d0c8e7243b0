import { useCallback, useState } from 'react';

export interface Editor<T> {
  /** changes on every show(), to give the modal a fresh form (use it as the modal's `key`) */
  key: number;
  isOpen: boolean;
  /** the record being edited, null when creating */
  target: T | null;
  show: (target?: T | null) => void;
  hide: () => void;
}

/** Open/close state of a create-or-edit modal. */
export function useEditor<T>(): Editor<T> {
  const [state, setState] = useState<{ key: number; isOpen: boolean; target: T | null }>({
    key: 0,
    isOpen: false,
    target: null,
  });
  const show = useCallback(
    (target: T | null = null) => setState((s) => ({ key: s.key + 1, isOpen: true, target })),
    [],
  );
  const hide = useCallback(() => setState((s) => ({ ...s, isOpen: false })), []);
  return { ...state, show, hide };
}
