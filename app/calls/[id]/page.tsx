import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatDateTime, formatPounds } from "@/lib/format";
import { paths } from "@/lib/paths";
import { routeIdOr404 } from "@/lib/server/pages";
import { PROPOSAL_SECTIONS } from "@/lib/domain/proposal/questions";
import { startProposalAction } from "@/lib/server/actions/proposal-actions";
import { getCallSummary } from "@/lib/server/calls";
import { requirePageActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Funding call" };

export default async function CallPage({ params }: { params: Promise<{ id: string }> }) {
  const id = routeIdOr404((await params).id);
  const actor = await requirePageActor("call:read-open", paths.call(id));
  const call = await getCallSummary(actor, id);
  if (!call || (call.stage !== "open" && call.stage !== "upcoming")) notFound();
  return (
    <>
      <span className="caption">Funding call</span>
      <h1>{call.title}</h1>
      <p className="lead">{call.description}</p>
      <dl className="summary-list">
        <div>
          <dt>Opens</dt>
          <dd>{formatDateTime(call.opensAt)}</dd>
        </div>
        <div>
          <dt>Closes</dt>
          <dd>{formatDateTime(call.closesAt)}</dd>
        </div>
        <div>
          <dt>Total budget</dt>
          <dd>{formatPounds(call.budget)}</dd>
        </div>
      </dl>
      <h2>What you will be asked</h2>
      <ol>
        {PROPOSAL_SECTIONS.map((s) => (
          <li key={s.key}>
            <strong>{s.title}</strong> – {s.intro}
          </li>
        ))}
      </ol>
      {actor.role === "bidder" && call.stage === "open" ? (
        <form action={startProposalAction}>
          <input type="hidden" name="callId" value={call.id} />
          <button type="submit" className="button">
            Start a proposal
          </button>
        </form>
      ) : null}
    </>
  );
}
