// Views and tours: personal ones belong to their user; shared ones are seen by all and changed
// only with views.manage. The workspace remembers each user's windows across restarts, and each
// window's wall as it was left (layout, cameras, streams, zoom, parked cameras).
import { MAX_WINDOWS, type TileAssignment, type Tour, type TourStep, type View, type WallState, type Workspace, type WorkspaceWindow } from '../../shared/contract';
import { isValidLayout } from '../../shared/layouts';
import { sortByName } from '../../shared/text';
import { can, type Principal } from '../auth/principal';
import type { tourInput, viewInput } from '../../shared/contract/wall';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../events/event-bus';
import type { TourRow, ViewRow, WallRepository } from './wall-repository';
import type { z } from 'zod';

export class WallService {
  constructor(
    private readonly repo: WallRepository,
    private readonly events: EventBus,
    /** The area scope: a shared view shows a ward account only the cameras it may see. */
    private readonly cameraVisible: (p: Principal, cameraId: string) => boolean,
  ) {}

  private mayEdit(user: Principal, ownerId: string | null): boolean {
    return ownerId === null ? can(user, 'views.manage') : ownerId === user.user.id;
  }

  private visibleTiles(p: Principal, tiles: TileAssignment[]): TileAssignment[] {
    if (p.scope.length === 0) return tiles;
    return tiles.map((t) => (t && !this.cameraVisible(p, t.cameraId) ? null : t));
  }

  private visibleSteps(p: Principal, steps: TourStep[]): TourStep[] {
    if (p.scope.length === 0) return steps;
    return steps.filter((s) => s.kind !== 'camera' || this.cameraVisible(p, s.cameraId));
  }

  /** Saving shared needs views.manage; overwriting needs the right to edit what is there. */
  private assertMaySave(user: Principal, shared: boolean, existingOwner: string | null | undefined): void {
    if (shared && !can(user, 'views.manage')) throw new AppError('permission_denied', { permission: 'views.manage' });
    if (existingOwner !== undefined && !this.mayEdit(user, existingOwner)) throw new AppError('permission_denied', { permission: 'views.manage' });
  }

  private toView(user: Principal, r: ViewRow): View {
    return {
      id: r.id,
      name: r.name,
      shared: r.ownerId === null,
      editable: this.mayEdit(user, r.ownerId),
      layout: r.layout,
      tiles: this.visibleTiles(user, r.tiles),
      shortcut: r.shortcut,
      updatedAt: r.updatedAt,
    };
  }

  private toTour(user: Principal, r: TourRow): Tour {
    return { id: r.id, name: r.name, shared: r.ownerId === null, editable: this.mayEdit(user, r.ownerId), dwellSeconds: r.dwellSeconds, steps: this.visibleSteps(user, r.steps) };
  }

  /** A view or tour may name only cameras the caller may see (same answer as for a camera that is not there). */
  private assertCamerasVisible(p: Principal, ids: Iterable<string>): void {
    if (p.scope.length === 0) return;
    for (const id of ids) if (!this.cameraVisible(p, id)) throw new AppError('not_found', { kind: 'camera', id });
  }

  /** In Vietnamese alphabetical order (SQLite's ORDER BY would put "Cầu" after "Công"). */
  views(user: Principal): View[] {
    return sortByName(this.repo.viewsFor(user.user.id), (r) => r.name).map((r) => this.toView(user, r));
  }

  saveView(user: Principal, input: z.output<typeof viewInput>): View {
    const ownerId = input.shared ? null : user.user.id;
    this.assertCamerasVisible(user, input.tiles.flatMap((t) => (t ? [t.cameraId] : [])));
    this.assertMaySave(user, input.shared, input.id ? this.repo.view(input.id)?.ownerId : undefined);
    // More cameras than tiles would be lost silently on load: cut them here, visibly.
    const tiles = input.tiles.slice(0, input.layout.cells.length);
    const saved = this.repo.upsertView({ ...(input.id ? { id: input.id } : {}), ownerId, name: input.name, layout: input.layout, tiles, shortcut: input.shortcut });
    // A number belongs to one view per owner: giving it to this one takes it from the other, as
    // rebinding a key does (the officer sees which view had it before choosing).
    if (input.shortcut !== null) this.repo.releaseShortcut(ownerId, input.shortcut, saved.id);
    this.events.publish({ type: 'views.changed' });
    return this.toView(user, saved);
  }

