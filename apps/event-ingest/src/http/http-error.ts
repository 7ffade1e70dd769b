// The one error type and body live in @herald/service-kit; these names stay for event-ingest's callers.
export { ApiError as HttpError, badRequest, type ErrorBody, type FieldProblem } from '@herald/service-kit';
