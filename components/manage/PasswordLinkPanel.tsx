"use client";

import { useEffect, useRef, useState } from "react";
import { formatDateTime } from "@/lib/format";
import styles from "./manage.module.css";

export interface PasswordLinkView {
  name: string;
  email: string;
  path: string;
  expiresAt: Date;
}

/** The one-time set-password link, shown once: the manager copies it and sends it on. */
export function PasswordLinkPanel({ link, heading }: { link: PasswordLinkView; heading: string }) {
  const [origin, setOrigin] = useState("");
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setOrigin(window.location.origin);
    ref.current?.focus();
  }, []);
  const url = `${origin}${link.path}`;

  return (
    <div className="notification notification--success" ref={ref} tabIndex={-1} role="status">
      <h2>{heading}</h2>
      <p>
        Send this link to {link.name} ({link.email}). They use it once to set their password. It works until{" "}
        {formatDateTime(link.expiresAt)}, and it is shown only now: if it is lost, create a new one from the list of people.
      </p>
      <div className={styles.linkBox}>
        <label htmlFor="set-password-link" className="visually-hidden">
          Set-password link for {link.name}
        </label>
        <input id="set-password-link" type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="button button--secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(url);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? "Copied" : "Copy link"}
        </button>
      </div>
    </div>
  );
}
