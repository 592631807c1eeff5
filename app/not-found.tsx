import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>If you typed the web address, check it is correct.</p>
      <p>If you followed a link to a proposal or assessment, it may not exist or you may not have access to it.</p>
      <p>
        <Link href="/">Go to the start page</Link>
      </p>
    </>
  );
}
