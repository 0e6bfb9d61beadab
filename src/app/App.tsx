import { lazy, Suspense } from 'react';
import { EditorCanvas } from '../canvas/EditorCanvas';
import { MaskPanel } from '../editor/MaskPanel';
import { Toolbar } from '../editor/Toolbar';
import { HistoryPanel } from '../history/HistoryPanel';
import { GeneratePanel } from '../generate/GeneratePanel';
import { ParamsPanel } from '../params/ParamsPanel';
import { ResultsPanel } from '../results/ResultsPanel';
import { Header } from './Header';
import { NoticeBar } from './NoticeBar';
import { QuestionDialog } from './QuestionDialog';
import { useShortcuts } from './useShortcuts';

// Loaded apart (the subject model's code, the batch): the editor's first load stays under its budget.
const BackgroundSwapPanel = lazy(() => import('../backgroundSwap/BackgroundSwapPanel').then((m) => ({ default: m.BackgroundSwapPanel })));

export function App() {
  useShortcuts();
  return (
    <div className="flex h-screen flex-col">
      <Header />
      <NoticeBar />
      <QuestionDialog />
      <div className="flex min-h-0 flex-1">
        <Toolbar />
        <main className="flex min-w-0 flex-1 flex-col">
          <div className="min-h-0 flex-1">
            <EditorCanvas />
          </div>
          <ResultsPanel />
        </main>
        <aside aria-label="Settings" className="w-80 shrink-0 overflow-y-auto border-l border-neutral-800 bg-panel">
          <MaskPanel />
          <Suspense>
            <BackgroundSwapPanel />
          </Suspense>
          <GeneratePanel />
          <ParamsPanel />
          <HistoryPanel />
        </aside>
      </div>
    </div>
  );
}
