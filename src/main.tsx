import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { keepBatch } from './backgroundSwap/batchRecords';
import { startAutosave, storageErrorMessage } from './app/autosave';
import { ErrorBoundary } from './app/ErrorBoundary';
import { followJobs } from './app/jobEvents';
import { restoreSession } from './app/restoreSession';
import { isJobHeldElsewhere, whenJobReleased } from './jobs/jobLocks';
import { loadJobRecords, useJobRecords } from './jobs/records';
import { readEngineSettingsFrom } from './jobs/jobQueue';
import { keepEngineSettings, loadEngineSettings } from './engineSettings/secureStore';
import { settingsFor } from './engineSettings/store';
import { resumeInterrupted } from './history/runAgain';
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

const detail = (error: unknown) => (error instanceof Error ? error.message : String(error));

readEngineSettingsFrom(settingsFor);
followJobs();
// Autosave starts only once the last session is back, so a blank start never overwrites it.
void restoreSession().then(startAutosave);
void keepBatch((error) => showError(storageErrorMessage(error))).catch((error: unknown) => showError(`The last batch couldn't be read (${detail(error)}).`));
// Settings first: interrupted cloud jobs need their keys to pick their provider's jobs up.
void loadEngineSettings()
  .catch((error: unknown) => showError(`Your engine settings couldn't be read (${detail(error)}); set them again in Settings.`))
  .then(() => keepEngineSettings((error) => showError(storageErrorMessage(error))))
  .then(() => loadJobRecords({ isHeldElsewhere: isJobHeldElsewhere, whenReleased: whenJobReleased }))
  .then(() => resumeInterrupted(useJobRecords.getState().jobs))
  .catch((error: unknown) => showError(`The job history couldn't be read (${detail(error)}).`));
