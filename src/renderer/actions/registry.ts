// The actions registry: hosts (the app frame, the wall, a PTZ tile) register their actions with
// the context they run in while they are shown; one key listener, the palette, buttons and
// joysticks run them by name. The most recently registered host wins a shared key, so a
// maximised PTZ tile's arrows steer the camera while the wall's arrows move the selection.
import { chordOf, controlOwnsKey, isTyping, normaliseChord } from './keys';
import type { ActionSpec, BoundAction } from './types';

type Listener = () => void;

export class ActionRegistry {
  private readonly layers: { id: number; actions: Map<string, BoundAction> }[] = [];
  private nextLayer = 1;
  private readonly listeners = new Set<Listener>();
  /** Actions being held down (key or button), released on key-up, blur or a hidden tab. */
  private readonly held = new Map<string, BoundAction>();

  constructor(private allowed: (spec: ActionSpec<unknown, unknown>) => boolean = () => true) {}

  /** What the signed-in role allows (it changes when an administrator edits the role). */
  setAllowed(allowed: (spec: ActionSpec<unknown, unknown>) => boolean): void {
    this.allowed = allowed;
    this.changed();
  }

  /** Registers a host's actions bound to its context; returns the function that removes them. */
  add<C>(specs: readonly ActionSpec<C, never>[], ctx: C): () => void {
    const id = this.nextLayer++;
    this.update(id, specs, ctx);
    return () => this.remove(id);
  }

  /** A host's place in the order, kept while it re-binds its actions (see update). */
  host(): number {
    return this.nextLayer++;
  }

  /**
   * Binds a host's actions to a new context in the host's place: a wall whose state changes every
   * second must not move above a PTZ panel opened after it (the newest host wins a shared key).
   */
  update<C>(id: number, specs: readonly ActionSpec<C, never>[], ctx: C): void {
    const actions = new Map(specs.map((s) => [s.name, { spec: s as unknown as ActionSpec<unknown, unknown>, ctx }]));
    const layer = this.layers.find((l) => l.id === id);
    if (layer) layer.actions = actions;
    else this.layers.push({ id, actions });
    this.changed();
  }

  remove(id: number): void {
    const i = this.layers.findIndex((l) => l.id === id);
    if (i < 0) return;
    const [layer] = this.layers.splice(i, 1);
    // A host going away lets go of anything it was holding.
    for (const [key, held] of this.held) if (layer!.actions.get(held.spec.name)?.spec === held.spec) this.releaseHeld(key);
    this.changed();
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Every action currently available, the most recent host's version of each name. */
  list(): BoundAction[] {
    const byName = new Map<string, BoundAction>();
    for (const layer of this.layers) for (const [name, a] of layer.actions) byName.set(name, a);
    return [...byName.values()].filter((a) => this.allowed(a.spec));
  }

  find(name: string): BoundAction | null {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const a = this.layers[i]!.actions.get(name);
      if (a) return this.allowed(a.spec) ? a : null;
    }
    return null;
  }

  isEnabled(a: BoundAction): boolean {
    return this.allowed(a.spec) && (a.spec.enabled?.(a.ctx) ?? true);
  }

  /** Runs an action by name (buttons, palette, joystick). False when it is absent or disabled. */
  run(name: string, arg?: unknown): boolean {
    const a = this.find(name);
    if (!a || !this.isEnabled(a)) return false;
    void Promise.resolve(a.spec.perform(a.ctx, arg)).catch((err: unknown) => console.error(`action ${name} failed`, err));
    return true;
  }

  /** Starts a press-and-hold action under `holdKey` (a key code or a pointer id). */
  press(name: string, holdKey: string, arg?: unknown): boolean {
    const a = this.find(name);
    if (!a || !this.isEnabled(a)) return false;
    if (this.held.has(holdKey)) return true; // auto-repeat: already moving
    if (a.spec.release) this.held.set(holdKey, a);
    void Promise.resolve(a.spec.perform(a.ctx, arg)).catch((err: unknown) => console.error(`action ${name} failed`, err));
    return true;
  }

  releaseHeld(holdKey: string): void {
    const a = this.held.get(holdKey);
    if (!a) return;
    this.held.delete(holdKey);
    a.spec.release?.(a.ctx);
  }

  releaseAll(): void {
    for (const key of [...this.held.keys()]) this.releaseHeld(key);
  }

  /** The action a key event calls for, newest host first. */
  forKey(e: KeyboardEvent): BoundAction | null {
    const chord = chordOf(e);
    if (controlOwnsKey(e.target, chord)) return null;
    const typing = isTyping(e.target);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      for (const a of this.layers[i]!.actions.values()) {
        if (!a.spec.keys?.some((k) => normaliseChord(k) === chord)) continue;
        if (typing && !a.spec.whileTyping) continue;
        if (this.allowed(a.spec) && this.isEnabled(a)) return a;
      }
    }
    return null;
  }

  /** Key down: runs (or starts holding) the matching action. True when one took the key. */
  keyDown(e: KeyboardEvent): boolean {
    // A widget that used the key itself (the camera tree's arrows, a list's Enter) keeps it.
    if (e.defaultPrevented) return false;
    const a = this.forKey(e);
    if (!a) return false;
    if (a.spec.release) this.press(a.spec.name, e.code || e.key);
    else if (!e.repeat) this.run(a.spec.name);
    return true;
  }

  keyUp(e: KeyboardEvent): void {
    this.releaseHeld(e.code || e.key);
  }
}
