import { DomainError } from '../errors/domain-error.js';
import type { ErrorCode } from '../errors/error-codes.js';

/**
 * A workflow as data: one row per allowed step. `by` names the parties that may fire it — roles or relations to the
 * case (e.g. `applicant`) that the service resolves for the caller before asking the table.
 */
export interface Transition<S extends string, E extends string, P extends string> {
  from: S;
  event: E;
  to: S;
  by: readonly P[];
}

export interface Machine<S extends string, E extends string, P extends string> {
  transitions: readonly Transition<S, E, P>[];
  /** the 409 code of an event the current state does not allow */
  illegal: ErrorCode;
}

/**
 * The state after `event` fired from `from` by a caller who is `parties`. A caller who may fire the event from no
 * state at all is refused (AUTH_FORBIDDEN) before the state is looked at, so a stranger learns nothing of it; an
 * event the state does not allow is `machine.illegal` (409). Where an event has several rows from one state (its
 * outcome decides, e.g. a review approves or rejects), `to` picks the row.
 */
export function applyTransition<S extends string, E extends string, P extends string>(
  machine: Machine<S, E, P>,
  from: S,
  event: E,
  parties: readonly P[],
  to?: S,
): S {
  const may = (t: Transition<S, E, P>) => t.by.some((p) => parties.includes(p));
  const rows = machine.transitions.filter((t) => t.event === event);
  if (!rows.some(may)) throw new DomainError('AUTH_FORBIDDEN', { event });
  const row = rows.find((t) => t.from === from && (to === undefined || t.to === to));
  if (!row) throw new DomainError(machine.illegal, { from, event });
  if (!may(row)) throw new DomainError('AUTH_FORBIDDEN', { event, from });
  return row.to;
}

/** The events `parties` may fire from `state`, in table order (the buttons a UI shows). */
export function availableEvents<S extends string, E extends string, P extends string>(
  machine: Machine<S, E, P>,
  state: S,
  parties: readonly P[],
): E[] {
  const events = machine.transitions
    .filter((t) => t.from === state && t.by.some((p) => parties.includes(p)))
    .map((t) => t.event);
  return [...new Set(events)];
}
