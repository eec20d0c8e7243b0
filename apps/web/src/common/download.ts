import { api } from '../api/client';

/**
 * Downloads a file through the API client (not a plain link), so that a refusal shows the server's message
 * instead of an error page: resolves once the browser has been handed the file.
 */
export async function saveDownload(path: string, fallbackName: string, query?: Record<string, string>): Promise<void> {
  const { blob, fileName } = await api.download(path, query);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after the click returns: free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
