// A user's own preferences, kept in the core so they follow the person to any console: how big
// the interface is drawn, high contrast, operator mode, and which view each window opens with.
import { z } from 'zod';
import { id } from './schemas';
import { windowKey } from './wall';

export const UI_SCALE_MIN = 90;
export const UI_SCALE_MAX = 200;

export const preferences = z.object({
  /** Percent of the normal size, for a wall read from two metres or a 4K monitor. */
  uiScale: z.number().int().min(UI_SCALE_MIN).max(UI_SCALE_MAX),
  highContrast: z.boolean(),
  /** Only the wall: no navigation, toolbar, tree or status bar (commands stay on keys and Ctrl+K). */
  operatorMode: z.boolean(),
  /** The view a window opens with when it has no wall of its own yet, by window key. */
  defaultViews: z.record(windowKey, id).refine((r) => Object.keys(r).length <= 16, 'too_many'),
});
export type Preferences = z.infer<typeof preferences>;

export const DEFAULT_PREFERENCES: Preferences = { uiScale: 100, highContrast: false, operatorMode: false, defaultViews: {} };
