/** Metric names a PromQL expression reads: exact names, and `{__name__=~"..."}` regexes. */
export interface PromqlNames {
  names: string[];
  patterns: string[];
}

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/**
 * Good enough for the queries we write (no string-valued metric names outside matchers): label
 * matchers, strings, ranges, grouping clauses, numbers/durations and Grafana variables are removed
 * first, then every identifier not followed by `(` (a function or aggregation) is a metric name.
 */
export function metricNamesIn(expr: string): PromqlNames {
  const names: string[] = [];
  const patterns: string[] = [];
  let s = expr.replace(/\{[^}]*\}/g, (block) => {
    const regex = /__name__\s*=~\s*"([^"]*)"/.exec(block);
    if (regex) patterns.push(regex[1]);
    const exact = /__name__\s*=\s*"([^"]*)"/.exec(block);
    if (exact) names.push(exact[1]);
    return ' ';
  });
  s = s
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ')
    .replace(/\b\d[\w.]*/g, ' ');
  for (const m of s.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const rest = s.slice((m.index ?? 0) + m[0].length).trimStart();
    if (rest.startsWith('(') || KEYWORDS.has(m[0].toLowerCase())) continue;
    names.push(m[0]);
  }
  return { names: [...new Set(names)], patterns: [...new Set(patterns)] };
}

const HISTOGRAM_SERIES = /_(bucket|sum|count)$/;

/** `x_bucket` -> `x`; a name without a histogram series suffix is returned as is. */
export function histogramBase(name: string): string | undefined {
  return HISTOGRAM_SERIES.test(name) ? name.replace(HISTOGRAM_SERIES, '') : undefined;
}
