// Views and tours: personal ones belong to their user; shared ones are seen by all and changed
// only with views.manage. The workspace remembers each user's windows across restarts.
import { MAX_WINDOWS, roleAllows, type Tour, type User, type View, type Workspace, type WorkspaceWindow } from '../../shared/contract';
import type { tourInput, viewInput } from '../../shared/contract/wall';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../events/event-bus';
import type { TourRow, ViewRow, WallRepository } from './wall-repository';
import type { z } from 'zod';

export class WallService {
  constructor(
    private readonly repo: WallRepository,
    private readonly events: EventBus,
  ) {}

  private mayEdit(user: User, ownerId: string | null): boolean {
    return ownerId === null ? roleAllows(user.role, 'views.manage') : ownerId === user.id;
  }

  /** Saving shared needs views.manage; overwriting needs the right to edit what is there. */
  private assertMaySave(user: User, shared: boolean, existingOwner: string | null | undefined): void {
    if (shared && !roleAllows(user.role, 'views.manage')) throw new AppError('permission_denied', { permission: 'views.manage' });
    if (existingOwner !== undefined && !this.mayEdit(user, existingOwner)) throw new AppError('permission_denied', { permission: 'views.manage' });
  }

  private toView(user: User, r: ViewRow): View {
    return { id: r.id, name: r.name, shared: r.ownerId === null, editable: this.mayEdit(user, r.ownerId), layout: r.layout, tiles: r.tiles, updatedAt: r.updatedAt };
  }

  private toTour(user: User, r: TourRow): Tour {
    return { id: r.id, name: r.name, shared: r.ownerId === null, editable: this.mayEdit(user, r.ownerId), dwellSeconds: r.dwellSeconds, steps: r.steps };
  }

  views(user: User): View[] {
    return this.repo.viewsFor(user.id).map((r) => this.toView(user, r));
  }

  saveView(user: User, input: z.output<typeof viewInput>): View {
    const ownerId = input.shared ? null : user.id;
    this.assertMaySave(user, input.shared, input.id ? this.repo.view(input.id)?.ownerId : undefined);
    // More cameras than tiles would be lost silently on load: cut them here, visibly.
    const tiles = input.tiles.slice(0, input.layout.cells.length);
    const saved = this.repo.upsertView({ ...(input.id ? { id: input.id } : {}), ownerId, name: input.name, layout: input.layout, tiles });
    this.events.publish({ type: 'views.changed' });
    return this.toView(user, saved);
  }

  deleteView(user: User, id: string): { id: string } {
    const existing = this.repo.view(id);
    if (!existing) throw new AppError('not_found', { kind: 'view', id });
    if (!this.mayEdit(user, existing.ownerId)) throw new AppError('permission_denied', { permission: 'views.manage' });
    this.repo.deleteView(id);
    this.events.publish({ type: 'views.changed' });
    return { id };
  }

  tours(user: User): Tour[] {
    return this.repo.toursFor(user.id).map((r) => this.toTour(user, r));
  }

  saveTour(user: User, input: z.output<typeof tourInput>): Tour {
    this.assertMaySave(user, input.shared, input.id ? this.repo.tour(input.id)?.ownerId : undefined);
    const saved = this.repo.upsertTour({ ...(input.id ? { id: input.id } : {}), ownerId: input.shared ? null : user.id, name: input.name, dwellSeconds: input.dwellSeconds, steps: input.steps });
    this.events.publish({ type: 'tours.changed' });
    return this.toTour(user, saved);
  }

  deleteTour(user: User, id: string): { id: string } {
    const existing = this.repo.tour(id);
    if (!existing) throw new AppError('not_found', { kind: 'tour', id });
    if (!this.mayEdit(user, existing.ownerId)) throw new AppError('permission_denied', { permission: 'views.manage' });
    this.repo.deleteTour(id);
    this.events.publish({ type: 'tours.changed' });
    return { id };
  }

  workspace(user: User): Workspace {
    // A workspace saved before the limit was kept may hold more: the most recent ones count.
    const { windows } = this.repo.workspace(user.id);
    return { windows: windows.slice(-MAX_WINDOWS) };
  }

  /**
   * Remembers a window; the list is ordered by last save. A 17th window replaces the one saved
   * longest ago rather than being refused: in a browser, windows closed without a word (a crash, a
   * killed tab) stay on the list, and refusing would then stop the operator's new windows from ever
   * being remembered, while the stale entry it drops is the one least likely to still exist.
   */
  saveWindow(user: User, win: WorkspaceWindow, closed: boolean): Workspace {
    const current = this.workspace(user);
    const others = current.windows.filter((w) => w.key !== win.key);
    const next = { windows: closed ? others : [...others, win].slice(-MAX_WINDOWS) };
    this.repo.saveWorkspace(user.id, next);
    return next;
  }
}
