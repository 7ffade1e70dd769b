import { Controller, Get, UseGuards } from '@nestjs/common';
import { SessionGuard } from '../auth/session.guard';
import type { HealthSeries } from './health-series';
import { HealthSampler } from './health.sampler';

@Controller('api')
export class HealthController {
  constructor(private readonly sampler: HealthSampler) {}

  /** Unauthenticated liveness of the console itself (what `npm start` and the tests wait for). */
  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('pipeline-health')
  @UseGuards(SessionGuard)
  series(): Promise<HealthSeries> {
    return this.sampler.series();
  }
}
