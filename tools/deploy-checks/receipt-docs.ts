import { CanonicalStates, DefaultPublishedStates, FinalStates, isFinalState, type JsonSchema } from '@herald/contracts';

// Docs write state lists for people, so they cannot be generated; instead each one is marked
// `<!-- states:<name> -->...<!-- /states -->` (invisible when rendered) and checked against
// libs/contracts here. Every backticked word inside a marked list must be a state of that list.

interface StateList {
  states: readonly string[];
  /** Ordered lists must keep CanonicalStates' order (the state machine's). */
  ordered: boolean;
}

export const StateLists: Readonly<Record<string, StateList>> = {
  canonical: { states: CanonicalStates, ordered: true },
  'non-final': { states: CanonicalStates.filter((s) => !isFinalState(s)), ordered: true },
  final: { states: FinalStates, ordered: false },
  published: { states: DefaultPublishedStates, ordered: false },
};

export interface MarkedList {
  name: string;
  line: number;
  body: string;
}

const MARKED = /<!--\s*states:([a-z-]+)\s*-->([\s\S]*?)<!--\s*\/states\s*-->/g;
const OPENING = /<!--\s*states:[a-z-]+\s*-->/g;
const BACKTICKED = /`([^`]+)`/g;

export function markedStateLists(markdown: string): MarkedList[] {
  return [...markdown.matchAll(MARKED)].map((m) => ({
    name: m[1],
    line: markdown.slice(0, m.index).split('\n').length,
    body: m[2],
  }));
}

/** What a doc's marked state lists get wrong, one line each; empty when all agree with libs/contracts. */
export function stateListProblems(markdown: string, file: string): string[] {
  const lists = markedStateLists(markdown);
  const problems: string[] = [];
  const opened = markdown.match(OPENING)?.length ?? 0;
  if (opened !== lists.length)
    problems.push(`${file}: ${opened - lists.length} states marker(s) without <!-- /states -->`);
  for (const list of lists) {
    const where = `${file}:${list.line} states:${list.name}`;
    if (list.name === 'table') problems.push(...tableProblems(list.body, where));
    else if (StateLists[list.name] === undefined)
      problems.push(`${where}: unknown list (one of ${[...Object.keys(StateLists), 'table'].join(', ')})`);
    else
      problems.push(
        ...listProblems(
          [...list.body.matchAll(BACKTICKED)].map((m) => m[1]),
          StateLists[list.name],
          where,
        ),
      );
  }
  return problems;
}

function listProblems(found: readonly string[], expected: StateList, where: string): string[] {
  const problems: string[] = [];
  const missing = expected.states.filter((s) => !found.includes(s));
  const extra = found.filter((s) => !expected.states.includes(s));
  const repeated = found.filter((s, i) => found.indexOf(s) !== i);
  if (missing.length > 0) problems.push(`${where}: missing ${missing.join(', ')}`);
  if (extra.length > 0) problems.push(`${where}: not in this list: ${extra.join(', ')}`);
  if (repeated.length > 0) problems.push(`${where}: repeated ${repeated.join(', ')}`);
  if (problems.length === 0 && expected.ordered && found.join() !== expected.states.join()) {
    problems.push(`${where}: order ${found.join(' ')} differs from ${expected.states.join(' ')}`);
  }
  return problems;
}

const published = new Set<string>(DefaultPublishedStates);

/** `| \`state\` | final yes/no | published by default yes/no | ...`: one row per state, in CanonicalStates order. */
function tableProblems(body: string, where: string): string[] {
  const rows = tableRows(body).filter((cells) => /^`[^`]+`$/.test(cells[0] ?? ''));
  const states = rows.map((cells) => cells[0].slice(1, -1));
  const problems = listProblems(states, StateLists.canonical, where);
  for (const [state, final, isPublished] of rows.map((cells) => [cells[0].slice(1, -1), cells[1], cells[2]])) {
    if (final !== yesNo(isFinalState(state)))
      problems.push(`${where}: ${state} final is "${final}", expected ${yesNo(isFinalState(state))}`);
    if (isPublished !== yesNo(published.has(state))) {
      problems.push(
        `${where}: ${state} published by default is "${isPublished}", expected ${yesNo(published.has(state))}`,
      );
    }
  }
  return problems;
}

/** The `| field | type | always | ... |` table of a topic's fields against its schema (nested fields as `a.b`). */
export function fieldTableProblems(markdown: string, schema: JsonSchema, file: string): string[] {
  const marked = /<!--\s*fields:[a-z0-9._]+\s*-->([\s\S]*?)<!--\s*\/fields\s*-->/.exec(markdown);
  if (!marked) return [`${file}: no <!-- fields:... --> table`];
  const rows = tableRows(marked[1]).filter((cells) => /^`[^`]+`$/.test(cells[0] ?? ''));
  const documented = new Map(rows.map((cells) => [cells[0].slice(1, -1), cells[2]]));
  const expected = schemaFields(schema);
  const problems: string[] = [];
  const missing = [...expected.keys()].filter((f) => !documented.has(f));
  const extra = [...documented.keys()].filter((f) => !expected.has(f));
  if (missing.length > 0) problems.push(`${file}: fields missing from the table: ${missing.join(', ')}`);
  if (extra.length > 0) problems.push(`${file}: fields not in the schema: ${extra.join(', ')}`);
  for (const [field, always] of documented) {
    const required = expected.get(field);
    if (required !== undefined && always !== yesNo(required))
      problems.push(`${file}: ${field} "always" is "${always}", expected ${yesNo(required)}`);
  }
  return problems;
}

function schemaFields(schema: JsonSchema, prefix = '', parentRequired = true): Map<string, boolean> {
  const fields = new Map<string, boolean>();
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const required = parentRequired && (schema.required ?? []).includes(name);
    fields.set(`${prefix}${name}`, required);
    for (const [nested, r] of schemaFields(property.items ?? property, `${prefix}${name}.`, required))
      fields.set(nested, r);
  }
  return fields;
}

function tableRows(body: string): string[][] {
  return body
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim()),
    );
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}
