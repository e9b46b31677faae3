import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './api/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { initI18n } from './i18n';
import './styles/theme.css';
import './styles/wall.css';
import './styles/book.css';
import './styles/map.css';

await initI18n();
const api = createClient();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary name="console" variant="app">
      <App api={api} />
    </ErrorBoundary>
  </StrictMode>,
);
