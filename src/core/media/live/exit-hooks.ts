// Kill child processes when the core exits. Signal handlers are process-wide, so this one module
// keeps one set of kill functions and installs each handler once (the one deliberate module-level
// state in media/live). Adding a SIGINT/SIGTERM listener cancels Node's default "exit on signal",
// so when ours are the only listeners we restore that behaviour by re-raising the signal.
type Kill = () => void;

const kills = new Set<Kill>();
let installed = false;

function runAll(): void {
  for (const kill of kills) {
    try {
      kill();
    } catch {
      // best effort while exiting
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  runAll();
  if (process.listenerCount(signal) === 1) {
    uninstall();
    process.kill(process.pid, signal);
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', runAll);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

/** Registers a kill function; returns the function that unregisters it. */
export function registerExitKill(kill: Kill): () => void {
  kills.add(kill);
  install();
  return () => {
    kills.delete(kill);
    if (kills.size === 0) uninstall();
  };
}
