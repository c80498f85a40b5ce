import { Injectable } from '@nestjs/common';
import { DomainError, type ChildPlanEvent, type ChildPlanState, type ReferralEvent, type ReferralState } from '@schakel/domain';
import { TemporalGateway } from '../temporal/temporal.gateway';

/**
 * The child's whole path as the workflows hold it: the plan, and the live state of each referral it lists. A
 * referral whose workflow is gone (closed and past Temporal's retention) is left to the plan's own summary of it.
 */
@Injectable()
export class ChildPathReader {
  constructor(private readonly temporal: TemporalGateway) {}

  plan(childRef: string): Promise<ChildPlanState> {
    return this.temporal.queryChildPlan(childRef);
  }

  async referralStates(plan: ChildPlanState): Promise<Map<string, ReferralState>> {
    const states = await Promise.all(plan.referrals.map((entry) => this.orNull(() => this.temporal.queryState(entry.referralId))));
    return new Map(states.filter((state): state is ReferralState => state !== null).map((state) => [state.referralId, state]));
  }

  planEvents(childRef: string): Promise<ChildPlanEvent[]> {
    return this.temporal.queryChildPlanEvents(childRef);
  }

  async referralEvents(referralId: string): Promise<ReferralEvent[]> {
    return (await this.orNull(() => this.temporal.queryEvents(referralId))) ?? [];
  }

  private async orNull<T>(read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }
}
