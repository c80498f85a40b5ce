import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { ApiMetrics } from './api.metrics';
import { MetricsTokenGuard } from './metrics-token.guard';

/**
 * GET /metrics, outside the `/api` prefix where Prometheus looks by default (api.app.ts excludes it), and out of
 * the OpenAPI document: it is for operators' scrapers, not for the API's clients. @Public only skips the user
 * token; MetricsTokenGuard decides who reads it.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  @Get()
  @Public()
  @UseGuards(MetricsTokenGuard)
  async scrape(@Res() response: Response): Promise<void> {
    response.type(this.metrics.contentType).send(await this.metrics.text());
  }
}
