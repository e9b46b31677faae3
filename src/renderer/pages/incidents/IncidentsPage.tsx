import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../app/EmptyState';
import { Page } from '../../app/Page';

export function IncidentsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('pages.incidents.title')}>
      <EmptyState title={t('pages.incidents.emptyTitle')} body={t('pages.incidents.emptyBody')} />
    </Page>
  );
}
