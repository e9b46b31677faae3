import { createContext, useContext } from 'react';
import type { MethodOutput, Permission, SessionInfo, Settings } from '../../shared/contract';
import type { ApiClient } from '../api/client';

export interface AppState {
  api: ApiClient;
  settings: Settings;
  session: SessionInfo;
  system: MethodOutput<'system.info'>;
  updateSettings(patch: Partial<Settings>): Promise<void>;
  /** What the signed-in role allows; the core checks again, this only decides what to offer. */
  can(permission: Permission): boolean;
  lock(): Promise<void>;
  signOut(): Promise<void>;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside AppContext');
  return ctx;
}
