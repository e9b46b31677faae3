// "Camera health now": what the core knows of every camera at this moment, the same in every
// window from the first paint. Today it comes from the live relays (a camera someone watches) and
// the register (awaiting repair, decommissioned) and the health monitor's probes (every camera, on a
// schedule, without opening video).
import { z } from 'zod';
import { id } from './schemas';

/**
 * - `unknown`: nobody has watched it since the core started and no probe has run: no colour claims
 *   it works.
 * - `live`, `connecting`, `reconnecting`, `offline`: the relay's last word (kept after the last
 *   viewer leaves: knowledge does not vanish with the viewer).
 * - `degraded`: a probe reached it, but its clock is off by more than the threshold (or its frame
 *   rate is below the configured one): it works, and something needs a look.
 * - `awaiting_repair`, `decommissioned`: the register says so; this wins over the relay.
 */
export const healthState = z.enum(['unknown', 'live', 'connecting', 'reconnecting', 'degraded', 'offline', 'awaiting_repair', 'decommissioned']);
export type HealthState = z.infer<typeof healthState>;

export const cameraHealth = z.object({
  cameraId: id,
  state: healthState,
  /** Why it is not live (a relay reason such as `unreachable`), when known. */
  reason: z.string().max(40).nullable(),
  /** When this state began (epoch ms), when known. */
  since: z.number().nullable(),
});
export type CameraHealth = z.infer<typeof cameraHealth>;
