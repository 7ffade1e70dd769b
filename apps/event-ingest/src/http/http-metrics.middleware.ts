import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { IngestMetrics } from '../ingest/ingest.metrics';

/** Counts every answer by route template; paths outside `routes` share one label to bound cardinality. */
export function httpMetricsMiddleware(metrics: IngestMetrics, routes: ReadonlySet<string>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const route = routes.has(req.path) ? req.path : 'unmatched';
    res.on('finish', () => {
      metrics.httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
    });
    next();
  };
}
