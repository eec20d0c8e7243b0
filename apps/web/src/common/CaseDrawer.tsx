import { Button, Drawer, Flex, Spin } from 'antd';
import { type ReactNode, useCallback } from 'react';
import { useApiData } from '../api/useApiData';

/** How a workflow event's button looks in a case drawer. */
export interface EventButton {
  label: string;
  primary?: boolean;
  danger?: boolean;
}

/**
 * The case open in a drawer, loaded whenever `id` changes. While a newer case loads, the older one is not shown.
 * `get` must be stable (a module's API function).
 */
export interface OpenedCase<T> {
  /** the case once loaded (undefined while none is open or the opened one loads) */
  shown: T | undefined;
  loading: boolean;
  reload: () => void;
}

export function useOpenedCase<T extends { id: string }>(
  id: string | null,
  get: (id: string, signal: AbortSignal) => Promise<T>,
): OpenedCase<T> {
  const load = useCallback((signal: AbortSignal) => (id ? get(id, signal) : Promise.resolve(undefined)), [id, get]);
  const { data, loading, reload } = useApiData(load);
  return { shown: data && data.id === id ? data : undefined, loading, reload };
}

interface CaseDrawerProps<E extends string, T extends { actions: E[] }> {
  title: string;
  open: boolean;
  onClose: () => void;
  /** width in px */
  size: number;
  /** `${testId}-drawer` on the drawer, `${testId}-${event}` on each event's button */
  testId: string;
  opened: OpenedCase<T>;
  buttons: Record<E, EventButton>;
  onEvent: (event: E) => void;
  /** the body once the case is loaded */
  children: (shown: T) => ReactNode;
}

/** A case's detail drawer: a spinner while it loads, then its body, with a button per event the caller may take now. */
export function CaseDrawer<E extends string, T extends { actions: E[] }>(props: CaseDrawerProps<E, T>) {
  const { title, open, onClose, size, testId, opened, buttons, onEvent, children } = props;
  const { shown, loading } = opened;
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={size}
      extra={
        shown && (
          <Flex gap={8}>
            {shown.actions.map((e) => (
              <Button
                key={e}
                type={buttons[e].primary ? 'primary' : 'default'}
                danger={buttons[e].danger}
                onClick={() => onEvent(e)}
                data-testid={`${testId}-${e}`}
              >
                {buttons[e].label}
              </Button>
            ))}
          </Flex>
        )
      }
      data-testid={`${testId}-drawer`}
    >
      {shown ? children(shown) : loading && <Spin />}
    </Drawer>
  );
}
