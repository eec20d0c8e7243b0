import { App } from 'antd';

/** What a form modal does once its request went through: says `text`, lets the caller reload, then closes. */
export function useSucceeded(onDone: () => void, onClose: () => void): (text: string) => void {
  const { message } = App.useApp();
  return (text) => {
    message.success(text);
    onDone();
    onClose();
  };
}
