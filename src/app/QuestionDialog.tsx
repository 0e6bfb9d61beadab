import { useEffect, useRef } from 'react';
import { useQuestion } from '../notices/notices';

/** The question the app is waiting on, as a modal dialog: the first answer has focus, Escape dismisses. */
export function QuestionDialog() {
  const question = useQuestion((s) => s.question);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (question && !element.open) element.showModal();
    if (!question && element.open) element.close();
  }, [question]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="question-title"
      aria-describedby="question-message"
      onCancel={(e) => {
        e.preventDefault();
        question?.answer(null);
      }}
      className="m-auto max-w-md rounded-lg border border-neutral-700 bg-panel p-5 text-sm text-neutral-100 backdrop:bg-black/60"
    >
      {question && (
        <div className="flex flex-col gap-3">
          <h2 id="question-title" className="text-base font-semibold">
            {question.title}
          </h2>
          <p id="question-message" className="text-neutral-300">
            {question.message}
          </p>
          <div className="flex justify-end gap-2">
            {question.answers.map((label, i) => (
              <button
                key={label}
                type="button"
                autoFocus={i === 0}
                onClick={() => question.answer(label)}
                className={i === 0 ? 'rounded-md bg-accent px-3 py-1.5 font-medium text-white' : 'rounded-md border border-neutral-600 px-3 py-1.5 hover:bg-neutral-800'}
              >
                {label}
              </button>
            ))}
          </div>
        </div>
      )}
    </dialog>
  );
}
