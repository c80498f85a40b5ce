import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditRecorder } from './audit.recorder';

/** The audit trail: recorded by every case read and plan step (AuditRecorder, global), read by admin and the FG. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditRecorder],
  exports: [AuditRecorder],
})
export class AuditModule {}
