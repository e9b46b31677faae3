import { createContext, useContext } from 'react';
import type { MethodOutput, Permission, Preferences, SessionInfo, Settings } from '../../shared/contract';
import type { ApiClient } from '../api/client';
import type { ConnectionState } from '../api/transport';

export interface AppState {
  api: ApiClient;
  settings: Settings;
  session: SessionInfo;
  system: MethodOutput<'system.info'>;
  /** The signed-in user's own preferences (scale, contrast, operator mode, default views). */
  preferences: Preferences;
  /** The API socket's state: down means the core is out of reach, whatever each tile says. */
  connection: ConnectionState;
  /** When the connection state last changed (the outage banner says "since 14:23:05"). */
  connectionSince: number;
  updateSettings(patch: Partial<Settings>): Promise<void>;
  updatePreferences(patch: Partial<Preferences>): Promise<void>;
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
