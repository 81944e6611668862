// Closed sets of the data-subject requests, keyed by the generated Rust enums, so that
// a new kind or status in Rust fails the type check until it has a text here.
import type { Request } from '../bindings/Request';
import type { RequestKind } from '../bindings/RequestKind';
import type { RequestStatus } from '../bindings/RequestStatus';

export const REQUEST_KINDS: Record<RequestKind, true> = {
  access: true,
  portability: true,
  rectification: true,
  erasure: true,
  restriction: true,
  objection: true,
  consent_withdrawal: true,
};

export const REQUEST_STATUSES: Record<RequestStatus, true> = {
  open: true,
  completed: true,
  refused: true,
};

export const kinds = (): RequestKind[] => Object.keys(REQUEST_KINDS) as RequestKind[];

/** Where an open request stands against its deadline. */
export type Urgency = 'waiting_identity' | 'overdue' | 'due_soon' | 'running' | 'closed';

export function urgency(r: Request, soonDays = 7): Urgency {
  if (r.status !== 'open') return 'closed';
  if (r.days_left === null) return 'waiting_identity';
  if (r.days_left < 0) return 'overdue';
  if (r.days_left <= soonDays) return 'due_soon';
  return 'running';
}
