// Test fixtures, imported by specs as `@schakel/domain/testing` (mapped by jest; not part of the build).
export * from './referral/referral.fixture';
export * from './errors/domain-error.fixture';
export * from './child-plan/child-plan.fixture';
export * from './provider/aanbod.fixture';
export * from './wachtlijst/wachtlijst.fixture';
export * from './referral/toewijzing-placement.fixture';
