export { SmscSimulator, type SimulatorOptions } from './lib/smsc-simulator';
export type { SimBehaviour } from './lib/domain/behaviour';
export type { SimLogger } from './lib/logger';
