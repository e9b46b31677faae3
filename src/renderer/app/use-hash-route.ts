import { useCallback, useEffect, useState } from 'react';
import { pageFromHash, type PageId } from './routes';

/** The page named in the URL (null when it names none: the caller picks the first it may show). */
export function useHashRoute(): [PageId | null, (p: PageId) => void] {
  const [page, setPage] = useState<PageId | null>(() => pageFromHash(location.hash));
  useEffect(() => {
    const onHash = () => setPage(pageFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((p: PageId) => {
    location.hash = `#/${p}`;
  }, []);
  return [page, go];
}
