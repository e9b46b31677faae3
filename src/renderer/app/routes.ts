// The console's pages, in navigation order. Alt+1 … Alt+7 jump to them.
export const PAGES = ['wall', 'map', 'incidents', 'cameras', 'playback', 'reports', 'settings'] as const;
export type PageId = (typeof PAGES)[number];

export function pageFromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (PAGES as readonly string[]).includes(id ?? '') ? (id as PageId) : 'wall';
}
