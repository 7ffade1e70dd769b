import { gsm7Length } from './gsm7-alphabet';
import { SEGMENT_LIMITS, type SmsEncoding } from './segment-limits';
import { splitSegments } from './split-segments';

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

export function analyze(text: string): SmsAnalysis {
  const chars = [...text];
  const nonGsmChars = [...new Set(chars.filter((char) => gsm7Length(char) === 0))];
  const encoding: SmsEncoding = nonGsmChars.length === 0 ? 'GSM7' : 'UCS2';
  const units = encoding === 'GSM7' ? chars.reduce((sum, char) => sum + gsm7Length(char), 0) : text.length;
  const segments = splitSegments(text, encoding).length;
  const { single, multi } = SEGMENT_LIMITS[encoding];
  return {
    encoding,
    characters: chars.length,
    units,
    segments,
    perSegment: segments === 1 ? single : multi,
    nonGsmChars,
  };
}
