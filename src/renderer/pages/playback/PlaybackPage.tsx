import { NotYetPage } from '../../app/NotYetPage';

export function PlaybackPage() {
  return <NotYetPage page="playback" />;
}
