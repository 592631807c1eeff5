"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { useServerAction } from "../form/use-server-action";
import { PasswordLinkPanel, type PasswordLinkView } from "./PasswordLinkPanel";

/** Makes a new one-time set-password link for someone (the old one stops working). */
export function IssueLinkButton({
  userId,
  name,
  issue,
}: {
  userId: number;
  name: string;
  issue: (input: { userId: number }) => Promise<ActionResult<PasswordLinkView>>;
}) {
  const [link, setLink] = useState<PasswordLinkView | null>(null);
  const { run, pending, failure } = useServerAction(issue, { onSuccess: setLink });
  if (link) return <PasswordLinkPanel link={link} heading={`New link for ${name}`} />;
  return (
    <>
      {failure ? (
        <p className="error-message" role="alert">
          {failure.message}
        </p>
      ) : null}
      <button
        type="button"
        className="link-button"
        disabled={pending}
        onClick={() => run({ userId })}
      >
        Create a new set-password link<span className="visually-hidden"> for {name}</span>
      </button>
    </>
  );
}
