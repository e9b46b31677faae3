import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../app/EmptyState';
import { Page } from '../../app/Page';

export function PlaybackPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('pages.playback.title')}>
      <EmptyState title={t('pages.playback.emptyTitle')} body={t('pages.playback.emptyBody')} />
    </Page>
  );
}
