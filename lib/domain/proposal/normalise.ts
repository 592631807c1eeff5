import { emptyAnswers, emptyPartner, PROPOSAL_SECTIONS, type PartnerRow, type ProposalAnswers } from "./questions";

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** One stored partner row in the form's shape (unknown fields dropped, missing ones empty). */
export function normalisePartner(row: unknown): PartnerRow {
  const r = row && typeof row === "object" ? (row as Record<string, unknown>) : {};
  const p = emptyPartner();
  return { organisation: str(r.organisation ?? p.organisation), country: str(r.country), type: str(r.type), role: str(r.role), share: str(r.share) };
}

/**
 * Stored answers merged over empty ones, keeping only known questions with the right shape,
 * so old drafts still load after questions are added.
 */
export function normaliseAnswers(raw: unknown): ProposalAnswers {
  const out = emptyAnswers();
  const source = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  for (const section of PROPOSAL_SECTIONS) {
    const given = source[section.key];
    if (!given || typeof given !== "object") continue;
    const answers = given as Record<string, unknown>;
    const target = out[section.key]!;
    for (const q of section.questions) {
      const v = answers[q.key];
      if (q.kind === "checklist") target[q.key] = Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
      else if (q.kind === "partners")
        target[q.key] = Array.isArray(v)
          ? v.map(normalisePartner)
          : [];
      else target[q.key] = str(v);
    }
  }
  return out;
}

/** The facts other parts of the app need from a proposal's answers. */
export function proposalFacts(answers: ProposalAnswers) {
  const project = answers.project ?? {};
  const consortium = answers.consortium ?? {};
  const partners = (Array.isArray(consortium.partners) ? consortium.partners : []) as PartnerRow[];
  const money = (v: unknown) => {
    const n = Number(str(v).replace(/[£,\s]/g, ""));
    return Number.isFinite(n) ? n : 0;
  };
  return {
    title: str(project.title).trim(),
    domainId: str(project.domainId) || null,
    rdCategory: str(project.rdCategory) || null,
    grantRequested: money(project.grantRequested),
    /** Joint calls only: the grant asked of the partner agency, in its currency. */
    partnerGrantRequested: money(project.partnerGrantRequested),
    totalCost: money(project.totalCost),
    leadOrganisation: str(consortium.leadName).trim(),
    partners,
    partnerCountries: [...new Set(partners.map((p) => p.country).filter((c) => c !== ""))],
  };
}
