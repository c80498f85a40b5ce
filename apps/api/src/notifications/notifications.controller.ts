import { Controller, Get } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@schakel/domain';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permits } from '../auth/permits.decorator';
import { apiErrorResponseSchema } from '../errors/api-error.response';
import { ValidQuery } from '../http/schema-validation.pipe';
import { listNotificationsRequestSchema, type ListNotificationsRequestDto } from './dto/list-notifications.request';
import { notificationListResponseSchema, type NotificationListResponseDto } from './dto/notification.response';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Permits('notifications.read')
  @ApiOperation({
    summary: 'My notifications',
    description:
      'Reminders, escalations and thuiszitter notices addressed to the caller in person, or to their role within their organisation ' +
      '(token org) or, for notices that name no organisation, their region (token region). Newest first, with keyset pagination.',
  })
  @ApiOkResponse({ standardSchema: notificationListResponseSchema })
  @ApiBadRequestResponse({ description: 'Invalid limit or cursor (VALIDATION_FAILED)', standardSchema: apiErrorResponseSchema })
  list(@CurrentActor() actor: Actor, @ValidQuery(listNotificationsRequestSchema) query: ListNotificationsRequestDto): Promise<NotificationListResponseDto> {
    return this.notifications.listMine(actor, query);
  }
}
