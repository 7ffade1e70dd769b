import { gsm7Length } from './gsm7-alphabet';
import { SEGMENT_LIMITS, type SmsEncoding } from './segment-limits';
import { countSegments } from './split-segments';

export interface SmsAnalysis {
  encoding: SmsEncoding;
  /** User-visible characters, counted as code points. */
  characters: number;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Capacity of each segment: 160/70 for a single SMS, 153/67 once concatenated. */
  perSegment: number;
  /** Each character that forces UCS-2, once, in order of first appearance. */
  nonGsmChars: string[];
}

/** One pass over the code points (templating analyzes every body it renders). */
export function analyze(text: string): SmsAnalysis {
  let characters = 0;
  let septets = 0;
  const nonGsm = new Set<string>();
  for (const char of text) {
    characters++;
    const length = gsm7Length(char);
    if (length === 0) nonGsm.add(char);
    else septets += length;
  }
  const encoding: SmsEncoding = nonGsm.size === 0 ? 'GSM7' : 'UCS2';
  const units = encoding === 'GSM7' ? septets : text.length;
  const segments = countSegments(text, encoding, units);
  const { single, multi } = SEGMENT_LIMITS[encoding];
  return {
    encoding,
    characters,
    units,
    segments,
    perSegment: segments === 1 ? single : multi,
    nonGsmChars: [...nonGsm],
  };
}
