export { PeriodicTask, type PeriodicTaskOptions } from './lib/periodic-task';
