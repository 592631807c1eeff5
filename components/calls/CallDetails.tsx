import { formatPounds } from "@/lib/format";
import { PROPOSAL_SECTIONS } from "@/lib/domain/proposal/questions";
import type { CallSummary } from "@/lib/server/calls";
import { CallDates } from "./CallDates";

/** An open or upcoming call for bidders: dates, budget, what they will be asked and, when open, "Start a proposal". */
export function CallDetails({ call, start }: { call: CallSummary; start: ((formData: FormData) => Promise<void>) | null }) {
  return (
    <>
      <span className="caption">Funding call</span>
      <h1>{call.title}</h1>
      <p className="lead">{call.description}</p>
      <dl className="summary-list">
        <CallDates call={{ opensAt: call.opensAt, closesAt: call.closesAt }} />
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
      {start ? (
        <form action={start}>
          <input type="hidden" name="callId" value={call.id} />
          <button type="submit" className="button">
            Start a proposal
          </button>
        </form>
      ) : null}
    </>
  );
}
