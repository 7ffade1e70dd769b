import { loadConfig } from '@herald/service-kit';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min, MinLength } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** The simulator's environment; every key has a default so `node main.js` just works. */
export class SimulatorConfig {
  /** Where the SMPP server listens (dispatch connects to it from other pods/containers). */
  @IsString()
  SIM_HOST = '127.0.0.1';

  /**
   * Where the HTTP control API listens. It changes carrier behaviour and returns numbers and bodies,
   * so it stays on loopback (kubectl port-forward and in-container healthchecks still reach it)
   * unless a deployment says otherwise (docker compose publishes it, so binds 0.0.0.0 there).
   */
  @IsString()
  SIM_CONTROL_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  SIM_SMPP_PORT = 2775;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  SIM_HTTP_PORT = 2776;

  /** One system id, or several comma separated (e.g. one carrier account per country in a test). */
  @IsString()
  @MinLength(1)
  SIM_SYSTEM_ID = 'herald';

  @IsString()
  @MinLength(1)
  SIM_PASSWORD = 'secret';

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(5_000_000)
  SIM_MAX_RECORDS = 500_000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  SIM_DLR_DELAY_MS = 200;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  SIM_SUBMIT_LATENCY_MS = 0;

  /** Carrier MPS profile (e.g. 100 per bind); 0 = unlimited. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SIM_MAX_SUBMITS_PER_SECOND = 0;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

export function loadSimulatorConfig(env?: Record<string, string | undefined>): SimulatorConfig {
  return loadConfig(SimulatorConfig, env);
}
