import {
  COUNTRY_OPTIONS,
  ORGANISATION_TYPES,
  PROPOSAL_SECTIONS,
  isAsked,
  questionsFor,
  type JointProposalContext,
  type PartnerRow,
  type ProposalAnswers,
  type Question,
  type SectionAnswers,
} from "@/lib/domain/proposal/questions";
import { findDomain, findTheme } from "@/lib/domain/report/technology-domains";
import { formatMoney } from "@/lib/domain/agencies";

const labelOf = (options: readonly { value: string; label: string }[], value: string) =>
  options.find((o) => o.value === value)?.label ?? value;

export function Answer({ question, answers, empty: blank = "Not answered" }: { question: Question; answers: SectionAnswers; empty?: string }) {
  const value = answers[question.key];
  const empty = <span className="muted">{blank}</span>;
  switch (question.kind) {
    case "select": {
      const v = typeof value === "string" ? value : "";
      if (!v) return empty;
      if (question.key === "domainId") {
        const domain = findDomain(v);
        return (
          <>
            {domain?.longName ?? v}
            {domain ? <span className="muted"> – theme: {findTheme(domain.theme)?.name}</span> : null}
          </>
        );
      }
      return <>{labelOf(question.options, v)}</>;
    }
    case "money": {
      const v = typeof value === "string" ? value.trim() : "";
      if (!v) return empty;
      // A whole amount in its currency ("£300,000", "€250,000"); anything else as typed.
      const amount = Number(v.replace(/^£/, "").replace(/[,\s]/g, ""));
      const currency = question.currency ?? "GBP";
      if (Number.isSafeInteger(amount) && amount >= 0) return <>{formatMoney(amount, currency)}</>;
      return question.currency ? <>{`${v} ${question.currency}`}</> : <>£{v.replace(/^£/, "")}</>;
    }
    case "integer": {
      const v = typeof value === "string" ? value.trim() : "";
      return v ? <>{`${v}${question.suffix ? ` ${question.suffix}` : ""}`}</> : empty;
    }
    case "checklist": {
      const selected = Array.isArray(value) ? (value as string[]) : [];
      if (selected.length === 0) return empty;
      return (
        <ul>
          {selected.map((s) => {
            const evidence = answers[question.evidenceKey(s)];
            return (
              <li key={s}>
                <strong>{labelOf(question.options, s)}</strong>
                {typeof evidence === "string" && evidence.trim() ? <p>{evidence}</p> : null}
              </li>
            );
          })}
        </ul>
      );
    }
    case "partners": {
      const rows = Array.isArray(value) ? (value as PartnerRow[]) : [];
      if (rows.length === 0) return empty;
      return (
        <table>
          <caption className="visually-hidden">International partners</caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Country</th>
              <th scope="col">Type</th>
              <th scope="col">Role</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{r.organisation}</td>
                <td>{labelOf(COUNTRY_OPTIONS, r.country)}</td>
                <td>{labelOf(ORGANISATION_TYPES, r.type)}</td>
                <td>{r.role}</td>
                <td>{r.share ? `${r.share}%` : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    default: {
      const v = typeof value === "string" ? value : "";
      return v.trim() ? <>{v}</> : empty;
    }
  }
}

/** The whole proposal, read-only, laid out from the same question definitions as the form. */
export function ProposalView({
  answers,
  headingLevel = 2,
  joint = null,
}: {
  answers: ProposalAnswers;
  headingLevel?: 2 | 3;
  /** Set on a joint call, so the partner grant shows. */
  joint?: JointProposalContext | null;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <>
      {PROPOSAL_SECTIONS.map((section) => {
        const sectionAnswers = answers[section.key] ?? {};
        return (
          <section key={section.key} aria-labelledby={`view-${section.key}`}>
            <Heading id={`view-${section.key}`}>
              {section.number}. {section.title}
            </Heading>
            <dl className="summary-list">
              {questionsFor(section, joint)
                .filter((q) => !(q.kind === "longText" && q.askedWhen) && isAsked(q, sectionAnswers, joint))
                .map((q) => (
                  <div key={q.key}>
                    <dt>{q.label}</dt>
                    <dd>
                      <Answer question={q} answers={sectionAnswers} />
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        );
      })}
    </>
  );
}
