import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import { childPlanWorkflowId } from '../child-plan/child-plan.contract';

/**
 * The Temporal header that carries the id of the HTTP request behind a start, Update or Signal into the
 * workflow, and from the workflow into the activities it schedules (issue 6 §5). Headers are not encoded by
 * the payload codec (the TypeScript SDK passes them as they are), so this one holds an opaque correlation id
 * only: our own UUID or the caller's X-Request-Id, which the API accepts only from a safe alphabet.
 */
export const REQUEST_ID_HEADER = 'schakel-request-id';

/** Request ids are at most this long (the API's X-Request-Id rule); anything else in the header is ignored. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

/** The request id in `headers`, or undefined when there is none or it is not one we would have written. */
export function requestIdFromHeaders(headers: Headers | undefined): string | undefined {
  const payload = headers?.[REQUEST_ID_HEADER];
  if (payload === undefined) return undefined;
  try {
    const value: unknown = defaultPayloadConverter.fromPayload(payload);
    return typeof value === 'string' && REQUEST_ID_PATTERN.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** `headers` with the request id set; the same object when there is no id to pass on. */
export function withRequestIdHeader(headers: Headers, requestId: string | undefined): Headers {
  if (requestId === undefined) return headers;
  return { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) };
}

/**
 * A workflow id as logs and span attributes may show it. A child's plan is `child-<childRef>`: the childRef is
 * pseudonymous, but it is the key to a child's whole file, so operators' tools never see it (issue 6 §5);
 * referral (`referral-<uuid>`) and webhook delivery ids name no child and stay as they are.
 */
export function loggableWorkflowId(workflowId: string): string {
  return workflowId.startsWith(CHILD_PLAN_ID_PREFIX) ? `${CHILD_PLAN_ID_PREFIX}[redacted]` : workflowId;
}

const CHILD_PLAN_ID_PREFIX = childPlanWorkflowId('');
