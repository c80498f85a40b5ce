import { Controller, Get } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@schakel/domain';
import type { AuditSubject } from '@schakel/persistence';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits } from '../auth/permits.decorator';
import { apiErrorResponseSchema } from '../errors/api-error.response';
import { RequestId } from '../http/request-id.decorator';
import { ValidQuery } from '../http/schema-validation.pipe';
import { AuditRecorder } from './audit.recorder';
import { auditRequestSchema, auditResponseSchema, type AuditRequestDto, type AuditResponseDto } from './dto/audit.request';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditRecorder) {}

  @Get()
  @Permits('audit.read')
  @ApiOperation({
    summary: 'Who saw or changed a case',
    description:
      'The append-only audit trail of one referral (?case=) or one child’s plan (?child=): every read and every change, with actor, role, organisation and request id; ' +
      'or of one aanbod of the provider catalogue (?aanbod=): who created, changed or retired it. Admin and the functionaris gegevensbescherming (fg) only; reading the trail is itself recorded.',
  })
  @ApiOkResponse({ standardSchema: auditResponseSchema })
  @ApiBadRequestResponse({ description: 'Not exactly one of case, child and aanbod, or a bad limit (VALIDATION_FAILED)', standardSchema: apiErrorResponseSchema })
  async trail(@CurrentActor() actor: Actor, @RequestId() requestId: string, @ValidQuery(auditRequestSchema) query: AuditRequestDto): Promise<AuditResponseDto> {
    const subject: AuditSubject = query.case !== undefined ? { referralId: query.case } : query.child !== undefined ? { childRef: query.child } : { aanbodId: query.aanbod as string };
    // Looking at the trail is a look at the case too (AVG accountability covers the auditors).
    await this.audit.record(actor, 'audit.read', 'referralId' in subject ? { referralIds: [subject.referralId] } : subject, requestId);
    const items = await this.audit.read(subject, query.limit + 1, query.after);
    const page = items.slice(0, query.limit);
    return { items: page, nextAfter: items.length > query.limit ? (page.at(-1)?.id ?? null) : null };
  }
}
