import { AccountDto, RecoveryCodesDto, type RememberedDeviceDto } from '@kyc-review/contracts';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { readJson, type ApiClient } from '../../api/api-client';
import { useChange } from '../../api/use-change';
import { SESSION_QUERY_KEY } from '../../api/query-client';

const ACCOUNT_KEY = ['account'] as const;
const Ok = z.object({ ok: z.literal(true) });

export const accountQueryOptions = (api: ApiClient) =>
  queryOptions({ queryKey: ACCOUNT_KEY, queryFn: () => readJson(api.rpc.api.account.$get(), AccountDto) });

/** A change to my own account: the page and the session (role, link, second factor) are read again. */
const useAccountChange = <TBody, TAnswer>(call: (api: ApiClient, body: TBody) => Promise<TAnswer>) =>
  useChange([ACCOUNT_KEY, SESSION_QUERY_KEY], call);

export const useForgetDevice = () =>
  useAccountChange((api, deviceId: RememberedDeviceDto['device_id']) =>
    readJson(api.rpc.api.account.devices[':deviceId'].forget.$post({ param: { deviceId } }), Ok),
  );

export const useConfirmTotp = () =>
  useAccountChange((api, totpCode: string) =>
    readJson(api.rpc.api.account.totp.$post({ json: { totp_code: totpCode } }), RecoveryCodesDto),
  );

export const useNewRecoveryCodes = () =>
  useAccountChange((api, _: null) => readJson(api.rpc.api.account['recovery-codes'].$post(), RecoveryCodesDto));

export const useLinkCloudUser = () =>
  useAccountChange((api, link: boolean) =>
    readJson(link ? api.rpc.api.account['cloud-user'].$post() : api.rpc.api.account['cloud-user'].unlink.$post(), Ok),
  );
