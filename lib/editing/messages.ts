/**
 * Plain-words explanations of a failed action, for the toast. The server's
 * message already says why (with Docker's own words where the engine
 * refused); this adds what the user can do when the server itself is gone.
 */
import { ApiClientError } from "../client/fetch-json";

export function actionErrorMessage(err: unknown): string {
  if (err instanceof ApiClientError) {
    const msg = err.message.trim();
    if (err.status === 403 && !msg) return "cnmap refused the change (read-only mode or a foreign origin).";
    if (err.status === 503 && !msg) return "The Docker engine does not answer.";
    return msg || `The server answered ${err.status}.`;
  }
  if (err instanceof TypeError) return "cnmap's server did not answer; check that it is still running, then try again.";
  if (err instanceof Error && err.message) return err.message;
  return "The action failed for an unknown reason.";
}

/** Ends a message with a full stop unless it already ends with punctuation. */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  return /[.!?…)]$/.test(t) ? t : `${t}.`;
}
