/** What runs SQL: a DataSource or a transaction's EntityManager, so repositories run on either. */
export interface SqlExecutor {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}
