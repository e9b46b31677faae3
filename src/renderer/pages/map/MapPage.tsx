import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../app/EmptyState';
import { Page } from '../../app/Page';

export function MapPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('pages.map.title')}>
      <EmptyState title={t('pages.map.emptyTitle')} body={t('pages.map.emptyBody')} />
    </Page>
  );
}
