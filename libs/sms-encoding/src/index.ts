export { analyze, type SmsAnalysis } from './lib/analyze-text';
export { encodeGsm7Unpacked, encodeUcs2 } from './lib/encode-payload';
export { isGsm7Char } from './lib/gsm7-alphabet';
export { SEGMENT_LIMITS, type SmsEncoding } from './lib/segment-limits';
export { splitSegments } from './lib/split-segments';
export { transliterate } from './lib/transliterate';
