export { TokenBucket } from './lib/token-bucket';
