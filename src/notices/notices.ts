import { create } from 'zustand';

/** A message for the user: errors go in a role="alert" region, notes in a status region. */
export interface Notice {
  kind: 'error' | 'info';
  message: string;
  action?: { label: string; run: () => void };
}

/** The one notice on show; any part of the app may set it, the app's notice bar shows it. */
export const useNotice = create<{ notice: Notice | null }>()(() => ({ notice: null }));

export function showNotice(notice: Notice | null) {
  useNotice.setState({ notice });
}

export function showError(message: string, action?: Notice['action']) {
  showNotice({ kind: 'error', message, action });
}

export function showInfo(message: string, action?: Notice['action']) {
  showNotice({ kind: 'info', message, action });
}

/** A question with a few answers, shown in a dialog; the answer is the chosen label, or null when dismissed. */
export interface Question {
  title: string;
  message: string;
  answers: string[];
  answer: (label: string | null) => void;
}

export const useQuestion = create<{ question: Question | null }>()(() => ({ question: null }));

/** Asks the user and waits for the answer (null: Escape or the last answer, "Cancel"). */
export function ask(title: string, message: string, answers: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    useQuestion.getState().question?.answer(null);
    useQuestion.setState({
      question: {
        title,
        message,
        answers,
        answer: (label) => {
          useQuestion.setState({ question: null });
          resolve(label);
        },
      },
    });
  });
}
