import type { ErrorBody } from '@geoshare/shared';

/** An API failure as the server describes it: `message` is Chinese and meant for the user. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = body.statusCode;
    this.code = body.code;
    this.details = body.details;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken: string | null = null;
const authRequiredListeners = new Set<() => void>();

/** Set from the login answer or GET /api/auth/me; echoed as `X-CSRF-Token` on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called whenever any request answers 401 AUTH_REQUIRED (the session is gone). Returns the unsubscribe. */
export function onAuthRequired(listener: () => void): () => void {
  authRequiredListeners.add(listener);
  return () => authRequiredListeners.delete(listener);
}

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  const v = value as Partial<ErrorBody> | null;
  return typeof v?.statusCode === 'number' && typeof v.code === 'string' && typeof v.message === 'string';
}

async function errorOf(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  if (isErrorBody(body)) return new ApiError(body);
  return new ApiError({
    statusCode: res.status,
    code: 'HTTP_ERROR',
    message: `请求失败（HTTP ${res.status}），请稍后重试`,
  });
}

interface RequestOptions {
  query?: Query;
  /**
   * JSON, FormData for multipart uploads (the browser then sets Content-Type with its boundary), or a Blob sent as
   * is with the Blob's own type as Content-Type (a raw file upload)
   */
  body?: unknown;
  signal?: AbortSignal;
  accept?: string;
}

/** The one fetch: same-origin cookie session, CSRF header on writes, typed errors (a non-2xx never resolves). */
async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const isForm = opts.body instanceof FormData;
  const isBlob = opts.body instanceof Blob;
  const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json' };
  if (isBlob) headers['Content-Type'] = (opts.body as Blob).type || 'application/octet-stream';
  else if (opts.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(urlOf(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body:
        opts.body === undefined
          ? undefined
          : isForm || isBlob
            ? (opts.body as FormData | Blob)
            : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw new ApiError({ statusCode: 0, code: 'NETWORK_ERROR', message: '无法连接服务器，请检查网络后重试' });
  }
  if (!res.ok) {
    const error = await errorOf(res);
    if (error.status === 401 && error.code === 'AUTH_REQUIRED')
      for (const listener of authRequiredListeners) listener();
    throw error;
  }
  return res;
}

/** JSON in and out; 204 resolves to undefined. */
async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** The file name of a `Content-Disposition` header (RFC 6266 `filename*` first), or null. */
function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*utf-8''([^;]+)/i.exec(disposition);
  if (extended?.[1]) return decodeURIComponent(extended[1].trim());
  return /filename\s*=\s*"?([^";]+)"?/.exec(disposition)?.[1]?.trim() ?? null;
}

export interface DownloadedFile {
  blob: Blob;
  /** from Content-Disposition; null when the server names none */
  fileName: string | null;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, signal?: AbortSignal) => request<T>('POST', path, { body, signal }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: (path: string) => request<void>('DELETE', path),
  /** A file (export, asset): read whole into a Blob, so a refusal arrives as an ApiError with its message. */
  download: async (path: string, query?: Query): Promise<DownloadedFile> => {
    const res = await send('GET', path, { query, accept: '*/*' });
    return { blob: await res.blob(), fileName: fileNameOf(res.headers.get('Content-Disposition')) };
  },
};

/** The text to show for any thrown value: the server's Chinese message when there is one. */
export function errorMessage(err: unknown): string {
  return err instanceof ApiError ? err.message : '操作失败，请稍后重试';
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
