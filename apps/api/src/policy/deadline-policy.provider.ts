import { resolveDeadlinePolicy, type DeadlinePolicy, type ResolvedDeadlinePolicy } from '@schakel/domain';
import type { DeadlinePolicyOrigin, LoadedDeadlinePolicy } from './deadline-policy.loader';

/**
 * The deadline policy new cases start under, loaded once at boot (deadline-policy.loader.ts). A case
 * gets the policy resolved for its region in its workflow input and keeps that version for life
 * (ADR 0004), so replacing the file and restarting the API never changes a running case's terms.
 */
export class DeadlinePolicyProvider {
  constructor(private readonly loaded: LoadedDeadlinePolicy) {}

  get policy(): DeadlinePolicy {
    return this.loaded.policy;
  }

  get origin(): DeadlinePolicyOrigin {
    return this.loaded.origin;
  }

  /** The rules for a case in `region`: the national rules with that region's overrides applied. */
  resolveFor(region: string): ResolvedDeadlinePolicy {
    return resolveDeadlinePolicy(this.loaded.policy, region);
  }
}
