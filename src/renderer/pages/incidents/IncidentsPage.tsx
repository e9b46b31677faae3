import { NotYetPage } from '../../app/NotYetPage';

export function IncidentsPage() {
  return <NotYetPage page="incidents" />;
}
