import { DashboardDto } from '@kyc-review/contracts';
import { queryOptions } from '@tanstack/react-query';
import { readJson, type ApiClient } from '../../api/api-client';

export const DASHBOARD_KEY = ['dashboard'] as const;

/** The lead's figures; re-read every minute while the dashboard is open, every 2 s while Cloud is read. */
export const dashboardQueryOptions = (api: ApiClient) =>
  queryOptions({
    queryKey: DASHBOARD_KEY,
    queryFn: () => readJson(api.rpc.api.dashboard.$get(), DashboardDto),
    refetchInterval: (query) => (query.state.data?.syncing === true ? 2_000 : 60_000),
  });
