import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { IngestMetrics } from '../application/ingest.metrics';

/** Counts every answer by route template; paths outside `routes` share one label to bound cardinality. */
export function httpMetricsMiddleware(metrics: IngestMetrics, routes: ReadonlySet<string>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const route = routes.has(req.path) ? req.path : templated(req.path, routes);
    res.on('finish', () => {
      metrics.httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
    });
    next();
  };
}

// `/v1/sources/shopify-dev` -> `/v1/sources/{sourceId}` when that template is documented: one series per route, not per source.
function templated(path: string, routes: ReadonlySet<string>): string {
  const route = '/v1/sources/{sourceId}';
  return routes.has(route) && /^\/v1\/sources\/[^/]+$/.test(path) ? route : 'unmatched';
}
