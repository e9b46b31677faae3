// Server-to-client events: one tagged union, declared once. Never topic strings plus a cast.
import { z } from 'zod';
import { cameraHealth } from './health';
import { preferences } from './preferences';
import { id, settings, streamKind } from './schemas';

export const liveStateEvent = z.object({
  type: z.literal('live.state'),
  cameraId: id,
  stream: streamKind,
  state: z.enum(['connecting', 'live', 'reconnecting', 'offline', 'stopped']),
  reason: z.string().nullable(),
  retryAt: z.number().nullable(),
});

export const event = z.discriminatedUnion('type', [
  z.object({ type: z.literal('settings.changed'), settings }),
  z.object({ type: z.literal('register.changed') }),
  z.object({ type: z.literal('views.changed') }),
  z.object({ type: z.literal('tours.changed') }),
  liveStateEvent,
  /** What the core knows of a camera changed (see health.cameras); reaches only those who may see it. */
  cameraHealth.extend({ type: z.literal('camera.health') }),
  /** Reaches only the windows of the user it names. */
  z.object({ type: z.literal('preferences.changed'), userId: id, preferences }),
]);

export type CoreEvent = z.infer<typeof event>;
export type CoreEventType = CoreEvent['type'];
