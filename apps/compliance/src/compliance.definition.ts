import type { ServiceDefinition } from '@herald/service-kit';
import { loadRulesFile } from './adapters/rules-loader';
import { AppModule, complianceDatabase } from './app.module';
import { ComplianceConfig } from './compliance.config';

/** `service` is the consumer group; tests pass a private one so no other running instance takes their partitions. */
export function complianceDefinition(service = 'compliance'): ServiceDefinition<ComplianceConfig> {
  return {
    service,
    config: ComplianceConfig,
    database: complianceDatabase,
    // The rules file is read and validated here, so a bad file stops the start with one line.
    module: (config) => AppModule.register(config, loadRulesFile(config.COMPLIANCE_RULES_FILE), service),
  };
}

export const complianceService: ServiceDefinition<ComplianceConfig> = complianceDefinition();
