// Contracts (task queues, id builders, messages, activity interfaces) for the API and the worker.
export * from './referral/referral.contract';
export * from './notification/notification.contract';
export * from './child-plan/child-plan.contract';
export * from './retention/retention.contract';
export * from './wachtlijst/wachtlijst.contract';
export * from './referral/referral-placement.contract';
export { REQUEST_ID_HEADER, loggableWorkflowId, requestIdFromHeaders, withRequestIdHeader } from './interceptors/request-id.header';
