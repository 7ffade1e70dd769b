import { HeraldError } from '@herald/contracts';
import { analyze, transliterate, type SmsAnalysis } from '@herald/sms-encoding';

export interface EncodedBody {
  text: string;
  analysis: SmsAnalysis;
  /** True when transliteration was applied (it is kept only when it makes the text GSM-7). */
  transliterated: boolean;
}

/**
 * Trims the rendered text and picks its encoding. With `transliterate` on, typographic characters
 * (curly quotes, no-break spaces, dashes) are folded to GSM-7, but only when that makes the whole
 * text GSM-7: a text that needs UCS-2 anyway keeps its original characters.
 */
export function encodeBody(rendered: string, opts: { transliterate: boolean }): EncodedBody {
  const text = rendered.trim();
  if (text.length === 0) throw new HeraldError('TEMPLATE_RENDER_FAILED', 'the rendered body is empty');
  const analysis = analyze(text);
  if (opts.transliterate && analysis.encoding === 'UCS2') {
    const folded = transliterate(text);
    const foldedAnalysis = analyze(folded);
    if (foldedAnalysis.encoding === 'GSM7') return { text: folded, analysis: foldedAnalysis, transliterated: true };
  }
  return { text, analysis, transliterated: false };
}

/** Over the limit is an error, never a silent truncation. */
export function assertWithinSegments(body: EncodedBody, maxSegments: number, label: string): void {
  const { segments, encoding, characters } = body.analysis;
  if (segments > maxSegments) {
    throw new HeraldError(
      'TOO_MANY_SEGMENTS',
      `${label} renders ${segments} segments (${encoding}, ${characters} characters), max ${maxSegments}`,
      {
        details: { segments, maxSegments, encoding },
      },
    );
  }
}
