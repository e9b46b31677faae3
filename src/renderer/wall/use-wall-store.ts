// This window's wall, kept: whatever the officer arranged comes back after a page change (held in
// memory for the window), a reload, a restart of the browser or the core, or a reconnect (kept in
// the core per user and window). Every change is saved a moment later; a change the core has not
// confirmed yet is also written to this browser's storage, so an F5 in that moment loses nothing.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { wallState as wallStateSchema, type WallState } from '../../shared/contract';
import { useApp } from '../app/app-context';
import { initialWall, wallReducer, type WallAction } from './wall-state';

const SAVE_DELAY_MS = 250;

/** Per window, for the life of the page: going Wall → Map → Wall needs no round trip. */
const memory = new Map<string, WallState>();

interface LocalCopy {
  state: WallState;
  at: number;
  /** Not yet confirmed by the core. */
  pending: boolean;
}

const localKey = (userId: string, windowKey: string) => `wf.wall.${userId}.${windowKey}`;

function readLocal(userId: string, windowKey: string): LocalCopy | null {
  try {
    const raw = localStorage.getItem(localKey(userId, windowKey));
    if (!raw) return null;
    const v = JSON.parse(raw) as LocalCopy;
    const parsed = wallStateSchema.safeParse(v.state);
    return parsed.success ? { state: parsed.data, at: Number(v.at) || 0, pending: !!v.pending } : null;
  } catch {
    return null;
  }
}

function writeLocal(userId: string, windowKey: string, copy: LocalCopy): void {
  try {
    localStorage.setItem(localKey(userId, windowKey), JSON.stringify(copy));
  } catch {
    // Storage refused (private mode, full): the core's copy is still saved.
  }
}

export interface WallStore {
  state: WallState;
  dispatch: (a: WallAction) => void;
  /** False until the stored wall (or the decision that there is none) is known. */
  ready: boolean;
  /** True when nothing was stored for this window: the page picks its default view. */
  fresh: boolean;
  /** Gives a fresh wall its default view, unless the officer has arranged it already. */
  applyDefault: (a: WallAction) => void;
}

/**
 * `keep`: what to save instead of the shown state while a tour borrows the wall (a reload during
 * a tour brings back the officer's wall, not the tour's current step).
 */
export function useWallStore(windowKey: string, keep: WallState | null): WallStore {
  const { api, session, connection } = useApp();
  const userId = session.user.id;
  const cached = memory.get(`${userId}/${windowKey}`);
  const [state, rawDispatch] = useReducer(wallReducer, cached ?? initialWall);
  const [ready, setReady] = useState(!!cached);
  const [fresh, setFresh] = useState(false);
  // Refs set in the same moment as the state: an officer's act can land between the core's answer
  // and the render that shows it, and must still be seen as the officer's (not overwritten).
  const readyRef = useRef(ready);
  const freshRef = useRef(false);
  // The officer acted before the kept wall or the default view arrived (chose a layout, put a
  // camera up): theirs wins. Selecting a tile alone arranges nothing.
  const touched = useRef(false);
  const dispatch = useCallback((a: WallAction) => {
    if (a.type !== 'select' && (!readyRef.current || freshRef.current)) {
      touched.current = true;
      if (freshRef.current) {
        freshRef.current = false;
        setFresh(false);
      }
    }
    rawDispatch(a);
  }, []);
  const decide = useCallback((found: WallState | null) => {
    if (!touched.current) {
      if (found) rawDispatch({ type: 'restore', state: found });
      else {
        freshRef.current = true;
        setFresh(true);
      }
    }
    readyRef.current = true;
    setReady(true);
  }, []);
  const pending = useRef<{ state: WallState; timer: ReturnType<typeof setTimeout> | null } | null>(null);

  // Load once per window: the newest of the core's copy and an unconfirmed local one.
  useEffect(() => {
    if (cached) return;
    let alive = true;
    const local = readLocal(userId, windowKey);
    void api.call('workspace.wall', { window: windowKey }).then(
      (r) => {
        if (!alive) return;
        const useLocal = local?.pending && (!r.state || local.at > (r.updatedAt ?? 0));
        decide(useLocal ? local.state : r.state);
      },
      () => {
        // The core cannot answer now (starting, unreachable): this browser's copy is better than nothing.
        if (alive) decide(local?.state ?? null);
      },
    );
    return () => {
      alive = false;
    };
    // Loaded once for this window and user; later changes flow the other way.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, userId, windowKey]);

  const send = useCallback(
    (s: WallState) => {
      void api.call('workspace.saveWall', { window: windowKey, state: s }).then(
        () => {
          // Confirmed, unless a newer change is already on its way.
          const p = pending.current;
          if (p && p.state !== s) return;
          pending.current = null;
          writeLocal(userId, windowKey, { state: s, at: Date.now(), pending: false });
        },
        () => {
          // Kept as pending: sent again when the connection returns (below).
          if (!pending.current) pending.current = { state: s, timer: null };
        },
      );
    },
    [api, userId, windowKey],
  );

  const toSave = keep ?? state;
  useEffect(() => {
    if (!ready) return;
    memory.set(`${userId}/${windowKey}`, toSave);
    writeLocal(userId, windowKey, { state: toSave, at: Date.now(), pending: true });
    if (pending.current?.timer) clearTimeout(pending.current.timer);
    const entry: { state: WallState; timer: ReturnType<typeof setTimeout> | null } = { state: toSave, timer: null };
    entry.timer = setTimeout(() => {
      entry.timer = null;
      send(toSave);
    }, SAVE_DELAY_MS);
    pending.current = entry;
  }, [toSave, ready, userId, windowKey, send]);

  // Back in contact after an outage: send what the core missed.
  useEffect(() => {
    if (connection === 'connected' && pending.current && pending.current.timer === null) send(pending.current.state);
  }, [connection, send]);

  // Leaving the page (Map, Settings) or the window: send at once rather than after the delay.
  useEffect(() => {
    const flush = () => {
      const p = pending.current;
      if (p?.timer) {
        clearTimeout(p.timer);
        p.timer = null;
        send(p.state);
      }
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [send]);

  const applyDefault = useCallback((a: WallAction) => {
    if (!freshRef.current) return; // the officer got there first
    freshRef.current = false;
    setFresh(false);
    rawDispatch(a);
  }, []);
  return { state, dispatch, ready, fresh, applyDefault };
}
