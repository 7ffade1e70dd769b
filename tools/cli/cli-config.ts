import fs from 'node:fs';
import path from 'node:path';
import { IsIn, IsOptional, IsString, IsUrl, Matches, MinLength } from 'class-validator';
import type { KafkaOptions } from '@herald/kafka';
import { PiiCipher } from '@herald/pii';
import { loadConfig } from '@herald/service-kit';

/** What the CLI reads from the environment, with .platform/ files of a local run as defaults. */
export class HeraldCliConfig {
  @IsString()
  @Matches(/^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS = '127.0.0.1:19092';

  @IsIn(['PLAINTEXT', 'SSL', 'SASL_SSL', 'SASL_PLAINTEXT'])
  KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' | 'SSL' | 'SASL_SSL' | 'SASL_PLAINTEXT' = 'PLAINTEXT';

  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  /** Needed by `tail receipts --recipient` to compute the recipient token. */
  @IsOptional()
  @Matches(/^.{32,}$/, { message: 'RECIPIENT_TOKEN_KEY must be at least 32 characters' })
  RECIPIENT_TOKEN_KEY?: string;

  /** Opens dead letters for `dlq list` (shown masked) and `dlq replay`; without it, list shows headers only. */
  @IsOptional()
  @Matches(/^[\w-]+:[A-Za-z0-9+/=]{43,44}(,[\w-]+:[A-Za-z0-9+/=]{43,44})*$/, {
    message: 'PII_ENCRYPTION_KEYS must be id:base64(32 bytes)[,id:base64...]',
  })
  PII_ENCRYPTION_KEYS?: string;

  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  COMPLIANCE_URL = 'http://127.0.0.1:3003';

  /** A bearer token of the compliance admin API; falls back to the first token of COMPLIANCE_ADMIN_TOKENS. */
  @IsOptional()
  @MinLength(16)
  COMPLIANCE_ADMIN_TOKEN?: string;

  @IsOptional()
  @IsString()
  COMPLIANCE_ADMIN_TOKENS?: string;

  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  TEMPLATING_URL = 'http://127.0.0.1:3002';

  @IsOptional()
  @MinLength(16)
  TEMPLATING_ADMIN_TOKEN?: string;
}

type Env = Record<string, string | undefined>;

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** `.platform/env.json` (brokers of the local platform) and `.platform/dev-secrets.json`, under the real environment. */
export function localDefaults(root: string): Env {
  const platform = readJson(path.join(root, '.platform', 'env.json'));
  const secrets = readJson(path.join(root, '.platform', 'dev-secrets.json'));
  const out: Env = {};
  for (const [k, v] of Object.entries(secrets)) if (typeof v === 'string') out[k] = v;
  if (typeof platform['brokers'] === 'string') out['KAFKA_BROKERS'] = platform['brokers'];
  return out;
}

export function loadCliConfig(root: string, env: Env): HeraldCliConfig {
  return loadConfig(HeraldCliConfig, { ...localDefaults(root), ...env });
}

export function complianceToken(c: HeraldCliConfig): string | undefined {
  if (c.COMPLIANCE_ADMIN_TOKEN) return c.COMPLIANCE_ADMIN_TOKEN;
  const first = c.COMPLIANCE_ADMIN_TOKENS?.split(',')[0];
  return first && first.includes(':') ? first.slice(first.indexOf(':') + 1) : undefined;
}

export function piiCipherOf(c: HeraldCliConfig): PiiCipher | undefined {
  return c.PII_ENCRYPTION_KEYS ? PiiCipher.fromSpec(c.PII_ENCRYPTION_KEYS) : undefined;
}

export function kafkaOptionsOf(c: HeraldCliConfig): KafkaOptions {
  return {
    service: 'herald-cli',
    brokers: c.KAFKA_BROKERS.split(','),
    security: { protocol: c.KAFKA_SECURITY_PROTOCOL, username: c.KAFKA_SASL_USERNAME, password: c.KAFKA_SASL_PASSWORD },
    consume: false,
  };
}
