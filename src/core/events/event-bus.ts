// Typed fan-out of core events to every connected client (each WebSocket, each Electron window).
import type { CoreEvent } from '../../shared/contract';

export type EventListener = (event: CoreEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  publish(event: CoreEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // One broken client must not stop the others from hearing about it.
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
