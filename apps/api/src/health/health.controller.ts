import { Controller, Get, HttpException, HttpStatus, Res } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { Public } from '../auth/roles.decorator';
import { HealthProbes } from './health.probes';
import { HealthService, type HealthReport } from './health.service';

const CHECK = z.enum(['up', 'down']);
const healthResponseSchema = z
  .object({ status: z.enum(['ok', 'unavailable']), checks: z.object({ postgres: CHECK, temporal: CHECK, worker: CHECK }) })
  .meta({ id: 'Health' });

const INDICATOR = z.looseObject({ status: z.enum(['up', 'down', 'degraded']) });
const probeResponseSchema = z
  .object({
    status: z.enum(['ok', 'error', 'degraded', 'shutting_down']),
    info: z.record(z.string(), INDICATOR).optional(),
    error: z.record(z.string(), INDICATOR).optional(),
    details: z.record(z.string(), INDICATOR),
  })
  .meta({ id: 'HealthCheckResult' });

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly probes: HealthProbes,
  ) {}

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

  /** For restarts (issue 6 §4): the process answers and its event loop is not stuck. No dependency is checked. */
  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers and its event loop is responsive' })
  @ApiOkResponse({ description: 'Alive', standardSchema: probeResponseSchema })
  @ApiServiceUnavailableResponse({ description: 'The event loop was blocked for more than 10 s', standardSchema: probeResponseSchema })
  async live(@Res() response: Response): Promise<void> {
    await answer(response, this.probes.live());
  }

  /** For load balancers (issue 6 §4): 503 naming each check that is down, and throughout a shutdown. */
  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'Readiness: Postgres and Temporal answer, a worker polls, and the API is not shutting down' })
  @ApiOkResponse({ description: 'Ready for requests', standardSchema: probeResponseSchema })
  @ApiServiceUnavailableResponse({ description: '`error` names the checks that are down; `status` is `shutting_down` during a drain', standardSchema: probeResponseSchema })
  async ready(@Res() response: Response): Promise<void> {
    await answer(response, this.probes.ready());
  }
}

/** terminus rejects with a 503 whose response is the result; sent as is rather than through the error filter. */
async function answer(response: Response, check: Promise<HealthCheckResult>): Promise<void> {
  try {
    response.status(HttpStatus.OK).json(await check);
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    response.status(error.getStatus()).json(error.getResponse());
  }
}
