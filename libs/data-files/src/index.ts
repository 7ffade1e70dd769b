export { pathOf, describeProblems, type DataFileProblem } from './lib/data-file-problem';
export { DataFileSchema, type DataFileJsonSchema, type DataFileOutcome } from './lib/data-file-schema';
export { loadDataFile, dataFileError } from './lib/load-data-file';
