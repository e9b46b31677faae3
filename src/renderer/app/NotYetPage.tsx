import { useTranslation } from 'react-i18next';
import { EmptyState } from './EmptyState';
import { Page } from './Page';

/** A page whose feature is not built yet: its title and an honest sentence saying so. */
export function NotYetPage({ page }: { page: 'incidents' | 'playback' | 'reports' }) {
  const { t } = useTranslation();
  return (
    <Page title={t(`pages.${page}.title`)}>
      <EmptyState title={t(`pages.${page}.emptyTitle`)} body={t(`pages.${page}.emptyBody`)} />
    </Page>
  );
}
