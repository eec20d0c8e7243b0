import { App } from 'antd';
import { useCallback } from 'react';
import { useNotifyError } from './useNotifyError';

/** Runs a request from a button: on success shows `done` and calls `then` (a reload); failures show as a message. */
export function useAct(): (action: Promise<unknown>, done: string, then?: () => void) => Promise<void> {
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  return useCallback(
    (action, done, then) =>
      action.then(() => {
        message.success(done);
        then?.();
      }, notifyError),
    [message, notifyError],
  );
}
