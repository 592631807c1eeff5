/**
 * The GOV.UK character count's wording (https://design-system.service.gov.uk/components/character-count/):
 * the count under the field, and the error the section shows once it is over the limit.
 */
import { describe, expect, it } from "vitest";
import { countMessage } from "@/components/form/CharacterCount";
import { questionProblems } from "@/lib/domain/proposal/completeness";
import { findSection } from "@/lib/domain/proposal/questions";

describe("character and word counts", () => {
  it("says how many are left, then how many too many, in the component's words", () => {
    expect(countMessage(0, 200, "characters")).toBe("You have 200 characters remaining");
    expect(countMessage(199, 200, "characters")).toBe("You have 1 character remaining");
    expect(countMessage(200, 200, "characters")).toBe("You have 0 characters remaining");
    expect(countMessage(201, 200, "characters")).toBe("You have 1 character too many");
    expect(countMessage(253, 250, "words")).toBe("You have 3 words too many");
    expect(countMessage(249, 250, "words")).toBe("You have 1 word remaining");
  });

  it("keeps text past the limit and words the error as the component does", () => {
    const project = findSection("project")!;
    const title = project.questions.find((q) => q.key === "title")!;
    const summary = project.questions.find((q) => q.key === "summary")!;
    expect(questionProblems(title, { title: "x".repeat(201) })).toEqual([{ field: "title", message: "Project title must be 200 characters or fewer" }]);
    expect(questionProblems(summary, { summary: Array.from({ length: 251 }, () => "word").join(" ") })).toEqual([
      { field: "summary", message: "Project summary must be 250 words or fewer" },
    ]);
  });
});
