import { Module } from '@nestjs/common';
import { ThuiszitterMonitorController } from './thuiszitter-monitor.controller';
import { ThuiszitterMonitorRepository } from './thuiszitter-monitor.repository';
import { ThuiszitterMonitorService } from './thuiszitter-monitor.service';

/** Aggregate figures for gemeente and operations: counts from the read model, never case content. */
@Module({
  controllers: [ThuiszitterMonitorController],
  providers: [ThuiszitterMonitorService, ThuiszitterMonitorRepository],
})
export class MonitorModule {}
