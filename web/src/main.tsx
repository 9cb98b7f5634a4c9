import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App';
import { initI18n } from './i18n';
import { readLocalPreferences } from './lib/local-preferences';
import { keepScrollRegionsFocusable } from './lib/scroll-regions';
import { registerServiceWorker } from './offline/service-worker';
import './styles.css';

const preferences = readLocalPreferences();
initI18n(preferences.locale);
document.body.classList.toggle('elderly', preferences.elderlyMode);
document.body.dataset.elderly = String(preferences.elderlyMode);

registerServiceWorker();
keepScrollRegionsFocusable();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
