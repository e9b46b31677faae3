/**
 * Runs `fn` at most once per `ms` however often it is poked: the first poke schedules it `ms`
 * later, the pokes meanwhile ride along. A burst of thousands of changes becomes one call.
 */
export function coalesce(fn: () => void, ms: number): { poke(): void; stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  return {
    poke() {
      if (timer || stopped) return;
      timer = setTimeout(() => {
        timer = null;
        if (!stopped) fn();
      }, ms);
      timer.unref();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
