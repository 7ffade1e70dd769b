import type { HeraldLogger } from '../logging/create-logger';
import { tracingSettings, type TracingSettings } from './tracing-settings';

export interface TracingHandle {
  settings: TracingSettings;
  /** Exports what is still queued (Nest calls it after consumers drained), then stops the SDK. */
  onApplicationShutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry trace SDK for this process, configured by the standard `OTEL_*`
 * variables (see tracingSettings), with the maintained HTTP and `pg` instrumentations. Kafka hops
 * are Herald's own spans (libs/kafka), because Herald's batch consumer and its per-record
 * `traceparent` headers are not what the kafkajs instrumentation assumes. Resolves to undefined
 * when no endpoint is set: then not even the SDK's modules are loaded. Call once per process,
 * before the app is built.
 */
export async function startTracing(
  service: string,
  logger: HeraldLogger,
  env: Record<string, string | undefined> = process.env,
): Promise<TracingHandle | undefined> {
  const settings = tracingSettings(env);
  if (!settings) return undefined;
  const { startSdk } = await import('./tracing-sdk');
  return startSdk(service, logger, settings, env);
}
