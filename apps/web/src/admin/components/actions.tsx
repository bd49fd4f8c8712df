import { Button } from '../../components/button';
import { useToast } from '../../components/toast';
import { problemText } from './ui';

/**
 * Mutation callbacks that tell staff how it went: a success toast (`message`, or made from the
 * result), or the server's refusal in words.
 */
export function useOutcomeToast() {
  const notify = useToast();
  return <T,>(message: string | ((result: T) => string)) => ({
    onSuccess: (result: T) => notify(typeof message === 'string' ? message : message(result), 'success'),
    onError: (err: unknown) => notify(problemText(err), 'error'),
  });
}

/** Deletes a record once the browser's own confirm says yes; the outcome is a toast. */
export function DeleteButton<T>({
  question,
  remove,
  id,
  done,
}: {
  question: string;
  remove: {
    isPending: boolean;
    mutate: (
      id: string,
      callbacks: { onSuccess: (result: T) => void; onError: (err: unknown) => void },
    ) => void;
  };
  id: string;
  done: string | ((result: T) => string);
}) {
  const outcome = useOutcomeToast();
  return (
    <Button
      size="sm"
      variant="ghost"
      disabled={remove.isPending}
      onClick={() => window.confirm(question) && remove.mutate(id, outcome(done))}
    >
      Delete
    </Button>
  );
}
