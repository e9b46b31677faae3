import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../app/EmptyState';
import { Page } from '../../app/Page';

export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('pages.reports.title')}>
      <EmptyState title={t('pages.reports.emptyTitle')} body={t('pages.reports.emptyBody')} />
    </Page>
  );
}
