import type { TestProject } from 'vitest/node';
import { startCluster } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's admin URL, or why there is none (the Postgres suites then fail with it). */
    postgres: { readonly adminUrl: string } | { readonly error: string };
  }
}

/** One throwaway PostgreSQL cluster per run of the storage suites, stopped when they end. */
export default async function setup(project: TestProject): Promise<() => void> {
  try {
    const cluster = await startCluster();
    project.provide('postgres', { adminUrl: cluster.adminUrl });
    return () => cluster.stop();
  } catch (error) {
    project.provide('postgres', { error: error instanceof Error ? error.message : String(error) });
    return () => undefined;
  }
}
