import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startAutosave } from './app/autosave';
import { ErrorBoundary } from './app/ErrorBoundary';
import { followJobs } from './app/jobEvents';
import { restoreSession } from './app/restoreSession';
import { isJobHeldElsewhere, whenJobReleased } from './jobs/jobLocks';
import { loadJobRecords } from './jobs/records';
import { showError } from './notices/notices';
import './index.css';

const queryClient = new QueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ErrorBoundary>
  </StrictMode>,
);

followJobs();
// Autosave starts only once the last session is back, so a blank start never overwrites it.
void restoreSession().then(startAutosave);
loadJobRecords({ isHeldElsewhere: isJobHeldElsewhere, whenReleased: whenJobReleased }).catch((error: unknown) =>
  showError(`The job history couldn't be read (${error instanceof Error ? error.message : String(error)}).`),
);
