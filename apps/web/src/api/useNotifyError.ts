import { App } from 'antd';
import { useCallback } from 'react';
import { errorMessage, isAbort } from './client';

/** Shows any failure as an antd message with the server's Chinese text; aborted requests stay silent. */
export function useNotifyError(): (err: unknown) => void {
  const { message } = App.useApp();
  return useCallback(
    (err: unknown) => {
      if (!isAbort(err)) message.error(errorMessage(err));
    },
    [message],
  );
}
