import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "You are not allowed to see this page" };

export default function NotAllowedPage() {
  return (
    <>
      <h1>You are not allowed to see this page</h1>
      <p>Your account does not have access to this part of Tandem.</p>
      <p>
        <Link href="/">Go to your start page</Link>
      </p>
    </>
  );
}
