import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HeraldError } from '@herald/contracts';
import { describeProblems, type DataFileProblem } from './data-file-problem';
import type { DataFileSchema } from './data-file-schema';

/**
 * A data file's CONFIG_INVALID error: `invalid configuration: <KEY>: <file>: <path>: <reason>`, the
 * same line as an invalid environment key (service-kit's ConfigError), with the problems as details.
 */
export function dataFileError(key: string, file: string, problems: readonly DataFileProblem[]): HeraldError {
  return new HeraldError('CONFIG_INVALID', `invalid configuration: ${key}: ${file}: ${describeProblems(problems)}`, {
    details: { key, file, problems },
  });
}

/** Reads, parses and validates a data file once, at start; any problem is one CONFIG_INVALID line. */
export function loadDataFile<T>(path: string, key: string, schema: DataFileSchema<T>): T {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new HeraldError(
      'CONFIG_INVALID',
      `invalid configuration: ${key}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { details: { key, file } },
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new HeraldError(
      'CONFIG_INVALID',
      `invalid configuration: ${key}: ${file} is not valid JSON: ${(e as Error).message}`,
      { details: { key, file } },
    );
  }
  const outcome = schema.validate(doc);
  if (!outcome.ok) throw dataFileError(key, file, outcome.problems);
  return outcome.value;
}
