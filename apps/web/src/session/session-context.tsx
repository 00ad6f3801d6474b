import type { Permission, SessionDto } from '@kyc-review/contracts';
import { createContext, useContext, useMemo, type ReactNode } from 'react';

export interface SessionValue {
  session: SessionDto;
  /** Whether the install was granted the scope; the BFF enforces it, the UI explains it. */
  can: (permission: Permission) => boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ session, children }: { session: SessionDto; children: ReactNode }) {
  const value = useMemo<SessionValue>(() => {
    const granted = new Set(session.granted_permissions);
    return { session, can: (permission) => granted.has(permission) };
  }, [session]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

/** The signed-in session; only available below <SessionGate>, which renders nothing else without one. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession must be used inside <SessionGate>.');
  return value;
}
