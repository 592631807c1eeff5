import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { paths } from "@/lib/paths";
import { listCallsForBidders } from "@/lib/server/calls";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Funding calls" };

export default async function CallsPage({ searchParams }: { searchParams: Promise<{ problem?: string }> }) {
  const actor = await requirePageActor("call:read-open", paths.calls);
  const [{ problem }, listed] = await Promise.all([searchParams, listCallsForBidders(actor)]);
  const calls = listed ?? [];
  return (
    <>
      <h1>Funding calls</h1>
      {problem === "closed" ? (
        <div className="notification notification--warning" role="alert">
          <p>That call is not open for proposals.</p>
        </div>
      ) : null}
      {calls.length === 0 ? <p>There are no open calls at the moment.</p> : null}
      <ul className="card-list">
        {calls.map((call) => (
          <li key={call.id}>
            <h2>
              <Link href={paths.call(call.id)}>{call.title}</Link>
            </h2>
            <p>{call.description}</p>
            <p className="muted">
              {call.stage === "open" ? `Closes ${formatDateTime(call.closesAt)}` : `Opens ${formatDateTime(call.opensAt)}`}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
