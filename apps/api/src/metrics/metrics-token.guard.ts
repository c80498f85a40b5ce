import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable, NotFoundException, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApiConfig } from '../config/api.config';

/**
 * Who may read GET /metrics (ADR 0010). With METRICS_TOKEN set, only a request bearing it; without one, anyone
 * outside production, and in production nobody: the route answers 404 as if it did not exist. The metrics hold
 * no case data, but route usage, error rates and the runtime's versions help an attacker map the service.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | undefined;

  constructor(private readonly config: ApiConfig) {
    const token = config.ops.metricsToken;
    this.expected = token === undefined ? undefined : digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.ops.metricsEnabled) throw new NotFoundException();
    if (this.expected === undefined) return true;
    const authorization = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const presented = /^Bearer (\S+)$/i.exec(authorization)?.[1];
    // Digests have equal length, so the comparison takes the same time whatever was presented.
    if (presented !== undefined && timingSafeEqual(digest(presented), this.expected)) return true;
    throw new UnauthorizedException('GET /metrics needs the metrics bearer token (METRICS_TOKEN)');
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
