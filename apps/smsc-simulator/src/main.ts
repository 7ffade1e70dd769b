import 'reflect-metadata';
import { createLogger } from '@herald/observability';
import { loadSimulatorConfig } from './simulator.config';
import { SmscSimulator } from '@herald/smsc-simulator';

async function main(): Promise<void> {
  const config = loadSimulatorConfig();
  const logger = createLogger('smsc-simulator', config.LOG_LEVEL);
  const sim = new SmscSimulator({
    host: config.SIM_HOST,
    controlHost: config.SIM_CONTROL_HOST,
    smppPort: config.SIM_SMPP_PORT,
    httpPort: config.SIM_HTTP_PORT,
    systemId: config.SIM_SYSTEM_ID,
    password: config.SIM_PASSWORD,
    maxRecords: config.SIM_MAX_RECORDS,
    behaviour: {
      dlrDelayMs: config.SIM_DLR_DELAY_MS,
      submitLatencyMs: config.SIM_SUBMIT_LATENCY_MS,
      maxSubmitsPerSecond: config.SIM_MAX_SUBMITS_PER_SECOND,
    },
    logger,
  });
  const ports = await sim.start();
  // The bench and test harnesses read this line to learn the ports when they asked for 0.
  process.stdout.write(`${JSON.stringify({ event: 'smsc-simulator.ready', ...ports })}\n`);
  const shutdown = () => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`smsc-simulator failed to start: ${(e as Error).message}\n`);
  process.exit(1);
});
