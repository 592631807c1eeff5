"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
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
  const router = useRouter();
  const [link, setLink] = useState<PasswordLinkView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (link) return <PasswordLinkPanel link={link} heading={`New link for ${name}`} />;
  return (
    <>
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="link-button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await issue({ userId });
            if (result.ok) {
              setLink(result.data);
              router.refresh();
            } else setError(result.message);
          })
        }
      >
        Create a new set-password link<span className="visually-hidden"> for {name}</span>
      </button>
    </>
  );
}
