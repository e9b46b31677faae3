import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../app/EmptyState';
import { Page } from '../../app/Page';

export function WallPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('pages.wall.title')}>
      <EmptyState title={t('pages.wall.emptyTitle')} body={t('pages.wall.emptyBody')} />
    </Page>
  );
}
