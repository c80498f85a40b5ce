import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@schakel/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits } from '../auth/permits.decorator';
import { thuiszitterMonitorResponseSchema, type ThuiszitterMonitorResponseDto } from './dto/thuiszitter-monitor.response';
import { THUISZITTER_DURATION_BUCKET_DESCRIPTIONS, THUISZITTER_DURATION_BUCKETS } from './thuiszitter-duration.bucket';
import { ThuiszitterMonitorService } from './thuiszitter-monitor.service';

@ApiTags('monitor')
@Controller('monitor')
export class ThuiszitterMonitorController {
  constructor(private readonly monitor: ThuiszitterMonitorService) {}

  @Get('thuiszitters')
  @Permits('monitor.thuiszitters')
  @ApiOperation({
    summary: 'Thuiszitter figures: open referrals flagged thuiszitter per region and duration',
    description:
      'Counts of open referrals whose pupil is a thuiszitter, per region and by how long the pupil has been at home ' +
      `(whole days from thuiszitter since to today, Europe/Amsterdam): ${THUISZITTER_DURATION_BUCKETS.map((b) => `${b}: ${THUISZITTER_DURATION_BUCKET_DESCRIPTIONS[b]}`).join('; ')}. ` +
      'The steps are the thuiszitter definition (4 weeks) and the Thuiszitterspact horizon (3 months, DOMAIN.md §1.7). ' +
      'Gemeente, leerplicht and loket get their own region; admin gets every region. No ids, no childRef, no personal data.',
  })
  @ApiOkResponse({ standardSchema: thuiszitterMonitorResponseSchema })
  thuiszitters(@CurrentActor() actor: Actor): Promise<ThuiszitterMonitorResponseDto> {
    return this.monitor.thuiszitters(actor, new Date());
  }
}
