import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { useSession } from '../../session/session-context';
import { AGREEMENT_REQUIRED, sharingApi } from '../sharing.api';
import { AgreementModal } from './AgreementModal';

export interface SharingAgreement {
  /**
   * Runs `action` (a TileJSON or download request) once the user may use `collectionId` online (MNR-16): anonymous
   * visitors and users who signed go straight on, others sign the agreement first. A 428 from `action` (a new
   * agreement version) asks for the signature and runs it once more. Resolves null when the user declines.
   */
  run: <T>(collectionId: string, action: () => Promise<T>) => Promise<T | null>;
  /** Runs `action` without asking first; only a 428 from it asks for the signature and runs it once more. */
  retry: <T>(collectionId: string, action: () => Promise<T>) => Promise<T | null>;
  /** After a 428 the UI did not request itself (a map tile): asks for the signature; resolves whether it was signed. */
  require: (collectionId: string) => Promise<boolean>;
}

export const isAgreementRequired = (err: unknown): boolean =>
  err instanceof ApiError && err.status === 428 && err.code === AGREEMENT_REQUIRED;

interface Pending {
  collectionId: string;
  done: (signed: boolean) => void;
}

/**
 * The online results-application agreement of the page (MNR-16): one dialog at a time, one question per collection
 * however many requests need it, and collections known to be signed are not asked about again while the page lives.
 */
export function useSharingAgreement(titleOf: (collectionId: string) => string): {
  agreement: SharingAgreement;
  /** the agreement dialog: render it once in the page */
  modal: ReactNode;
} {
  const signedIn = useSession().me !== null;
  const signed = useRef(new Set<string>());
  const asking = useRef(new Map<string, Promise<boolean>>());
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [pending, setPending] = useState<Pending | null>(null);

  const require = useCallback((collectionId: string): Promise<boolean> => {
    const current = asking.current.get(collectionId);
    if (current) return current;
    // Dialogs for different collections follow one another.
    const answer = queue.current.then(
      () =>
        new Promise<boolean>((resolve) =>
          setPending({
            collectionId,
            done: (ok) => {
              if (ok) signed.current.add(collectionId);
              asking.current.delete(collectionId);
              setPending(null);
              resolve(ok);
            },
          }),
        ),
    );
    queue.current = answer;
    asking.current.set(collectionId, answer);
    return answer;
  }, []);

  const retry = useCallback(
    async <T,>(collectionId: string, action: () => Promise<T>): Promise<T | null> => {
      try {
        return await action();
      } catch (err) {
        if (!signedIn || !isAgreementRequired(err)) throw err;
        signed.current.delete(collectionId);
        return (await require(collectionId)) ? action() : null;
      }
    },
    [signedIn, require],
  );

  const run = useCallback(
    async <T,>(collectionId: string, action: () => Promise<T>): Promise<T | null> => {
      if (signedIn && !signed.current.has(collectionId)) {
        const status = await sharingApi.myAgreement(collectionId);
        if (status.signed) signed.current.add(collectionId);
        else if (!(await require(collectionId))) return null;
      }
      return retry(collectionId, action);
    },
    [signedIn, require, retry],
  );

  const modal = pending && (
    <AgreementModal
      key={pending.collectionId}
      collectionId={pending.collectionId}
      collectionTitle={titleOf(pending.collectionId)}
      onDone={pending.done}
    />
  );
  const agreement = useMemo(() => ({ run, retry, require }), [run, retry, require]);
  return { agreement, modal };
}
