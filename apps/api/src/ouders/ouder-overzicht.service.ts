import { Injectable } from '@nestjs/common';
import { askedToestemmingen, assertMayAsParticipant, buildOuderOverzicht, isParticipant, type Actor } from '@schakel/domain';
import { AuditRecorder } from '../audit/audit.recorder';
import { ChildAgeReader } from './child-age.reader';
import { ChildPathReader } from './child-path.reader';
import { toOuderOverzichtResponse, type OuderOverzichtResponseDto } from './dto/ouder-overzicht.response';

/**
 * The parents' view of their child's path (issue 11 §6): built from what the plan's and the referrals'
 * workflows already hold, for an ouder or jongere whose token names the child and whom the child's age
 * gives the right; everyone else 404 (or 403 by role), as for every case.
 */
@Injectable()
export class OuderOverzichtService {
  constructor(
    private readonly path: ChildPathReader,
    private readonly ages: ChildAgeReader,
    private readonly audit: AuditRecorder,
  ) {}

  async overzicht(actor: Actor, childRef: string, requestId: string, now = new Date()): Promise<OuderOverzichtResponseDto> {
    const plan = await this.path.plan(childRef);
    assertMayAsParticipant(actor, plan, 'overzicht', await this.ages.ageOf(childRef, now));
    const referrals = await this.path.referralStates(plan);
    await this.audit.record(actor, 'child.overzicht.read', { childRef, referralIds: [...referrals.keys()] }, requestId);
    // What consent is asked of the family and by when (issue 11 §6, ADR 0019), beside the path itself.
    const toestemmingen = isParticipant(actor.role) ? askedToestemmingen(referrals.values(), { role: actor.role, sub: actor.sub }, now.getTime()) : [];
    return toOuderOverzichtResponse(buildOuderOverzicht(plan, referrals, now.getTime()), toestemmingen);
  }
}
