import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerServiceWorker } from '../offline/service-worker';
import { ResidentApp } from './ResidentApp';
import './resident.css';

/**
 * The light resident entry (issue #11): tracking and certificate verification for anyone with
 * a phone, without the staff shell, Ant Design or i18next. resident.html draws a loading state
 * inside #root until this replaces it.
 */
const root = document.getElementById('root');
if (!root) throw new Error('resident.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ResidentApp />
  </StrictMode>,
);
// A repeat visit opens from the kept page, even on a weak network (web/public/sw.js).
registerServiceWorker();
