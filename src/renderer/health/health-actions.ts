// The Health page's commands, registered while it is shown: refresh, open a ticket for a camera,
// probe a camera now, save a ticket's changes, "repair done", attach a photo to a ticket, keep the
// list of technicians and contractors, set and mark done a point's periodic check. Buttons and the
// command palette run them through the actions registry.
import { useMemo } from 'react';
import type { MethodInput } from '../../shared/contract';
import { useActions } from '../actions/ActionsProvider';
import type { ActionSpec } from '../actions/types';

export const HEALTH_ACTIONS = {
  refresh: 'health.refresh',
  openTicket: 'health.openTicket',
  probeNow: 'health.probeNow',
  updateTicket: 'repair.update',
  closeTicket: 'repair.close',
  maintenanceDone: 'maintenance.done',
  saveAssignee: 'repair.saveAssignee',
  savePlan: 'maintenance.save',
  addPhoto: 'repair.addPhoto',
} as const;

export interface PhotoInput {
  ticketId: string;
  file: File;
  onProgress(fraction: number): void;
  onDone(error: string | null): void;
}

export interface HealthCtx {
  reload(): void;
  /** Shows the "open a ticket" form for a camera (or the first offline camera when none is named). */
  openTicketFor(cameraId: string | null): void;
  probe(cameraId: string): Promise<void>;
  update(input: MethodInput<'repair.update'>): Promise<void>;
  close(id: string): Promise<void>;
  /** A day given: the check was done that day (setting the plan's last done date). */
  maintenanceDone(pointId: string, day?: string): Promise<void>;
  saveAssignee(input: MethodInput<'repair.saveAssignee'>): Promise<void>;
  /** Sets a point's plan; with `lastDone`, also the day its check was last done. */
  savePlan(input: MethodInput<'maintenance.save'> & { lastDone?: string }): Promise<void>;
  /** Sends a photo and attaches it; says how it went (null, or the translated error) through onDone. */
  addPhoto(input: PhotoInput): Promise<void>;
  firstOffline: string | null;
}

const SPECS: ActionSpec<HealthCtx, never>[] = [
  { name: HEALTH_ACTIONS.refresh, labelKey: 'healthPage.refresh', group: 'health', keys: ['R'], perform: (c) => c.reload() },
  {
    name: HEALTH_ACTIONS.openTicket,
    labelKey: 'repair.open',
    group: 'health',
    keys: ['T'],
    permission: 'register.manage',
    perform: (c: HealthCtx, cameraId: string | undefined) => c.openTicketFor(cameraId ?? c.firstOffline),
  } as unknown as ActionSpec<HealthCtx, never>,
  {
    name: HEALTH_ACTIONS.probeNow,
    labelKey: 'repair.probeNow',
    group: 'health',
    hidden: true,
    perform: (c: HealthCtx, cameraId: string) => c.probe(cameraId),
  } as unknown as ActionSpec<HealthCtx, never>,
  {
    name: HEALTH_ACTIONS.updateTicket,
    labelKey: 'repair.save',
    group: 'health',
    hidden: true,
    permission: 'register.manage',
    perform: (c: HealthCtx, input: MethodInput<'repair.update'>) => c.update(input),
  } as unknown as ActionSpec<HealthCtx, never>,
  {
    name: HEALTH_ACTIONS.closeTicket,
    labelKey: 'repair.close',
    group: 'health',
    hidden: true,
    permission: 'register.manage',
    perform: (c: HealthCtx, id: string) => c.close(id),
  } as unknown as ActionSpec<HealthCtx, never>,
  {
    name: HEALTH_ACTIONS.maintenanceDone,
    labelKey: 'maintenance.done',
    group: 'health',
    hidden: true,
    permission: 'register.manage',
    perform: (c: HealthCtx, arg: string | { pointId: string; day: string }) => (typeof arg === 'string' ? c.maintenanceDone(arg) : c.maintenanceDone(arg.pointId, arg.day)),
  } as unknown as ActionSpec<HealthCtx, never>,
  {
    name: HEALTH_ACTIONS.saveAssignee,
    labelKey: 'repair.assignees.save',
    group: 'health',
    hidden: true,
    permission: 'register.manage',
    perform: (c: HealthCtx, input: MethodInput<'repair.saveAssignee'>) => c.saveAssignee(input),
  } as unknown as ActionSpec<HealthCtx, never>,
  {
    name: HEALTH_ACTIONS.savePlan,
    labelKey: 'maintenance.save',
    group: 'health',
    hidden: true,
    permission: 'register.manage',
    perform: (c: HealthCtx, input: MethodInput<'maintenance.save'> & { lastDone?: string }) => c.savePlan(input),
  } as unknown as ActionSpec<HealthCtx, never>,
  {
    name: HEALTH_ACTIONS.addPhoto,
    labelKey: 'repair.photos.add',
    group: 'health',
    hidden: true,
    permission: 'register.manage',
    perform: (c: HealthCtx, input: PhotoInput) => c.addPhoto(input),
  } as unknown as ActionSpec<HealthCtx, never>,
];

export function useHealthActions(ctx: HealthCtx): void {
  const stable = useMemo(() => ctx, [ctx]);
  useActions(SPECS, stable);
}
