import { Button } from '../../../components/button';
import { errorMessage } from '../../../components/states';
import { useResendVerification } from '../api/verify-email';

export function ResendVerification({ email }: { email: string }) {
  const resend = useResendVerification();
  return (
    <div className="text-center">
      <Button
        variant="outline"
        size="sm"
        loading={resend.isPending}
        disabled={resend.isSuccess}
        onClick={() => resend.mutate(email)}
      >
        {resend.isSuccess ? 'Sent — check your inbox' : 'Resend the email'}
      </Button>
      {resend.error && (
        <p role="alert" className="mt-2 text-xs text-red-600">
          {errorMessage(resend.error)}
        </p>
      )}
    </div>
  );
}
