"use client";

import { unstable_rethrow, useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import type { FieldErrors, FieldValues, UseFormSetError } from "react-hook-form";
import type { ActionFailure, ActionResult } from "@/lib/action-result";
import type { SummaryItem } from "./ErrorSummary";
import { applyServerErrors, summariseErrors } from "./errors";

const UNREACHABLE: ActionFailure = {
  ok: false,
  code: "error",
  message: "Could not reach Tandem. Check your connection and try again.",
};

export interface ServerActionOptions<T, F extends FieldValues> {
  /** After success: refresh the page's server data (default), go to a path, or nothing. */
  then?: "refresh" | "none" | ((data: T) => string);
  /** Runs on success, before the refresh or navigation. */
  onSuccess?: (data: T) => void;
  /** Runs on a refusal, after `failure` and the field errors are set. */
  onFailure?: (failure: ActionFailure) => void;
  /** A react-hook-form's setError: server field errors show on their fields, as client ones do. */
  setError?: UseFormSetError<F>;
}

export interface ServerActionState<I, T> {
  /** Calls the action; resolves with its result (never rejects: a network failure is a failure too). */
  run: (input: I) => Promise<ActionResult<T>>;
  pending: boolean;
  /** The last refusal, or null (cleared when a call starts). */
  failure: ActionFailure | null;
  /** The form's error summary: the last refusal's field errors, or the client-side ones. */
  summary: SummaryItem[];
  /** For react-hook-form's handleSubmit(onValid, invalid): shows the client-side errors. */
  invalid: (errors: FieldErrors) => void;
  clear: () => void;
}

/**
 * The one client-side way to call a server action (lib/server/action.ts): run it in a
 * transition, then on success refresh (or navigate), on refusal keep the failure and put its
 * field errors on the form. An action that redirects (sign-in) never resolves here: its redirect
 * is rethrown to Next's redirect boundary.
 */
export function useServerAction<I, T, F extends FieldValues = FieldValues>(
  action: (input: I) => Promise<ActionResult<T>>,
  options: ServerActionOptions<T, F> = {},
): ServerActionState<I, T> {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const { then = "refresh", onSuccess, onFailure, setError } = options;

  const run = useCallback(
    (input: I) =>
      new Promise<ActionResult<T>>((resolve) => {
        startTransition(async () => {
          setFailure(null);
          setSummary([]);
          let result: ActionResult<T>;
          try {
            result = await action(input);
          } catch (error) {
            // A redirect the action threw (next-auth's signIn, a wrapper's redirectTo) goes on to
            // Next's redirect boundary, which navigates; anything else is a failed request.
            unstable_rethrow(error);
            result = UNREACHABLE;
          }
          if (result.ok) {
            onSuccess?.(result.data);
            if (then === "refresh") router.refresh();
            else if (typeof then === "function") router.push(then(result.data));
          } else {
            setFailure(result);
            setSummary(setError && result.fieldErrors ? applyServerErrors(setError, result.fieldErrors) : []);
            onFailure?.(result);
          }
          resolve(result);
        });
      }),
    [action, then, onSuccess, onFailure, setError, router],
  );

  const clear = useCallback(() => {
    setFailure(null);
    setSummary([]);
  }, []);

  const invalid = useCallback((errors: FieldErrors) => {
    setFailure(null);
    setSummary(summariseErrors(errors));
  }, []);

  return { run, pending, failure, summary, invalid, clear };
}
