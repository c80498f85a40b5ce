import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookSubscriptionEntity } from '@schakel/persistence';
import { WebhookRequestPipe } from './webhook-request.pipe';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [TypeOrmModule.forFeature([WebhookSubscriptionEntity])],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhooksRepository, WebhookRequestPipe],
})
export class WebhooksModule {}
