/** The OTLP encodings Herald can export with; `grpc` would need the gRPC stack, which Herald does not ship. */
export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** `OTEL_TRACES_SAMPLER` values of the OpenTelemetry SDK environment specification that Herald supports. */
export const TRACE_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
export type TraceSamplerName = (typeof TRACE_SAMPLERS)[number];

export interface TracingSettings {
  /** Where spans are posted, for the start-up log line (the exporter reads the variables itself). */
  endpoint: string;
  protocol: OtlpProtocol;
  sampler: TraceSamplerName;
  /** 0..1, used by the ratio samplers only. */
  ratio: number;
}

type Env = Record<string, string | undefined>;

/**
 * Reads the standard `OTEL_*` variables. Undefined (tracing off, nothing started) unless
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_EXPORTER_OTLP_ENDPOINT` is set, or when
 * `OTEL_SDK_DISABLED=true`. The sampler defaults to `parentbased_traceidratio` with the ratio of
 * `OTEL_TRACES_SAMPLER_ARG` (default 1), so every service keeps the traces its upstream kept.
 * Throws a one-line reason on a value the SDK would silently ignore.
 */
export function tracingSettings(env: Env): TracingSettings | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const signal = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!signal && !base) return undefined;
  const endpoint = signal || `${base!.replace(/\/+$/, '')}/v1/traces`;
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(endpoint)) {
    throw new Error(
      `${signal ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT'} must be an http(s) URL such as http://otel-collector:4318`,
    );
  }
  const protocol = (
    env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ||
    env.OTEL_EXPORTER_OTLP_PROTOCOL ||
    'http/protobuf'
  ).trim();
  if (!(OTLP_PROTOCOLS as readonly string[]).includes(protocol)) {
    throw new Error(`OTEL_EXPORTER_OTLP_PROTOCOL must be one of ${OTLP_PROTOCOLS.join(', ')} (got "${protocol}")`);
  }
  const sampler = (env.OTEL_TRACES_SAMPLER || 'parentbased_traceidratio').trim();
  if (!(TRACE_SAMPLERS as readonly string[]).includes(sampler)) {
    throw new Error(`OTEL_TRACES_SAMPLER must be one of ${TRACE_SAMPLERS.join(', ')} (got "${sampler}")`);
  }
  const arg = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  const ratio = arg ? Number(arg) : 1;
  if (!(ratio >= 0 && ratio <= 1))
    throw new Error(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1 (got "${arg}")`);
  return { endpoint, protocol: protocol as OtlpProtocol, sampler: sampler as TraceSamplerName, ratio };
}
