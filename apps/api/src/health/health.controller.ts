import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { Public } from '../auth/roles.decorator';
import { HealthService, type HealthReport } from './health.service';

const CHECK = z.enum(['up', 'down']);
const healthResponseSchema = z
  .object({ status: z.enum(['ok', 'unavailable']), checks: z.object({ postgres: CHECK, temporal: CHECK, worker: CHECK }) })
  .meta({ id: 'Health' });

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** No token: launchers and load balancers probe it (issue 2 §1, "GET /api/health answers when all parts are up"). */
  @Get()
  @Public()
  @ApiOperation({ summary: 'Whether Postgres, Temporal and a referral worker are up' })
  @ApiOkResponse({ description: 'All parts are up', standardSchema: healthResponseSchema })
  @ApiServiceUnavailableResponse({ description: 'At least one part is down; `checks` names it', standardSchema: healthResponseSchema })
  async get(@Res() response: Response): Promise<void> {
    const report: HealthReport = await this.health.check();
    // Sent by hand: Nest would overwrite a status set on a passthrough response with the route's 200.
    response.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(report);
  }
}
