import { Module } from '@nestjs/common';
import { ThuiszitterMonitorController } from './thuiszitter-monitor.controller';
import { ThuiszitterMonitorRepository } from './thuiszitter-monitor.repository';
import { ThuiszitterMonitorService } from './thuiszitter-monitor.service';
import { WachtlijstMonitorController } from './wachtlijst-monitor.controller';
import { WachtlijstMonitorRepository } from './wachtlijst-monitor.repository';
import { WachtlijstMonitorService } from './wachtlijst-monitor.service';

/** Aggregate figures for gemeente and operations: counts from the read model, never case content. */
@Module({
  controllers: [ThuiszitterMonitorController, WachtlijstMonitorController],
  providers: [ThuiszitterMonitorService, ThuiszitterMonitorRepository, WachtlijstMonitorService, WachtlijstMonitorRepository],
})
export class MonitorModule {}
