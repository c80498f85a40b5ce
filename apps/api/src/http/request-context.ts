/** What a step carries from its HTTP request into the workflow command and the Update id. */
export interface RequestContext {
  requestId: string;
  idempotencyKey?: string;
}

export function contextOf(requestId: string, idempotencyKey: string | undefined): RequestContext {
  return idempotencyKey === undefined ? { requestId } : { requestId, idempotencyKey };
}
