import { describe, expect, it } from "vitest";
import { makeDemoPdf } from "@/db/demo-pdf";
import {
  DEFAULT_APPENDIX_SLOTS,
  checkUpload,
  cleanFilename,
  detectFileType,
  formatSize,
  isEncryptedPdf,
  slotProblem,
  typeList,
  uploadErrorMessage,
} from "@/lib/domain/appendices";

const bytes = (s: string | number[]) => (typeof s === "string" ? new Uint8Array(Buffer.from(s, "latin1")) : new Uint8Array(s));
const [PLAN, LETTERS] = DEFAULT_APPENDIX_SLOTS as [(typeof DEFAULT_APPENDIX_SLOTS)[0], (typeof DEFAULT_APPENDIX_SLOTS)[0]];

describe("file types by content", () => {
  it("recognises PDF, PNG, JPEG and Office files by their magic bytes, never by name", () => {
    expect(detectFileType(new Uint8Array(makeDemoPdf(["x"])))).toBe("pdf");
    expect(detectFileType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe("png");
    expect(detectFileType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(detectFileType(bytes("PK\x03\x04....word/document.xml"))).toBe("docx");
    expect(detectFileType(bytes("PK\x03\x04....xl/workbook.xml"))).toBe("xlsx");
    expect(detectFileType(bytes("MZ\x90\x00 renamed program"))).toBeNull();
    expect(detectFileType(bytes("PK\x03\x04 a plain zip"))).toBeNull();
    expect(detectFileType(new Uint8Array(0))).toBeNull();
  });

  it("spots an encrypted PDF by its /Encrypt entry", () => {
    expect(isEncryptedPdf(bytes("%PDF-1.7\ntrailer\n<< /Root 1 0 R /Encrypt 9 0 R >>"))).toBe(true);
    expect(isEncryptedPdf(new Uint8Array(makeDemoPdf(["plain"])))).toBe(false);
  });
});

describe("checking an upload against its slot", () => {
  const pdf = new Uint8Array(makeDemoPdf(["plan"]));
  it("accepts a PDF within the limits", () => {
    expect(checkUpload(PLAN, { size: pdf.length, bytes: pdf }, 0)).toEqual({ ok: true, fileType: "pdf" });
  });
  it("refuses in order: too many, empty, too large, wrong type, password protected", () => {
    expect(checkUpload(LETTERS, { size: pdf.length, bytes: pdf }, LETTERS.maxFiles)).toEqual({ ok: false, refusal: "too-many" });
    expect(checkUpload(PLAN, { size: 0, bytes: new Uint8Array(0) }, 0)).toEqual({ ok: false, refusal: "empty" });
    expect(checkUpload(PLAN, { size: PLAN.maxBytes + 1, bytes: null }, 0)).toEqual({ ok: false, refusal: "too-large" });
    expect(checkUpload(PLAN, { size: 4, bytes: bytes([0x89, 0x50, 0x4e, 0x47]) }, 0)).toEqual({ ok: false, refusal: "wrong-type" });
    expect(checkUpload(PLAN, { size: 40, bytes: bytes("%PDF-1.4 /Encrypt") }, 0)).toEqual({ ok: false, refusal: "password-protected" });
  });
  it("words refusals as the GOV.UK file upload component does", () => {
    expect(uploadErrorMessage("missing", PLAN)).toBe("Select a project plan (Gantt chart)");
    expect(uploadErrorMessage("missing", LETTERS)).toBe("Select a letter of support");
    expect(uploadErrorMessage("too-large", PLAN)).toBe("The selected file must be smaller than 10MB");
    expect(uploadErrorMessage("wrong-type", { ...PLAN, allowedTypes: ["pdf", "png", "jpeg"] })).toBe("The selected file must be a PDF, PNG or JPG");
    expect(uploadErrorMessage("empty", PLAN)).toBe("The selected file is empty");
    expect(uploadErrorMessage("password-protected", PLAN)).toBe("The selected file is password protected");
    expect(uploadErrorMessage("failed", PLAN)).toBe("The selected file could not be uploaded – try again");
  });
});

describe("names, sizes and completeness", () => {
  it("formats sizes and type lists", () => {
    expect(formatSize(10 * 1024 * 1024)).toBe("10MB");
    expect(formatSize(1536 * 1024)).toBe("1.5MB");
    expect(formatSize(2048)).toBe("2KB");
    expect(formatSize(12)).toBe("12 bytes");
    expect(typeList(["pdf"])).toBe("PDF");
    expect(typeList(["pdf", "png"])).toBe("PDF or PNG");
  });
  it("cleans a file name and gives it the detected type's extension", () => {
    expect(cleanFilename("C:\\Users\\me\\plan.v2.exe", "pdf")).toBe("plan.v2.pdf");
    expect(cleanFilename('../"evil"<name>.pdf', "pdf")).toBe("evilname.pdf");
    expect(cleanFilename("", "png")).toBe("appendix.png");
  });
  it("needs one letter per international partner, and nothing for an optional slot", () => {
    expect(slotProblem(LETTERS, 0, 2)).toBe("Upload a letter of support from each of your 2 international partners");
    expect(slotProblem(LETTERS, 1, 2)).toBe("Upload a letter of support from each international partner: you have 2 partners and 1 file");
    expect(slotProblem(LETTERS, 2, 2)).toBeNull();
    expect(slotProblem({ ...PLAN, required: false }, 0, 1)).toBeNull();
  });
});
