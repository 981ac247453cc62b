import '@picocss/pico/css/pico.min.css';
import './styles/base.css';
import './styles/inbox.css';
import './styles/ticket.css';
import './styles/admin.css';
import './styles/narrow.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
