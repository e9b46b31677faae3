import { useCallback, useEffect, useState } from 'react';
import { pageFromHash, type PageId } from './routes';

export function useHashRoute(): [PageId, (p: PageId) => void] {
  const [page, setPage] = useState<PageId>(() => pageFromHash(location.hash));
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
