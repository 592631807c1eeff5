/**
 * The bidder's task list on a joint call (lib/server/proposals.ts with lib/domain/proposal/tasks.ts):
 * a section's status follows the joint rules, the same rules that answer its "Yes, I've completed
 * this section" and that submission checks, so the list never says "Completed" where the section
 * or the submission would refuse.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { agencies, type CallRow } from "@/db/schema";
import type { ProposalAnswers } from "@/lib/domain/proposal/questions";
import { getOwnProposal, listOwnProposals } from "@/lib/server/proposals";
import type { Actor } from "@/lib/server/users";
import { completeSection, saveProposalDraft, startProposal, submitProposal } from "../support/actions";
import { expectFailure, expectOk } from "../support/results";
import { COMPLETE_PARTNER, completeAnswers, makeCall, makeUser, setupTempDatabase } from "../support/temp-db";

setupTempDatabase();

const NO_KOREAN_PARTNER = "Add at least one partner based in South Korea, the country of Korea Institute for Advancement of Technology";

let bidder: Actor;
let jointCall: CallRow;

beforeAll(async () => {
  const [kiat] = await getDb()
    .insert(agencies)
    .values({ kind: "partner", name: "Korea Institute for Advancement of Technology", country: "KR", currency: "KRW" })
    .returning();
  jointCall = makeCall({ partnerAgencyId: kiat!.id, partnerBudget: 3_000_000_000, partnerAssessorsRequired: 1, exchangeRate: 1750 });
  bidder = await makeUser("bidder");
});

/** Complete answers for the UK–Korea call, with a Korean partner and both grants. */
function jointAnswers(): ProposalAnswers {
  const answers = completeAnswers();
  answers.consortium!.partners = [{ ...COMPLETE_PARTNER, organisation: "Seoul Robotics Co.", country: "KR" }];
  answers.project!.partnerGrantRequested = "150000000";
  return answers;
}

async function statusOf(proposalId: number, key: string) {
  const proposal = (await getOwnProposal(bidder, proposalId))!;
  return proposal.tasks.groups.flatMap((g) => g.tasks).find((t) => t.key === key)!;
}

describe("the task list of a proposal on a joint call", () => {
  it("shows the consortium as a problem once no partner is in the partner agency's country, as the section and submission say", async () => {
    const { id } = expectOk(await startProposal(bidder, { callId: jointCall.id }));
    let version = (await getOwnProposal(bidder, id))!.version;
    const answers = jointAnswers();
    for (const sectionKey of ["project", "consortium", "partnerContext", "valueCapture", "winWin", "risk"]) {
      version = expectOk(await completeSection(bidder, { proposalId: id, baseVersion: version, answers, sectionKey, completed: "yes" })).version;
    }
    expect((await statusOf(id, "consortium")).status).toBe("completed");
    expect((await getOwnProposal(bidder, id))!.tasks.readyToSubmit).toBe(true);

    // The Korean partner is changed to a German one after the section was marked completed.
    answers.consortium!.partners = [{ ...COMPLETE_PARTNER }];
    version = expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: version, answers })).version;
    const consortium = await statusOf(id, "consortium");
    expect(consortium.status).toBe("problem");
    expect(consortium.problems).toEqual([{ field: "partners", message: NO_KOREAN_PARTNER }]);
    const proposal = (await getOwnProposal(bidder, id))!;
    expect(proposal.tasks.readyToSubmit).toBe(false);
    const listed = (await listOwnProposals(bidder))!.find((p) => p.id === id)!;
    expect(listed.completeSections).toBe(proposal.tasks.completed);
    expect(listed.completeSections).toBe(proposal.tasks.total - 1);

    // The section's "Yes" and submission refuse it with the same words.
    const marked = expectFailure(await completeSection(bidder, { proposalId: id, baseVersion: version, answers, sectionKey: "consortium", completed: "yes" }), "invalid");
    expect(marked.fieldErrors?.["consortium.partners"]).toBe(NO_KOREAN_PARTNER);
    const submitted = expectFailure(await submitProposal(bidder, { proposalId: id, baseVersion: version }), "invalid");
    expect(submitted.fieldErrors?.["consortium.partners"]).toBe(NO_KOREAN_PARTNER);
  });

  it("shows the project as a problem without the grant asked of the partner agency", async () => {
    const { id } = expectOk(await startProposal(bidder, { callId: jointCall.id }));
    let version = (await getOwnProposal(bidder, id))!.version;
    const answers = jointAnswers();
    version = expectOk(await completeSection(bidder, { proposalId: id, baseVersion: version, answers, sectionKey: "project", completed: "yes" })).version;
    expect((await statusOf(id, "project")).status).toBe("completed");
    answers.project!.partnerGrantRequested = "";
    expectOk(await saveProposalDraft(bidder, { proposalId: id, baseVersion: version, answers }));
    const project = await statusOf(id, "project");
    expect(project.status).toBe("problem");
    expect(project.problems.map((p) => p.field)).toEqual(["partnerGrantRequested"]);
  });
});
