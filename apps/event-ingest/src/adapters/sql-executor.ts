/** A DataSource or a transaction's EntityManager: repositories run on either. */
export interface SqlExecutor {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}
