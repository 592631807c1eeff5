import { formatDateTime } from "@/lib/format";

/**
 * A call's dates as rows of a summary list (`<dl className="summary-list">`): opens, closes and,
 * for staff, when assessments are due. One definition for the bidder's call page and the manager's overview.
 */
export function CallDates({ call }: { call: { opensAt: Date; closesAt: Date; assessmentDueAt?: Date } }) {
  return (
    <>
      <div>
        <dt>Opens</dt>
        <dd>{formatDateTime(call.opensAt)}</dd>
      </div>
      <div>
        <dt>Closes</dt>
        <dd>{formatDateTime(call.closesAt)}</dd>
      </div>
      {call.assessmentDueAt ? (
        <div>
          <dt>Assessments due</dt>
          <dd>{formatDateTime(call.assessmentDueAt)}</dd>
        </div>
      ) : null}
    </>
  );
}
