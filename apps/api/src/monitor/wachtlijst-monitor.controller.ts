import { Controller, Get } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@schakel/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits } from '../auth/permits.decorator';
import { apiErrorResponseSchema } from '../errors/api-error.response';
import { ValidQuery } from '../http/schema-validation.pipe';
import {
  wachtlijstMonitorRequestSchema,
  wachtlijstMonitorResponseSchema,
  type WachtlijstMonitorRequestDto,
  type WachtlijstMonitorResponseDto,
} from './dto/wachtlijst-monitor.response';
import { WachtlijstMonitorService } from './wachtlijst-monitor.service';

@ApiTags('monitor')
@Controller('monitor')
export class WachtlijstMonitorController {
  constructor(private readonly monitor: WachtlijstMonitorService) {}

  @Get('wachtlijsten')
  @Permits('monitor.wachtlijsten')
  @ApiOperation({
    summary: 'Waiting-list figures per region and kind of aanbod',
    description:
      'From the wachtlijst read model (issue 11 §4): per region and kind of aanbod the cases waiting, the median, 90th percentile (nearest rank) ' +
      'and longest wait in whole days, bruto (every day since the complete aanmelding) and netto (without the days covered by overbruggingszorg), ' +
      "the share past the policy's waiting norm, and the entries that lapsed (verlopen). Gemeente, leerplicht and loket get their own region " +
      '(naming another in ?region= is refused with 403); admin gets every region or the one named. Aggregates only: no ids, no childRef, no personal data.',
  })
  @ApiOkResponse({ standardSchema: wachtlijstMonitorResponseSchema })
  @ApiBadRequestResponse({ description: 'A malformed region (VALIDATION_FAILED)', standardSchema: apiErrorResponseSchema })
  @ApiForbiddenResponse({ description: 'A role without the figures, or another region than the own (FORBIDDEN)', standardSchema: apiErrorResponseSchema })
  wachtlijsten(@CurrentActor() actor: Actor, @ValidQuery(wachtlijstMonitorRequestSchema) query: WachtlijstMonitorRequestDto): Promise<WachtlijstMonitorResponseDto> {
    return this.monitor.wachtlijsten(actor, new Date(), query.region);
  }
}