  deleteView(user: Principal, id: string): { id: string } {
    const existing = this.repo.view(id);
    if (!existing) throw new AppError('not_found', { kind: 'view', id });
    if (!this.mayEdit(user, existing.ownerId)) throw new AppError('permission_denied', { permission: 'views.manage' });
    this.repo.deleteView(id);
    this.events.publish({ type: 'views.changed' });
    return { id };
  }

  tours(user: Principal): Tour[] {
    return sortByName(this.repo.toursFor(user.user.id), (r) => r.name).map((r) => this.toTour(user, r));
  }

  saveTour(user: Principal, input: z.output<typeof tourInput>): Tour {
    this.assertCamerasVisible(user, input.steps.flatMap((st) => (st.kind === 'camera' ? [st.cameraId] : [])));
    this.assertMaySave(user, input.shared, input.id ? this.repo.tour(input.id)?.ownerId : undefined);
    const saved = this.repo.upsertTour({ ...(input.id ? { id: input.id } : {}), ownerId: input.shared ? null : user.user.id, name: input.name, dwellSeconds: input.dwellSeconds, steps: input.steps });
    this.events.publish({ type: 'tours.changed' });
    return this.toTour(user, saved);
  }

  deleteTour(user: Principal, id: string): { id: string } {
    const existing = this.repo.tour(id);
    if (!existing) throw new AppError('not_found', { kind: 'tour', id });
    if (!this.mayEdit(user, existing.ownerId)) throw new AppError('permission_denied', { permission: 'views.manage' });
    this.repo.deleteTour(id);
    this.events.publish({ type: 'tours.changed' });
    return { id };
  }

  workspace(user: Principal): Workspace {
    // The repository already keeps an old over-full workspace to its most recent windows.
    return this.repo.workspace(user.user.id);
  }

  /**
   * Remembers a window; the list is ordered by last save. A 17th window replaces the one saved
   * longest ago rather than being refused: in a browser, windows closed without a word (a crash, a
   * killed tab) stay on the list, and refusing would then stop the operator's new windows from ever
   * being remembered, while the stale entry it drops is the one least likely to still exist.
   */
  saveWindow(user: Principal, win: WorkspaceWindow, closed: boolean): Workspace {
    const current = this.workspace(user);
    const others = current.windows.filter((w) => w.key !== win.key);
    // Bounded like the workspace schema: the oldest other window gives way.
    const next = { windows: closed ? others : [...others.slice(-(MAX_WINDOWS - 1)), win] };
    this.repo.saveWorkspace(user.user.id, next);
    if (closed) this.repo.deleteWallState(user.user.id, win.key);
    return next;
  }

  /** This window's wall as the user left it; cameras they may no longer see are taken off. */
  wallState(user: Principal, windowKey: string): { state: WallState | null; updatedAt: number | null } {
    const found = this.repo.wallState(user.user.id, windowKey);
    if (!found) return { state: null, updatedAt: null };
    const { state } = found;
    const parked = user.scope.length === 0 ? state.parked : state.parked.filter((c) => this.cameraVisible(user, c.cameraId));
    return { state: { ...state, tiles: this.visibleTiles(user, state.tiles), parked }, updatedAt: found.updatedAt };
  }

  saveWallState(user: Principal, windowKey: string, state: WallState): { updatedAt: number } {
    if (!isValidLayout(state.layout)) throw new AppError('bad_request', { field: 'state.layout', problem: 'layout' });
    const n = state.layout.cells.length;
    if (state.tiles.length > n) throw new AppError('bad_request', { field: 'state.tiles', problem: 'too_big', maximum: n });
    if (state.selected >= n || (state.maximised !== null && state.maximised >= n)) throw new AppError('bad_request', { field: 'state.selected', problem: 'too_big', maximum: n - 1 });
    this.assertCamerasVisible(user, [...state.tiles.flatMap((t) => (t ? [t.cameraId] : [])), ...state.parked.map((c) => c.cameraId)]);
    // Bounded: a user has at most MAX_WINDOWS walls; a new window beyond that replaces the one
    // left alone longest (a browser's windows get new keys each time they are opened by hand).
    if (!this.repo.wallState(user.user.id, windowKey) && this.repo.wallStateCount(user.user.id) >= MAX_WINDOWS) this.repo.evictOldestWallState(user.user.id);
    return { updatedAt: this.repo.saveWallState(user.user.id, windowKey, state) };
  }
}
