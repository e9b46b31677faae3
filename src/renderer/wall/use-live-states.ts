import { useEffect, useState } from 'react';
import { useApp } from '../app/app-context';

/** Each camera's live state as the core reports it (any stream), for the tree's status dots. */
export function useLiveStates(): Record<string, string> {
  const { api } = useApp();
  const [states, setStates] = useState<Record<string, string>>({});
  useEffect(
    () =>
      api.on('live.state', (e) =>
        setStates((s) => {
          // A stopped stream (nobody watching) says nothing new about the camera: keep what we knew.
          if (e.state === 'stopped' || s[e.cameraId] === e.state) return s;
          return { ...s, [e.cameraId]: e.state };
        }),
      ),
    [api],
  );
  return states;
}
