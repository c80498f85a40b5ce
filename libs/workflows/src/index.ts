// Workflow functions only: this file is the entry point Temporal's bundler loads into the sandbox.
export { referralWorkflow } from './referral/referral.workflow';
export { webhookDeliveryWorkflow } from './notification/webhook-delivery.workflow';
export { childPlanWorkflow } from './child-plan/child-plan.workflow';
export { retentionSweepWorkflow } from './retention/retention-sweep.workflow';
export { wachtlijstWorkflow } from './wachtlijst/wachtlijst.workflow';
