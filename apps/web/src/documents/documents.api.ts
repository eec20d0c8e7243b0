import type { DocumentVerification } from '@geoshare/shared';
import { api } from '../api/client';

export const documentsApi = {
  /** ZS-14: the archived file's verdict and what may be said publicly about the document */
  verification: (id: string, signal?: AbortSignal) =>
    api.get<DocumentVerification>(`/api/documents/${encodeURIComponent(id)}/verification`, undefined, signal),
  /** ZS-14: checks a file the person holds; it is sent as the raw body and never stored */
  verifyFile: (id: string, file: Blob) =>
    api.post<DocumentVerification>(
      `/api/documents/${encodeURIComponent(id)}/verification`,
      // always declared a PDF: any other file simply fails the digest comparison
      new Blob([file], { type: 'application/pdf' }),
    ),
};
