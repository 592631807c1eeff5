import type { Metadata } from "next";
import Link from "next/link";
import { PersonForm } from "@/components/manage/PersonForm";
import { paths } from "@/lib/paths";
import { createPersonAction } from "@/lib/server/actions/manage-actions";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Add a person" };

export default async function NewPersonPage() {
  await requirePageActor("user:manage", paths.newPerson);
  return (
    <>
      <p className="muted">
        <Link href={paths.people}>Assessors and managers</Link>
      </p>
      <h1>Add an assessor or manager</h1>
      <p>
        The account is created without a password. You get a one-time link to send to the person, so they can set their own
        password; no email is sent.
      </p>
      <PersonForm action={createPersonAction} />
    </>
  );
}
