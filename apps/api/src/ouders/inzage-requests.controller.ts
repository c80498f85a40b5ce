import { Controller, Get } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@schakel/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits } from '../auth/permits.decorator';
import { RequestId } from '../http/request-id.decorator';
import { refused } from '../http/step-docs.decorators';
import { ValidQuery } from '../http/schema-validation.pipe';
import { listInzageRequestsSchema, type ListInzageRequestsDto } from './dto/inzage-requests.request';
import { inzageRequestListResponseSchema, type InzageRequestListResponseDto } from './dto/inzage-requests.response';
import { InzageRequestsService } from './inzage-requests.service';

/** The requests of inzage and their term, for those who must see that each is answered in time (issue 11 §6). */
@ApiTags('ouders')
@Controller('inzage-requests')
export class InzageRequestsController {
  constructor(private readonly requests: InzageRequestsService) {}

  @Get()
  @Permits('inzage.list')
  @ApiOperation({
    summary: 'Requests of inzage and their one-month term',
    description:
      'Every request of inzage (GET /api/children/{ref}/dossier) with the child reference, when it was received, the last day of its ' +
      'term (one month, AVG art. 12(3)), whether it was answered and whether it is overdue — no names. The most urgent first, in ' +
      'pages (?limit=, ?cursor=); ?overdue=true: only requests still open after their last day. The loket sees its own region’s, ' +
      'the functionaris gegevensbescherming (fg) every region’s; which children’s requests were listed is recorded in the audit log.',
  })
  @ApiOkResponse({ standardSchema: inzageRequestListResponseSchema })
  @ApiBadRequestResponse({ description: 'A bad overdue, limit or cursor, or an unknown parameter (VALIDATION_FAILED, naming the field)', ...refused })
  @ApiForbiddenResponse({ description: 'A role other than loket or fg (FORBIDDEN)', ...refused })
  list(@CurrentActor() actor: Actor, @RequestId() requestId: string, @ValidQuery(listInzageRequestsSchema) query: ListInzageRequestsDto): Promise<InzageRequestListResponseDto> {
    return this.requests.list(actor, query, requestId);
  }
}
