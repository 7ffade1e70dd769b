import { randomBytes } from 'node:crypto';
import { Controller, HttpCode, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { ALL_BRANDS, validateAs, type BrandRegistry } from '@herald/contracts';
import { ApiError, BRANDS, BearerKeyGuard, RequireScope, SERVICE_CONFIG, badRequest } from '@herald/service-kit';
import { ApiKeysRepository } from '../adapters/api-keys.repository';
import { hashApiKey } from '../domain/api-key';
import type { EventIngestConfig } from '../event-ingest.config';
import type { AuthedRequest } from './api-key.guard';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { parseJsonBody } from './request-parts';

export const ADMIN_API_KEYS_ROUTE = '/v1/admin/api-keys';

@Controller(ADMIN_API_KEYS_ROUTE)
@UseGuards(BearerKeyGuard)
export class AdminApiKeysController {
  constructor(
    private readonly keys: ApiKeysRepository,
    @Inject(SERVICE_CONFIG) private readonly config: EventIngestConfig,
    @Inject(BRANDS) private readonly brands: BrandRegistry,
  ) {}

  /** Creates a key and returns its plaintext this once; only the SHA-256 is kept. */
  @Post()
  @HttpCode(201)
  @RequireScope('admin')
  async create(@Req() req: AuthedRequest): Promise<object> {
    const result = validateAs(CreateApiKeyDto, parseJsonBody(req));
    if (!result.ok) {
      throw badRequest(
        'VALIDATION_FAILED',
        'the API key request is invalid',
        result.errors.map((e) => ({ field: e.field, reason: e.reason })),
      );
    }
    const { name, scopes } = result.value;
    const brands = [...new Set(result.value.brands ?? [])];
    const unknown = brands
      .map((b, i) => ({ field: `brands[${i}]`, b }))
      .filter(({ b }) => b !== ALL_BRANDS && !this.brands.has(b));
    if (unknown.length > 0) {
      throw new ApiError(
        422,
        'UNKNOWN_BRAND',
        'an API key may only list brands of the brands file',
        unknown.map(({ field }) => ({ field, reason: 'is not a configured brand' })),
      );
    }
    const plaintext = `hk_${randomBytes(32).toString('base64url')}`;
    const rateLimitPerSecond = result.value.rateLimitPerSecond ?? this.config.INGEST_RATE_LIMIT_PER_SECOND;
    const created = await this.keys.create({
      name,
      keyHash: hashApiKey(plaintext),
      scopes: [...new Set(scopes)],
      brands,
      rateLimitPerSecond,
    });
    if (created === undefined) {
      throw new ApiError(409, 'API_KEY_EXISTS', `an API key named ${name} already exists`, [
        { field: 'name', reason: 'is already taken' },
      ]);
    }
    return {
      id: created.id,
      name,
      scopes: created.scopes,
      brands: created.brands,
      rateLimitPerSecond,
      createdAt: created.createdAt,
      key: plaintext,
    };
  }
}
