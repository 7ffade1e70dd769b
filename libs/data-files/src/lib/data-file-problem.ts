/** One problem in a data file: where (a path from the document root, `$` for the root) and why. */
export interface DataFileProblem {
  path: string;
  reason: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `quietHours[0].window.start`; a key that is not a plain name is quoted: `events["order.placed"]`. */
export function pathOf(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === '' ? '$' : out;
}

/** The first problem, and how many more: a start-up error is one line. */
export function describeProblems(problems: readonly DataFileProblem[]): string {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
  return `${first.path}: ${first.reason}${more}`;
}
