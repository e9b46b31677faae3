import { createContext, useContext } from 'react';
import type { MethodOutput, Settings } from '../../shared/contract';
import type { ApiClient } from '../api/client';

export interface AppState {
  api: ApiClient;
  settings: Settings;
  session: MethodOutput<'session.me'>;
  system: MethodOutput<'system.info'>;
  updateSettings(patch: Partial<Settings>): Promise<void>;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside AppContext');
  return ctx;
}
