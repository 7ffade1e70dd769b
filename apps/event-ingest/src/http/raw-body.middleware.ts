import type { ErrorBody } from '@herald/service-kit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export type RawBodyRequest = Request & { rawBody?: Buffer };

/**
 * Reads POST bodies under /v1/ as bytes, refusing more than `limit` with 413 before buffering it.
 * Controllers parse the bytes themselves (after authentication) and the idempotency hash covers
 * exactly what was sent. Registered before Nest's JSON parser, which then sees a consumed stream.
 */
export function rawBodyMiddleware(limit: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !req.path.startsWith('/v1/')) return next();
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return tooLarge(res, limit);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        tooLarge(res, limit);
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      (req as RawBodyRequest).rawBody = Buffer.concat(chunks, size);
      next();
    });
    req.on('error', (e) => {
      if (!refused) next(e);
    });
  };
}

function tooLarge(res: Response, limit: number): void {
  const body: ErrorBody = {
    error: 'PAYLOAD_TOO_LARGE',
    message: `request body exceeds ${limit} bytes (INGEST_MAX_BODY_BYTES)`,
    fields: [{ field: '$', reason: `must be at most ${limit} bytes` }],
  };
  res.setHeader('Connection', 'close');
  res.status(413).json(body);
}
