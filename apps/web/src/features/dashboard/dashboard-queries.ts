import { DashboardDto } from '@kyc-review/contracts';
import { queryOptions } from '@tanstack/react-query';
import { readJson, type ApiClient } from '../../api/api-client';

export const DASHBOARD_KEY = ['dashboard'] as const;

/** The lead's figures; re-read every minute while the dashboard is open. */
export const dashboardQueryOptions = (api: ApiClient) =>
  queryOptions({
    queryKey: DASHBOARD_KEY,
    queryFn: () => readJson(api.rpc.api.dashboard.$get(), DashboardDto),
    refetchInterval: 60_000,
  });
