/**
 * Appendices: the files a call asks bidders to upload, and the checks every upload passes.
 * Pure: no I/O. Types are recognised by their content (magic bytes), never by the file's name,
 * and refusals use the GOV.UK Design System's file-upload error wording
 * (https://design-system.service.gov.uk/components/file-upload/#error-messages).
 */

export const FILE_TYPES = {
  pdf: { label: "PDF", mediaType: "application/pdf", extension: "pdf" },
  png: { label: "PNG", mediaType: "image/png", extension: "png" },
  jpeg: { label: "JPG", mediaType: "image/jpeg", extension: "jpg" },
  docx: {
    label: "DOCX",
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: "docx",
  },
  xlsx: {
    label: "XLSX",
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
  },
} as const;

export type FileType = keyof typeof FILE_TYPES;
export const FILE_TYPE_KEYS = Object.keys(FILE_TYPES) as FileType[];

export const MB = 1024 * 1024;
export const DEFAULT_MAX_BYTES = 10 * MB;
/** The largest limit a manager may set on a slot (and the most an upload request may carry). */
export const LARGEST_MAX_BYTES = 20 * MB;

export interface AppendixSlot {
  key: string;
  name: string;
  hint: string;
  required: boolean;
  allowedTypes: FileType[];
  maxBytes: number;
  maxFiles: number;
  /** Complete only with at least one file for each international partner. */
  perPartner: boolean;
}

/**
 * The slots every new call starts with: a project plan (Gantt chart), and letters of support from
 * each international partner (§7.4: trust and partner commitment are part of feasibility).
 */
export const DEFAULT_APPENDIX_SLOTS: readonly AppendixSlot[] = [
  {
    key: "project-plan",
    name: "Project plan (Gantt chart)",
    hint: "The work packages, milestones and deliverables over the project's duration, as a Gantt chart.",
    required: true,
    allowedTypes: ["pdf"],
    maxBytes: DEFAULT_MAX_BYTES,
    maxFiles: 1,
    perPartner: false,
  },
  {
    key: "letters-of-support",
    name: "Letters of support",
    hint: "A signed letter from each international partner confirming its role and its commitment to the project.",
    required: true,
    allowedTypes: ["pdf"],
    maxBytes: DEFAULT_MAX_BYTES,
    maxFiles: 10,
    perPartner: true,
  },
];

/** "10MB", "1.5MB", "500KB": as GOV.UK writes sizes in error messages. */
export function formatSize(bytes: number): string {
  if (bytes >= MB) {
    const mb = bytes / MB;
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)}MB`;
  }
  if (bytes >= 1024) return `${Math.max(1, Math.round(bytes / 1024))}KB`;
  return `${bytes} bytes`;
}

/** "PDF", "PDF or PNG", "PDF, PNG or JPG" */
export function typeList(types: readonly FileType[]): string {
  const labels = types.map((t) => FILE_TYPES[t].label);
  if (labels.length <= 1) return labels[0] ?? "";
  return `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/** Whether the bytes contain an ASCII string (the buffer is scanned as Latin-1). */
function containsAscii(bytes: Uint8Array, text: string, from = 0, to = bytes.length): boolean {
  const needle = Array.from(text, (c) => c.charCodeAt(0));
  const end = Math.min(to, bytes.length) - needle.length;
  outer: for (let i = Math.max(0, from); i <= end; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The file's type from its content, or null when it is none of the known types.
 * - PDF: "%PDF-" within the first 1,024 bytes (as PDF readers accept);
 * - PNG: the 8-byte PNG signature; JPEG: FF D8 FF;
 * - DOCX/XLSX: a ZIP ("PK\x03\x04") holding "word/" or "xl/" parts. An encrypted Office file is an
 *   OLE compound file instead, so it is not recognised.
 */
export function detectFileType(bytes: Uint8Array): FileType | null {
  if (containsAscii(bytes, "%PDF-", 0, 1024)) return "pdf";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (containsAscii(bytes, "word/")) return "docx";
    if (containsAscii(bytes, "xl/")) return "xlsx";
  }
  return null;
}

/**
 * A PDF is encrypted (password protected, for opening or for editing) when its trailer or
 * cross-reference stream has an /Encrypt entry (ISO 32000-1 §7.6.1). Readers find the trailer at
 * the end, but an incrementally updated file can have several, so the whole file is scanned.
 */
export function isEncryptedPdf(bytes: Uint8Array): boolean {
  return containsAscii(bytes, "/Encrypt");
}

export type UploadRefusal = "missing" | "empty" | "too-large" | "wrong-type" | "password-protected" | "too-many" | "failed";

/** The error message for a refusal, worded as the GOV.UK file-upload component says. */
export function uploadErrorMessage(refusal: UploadRefusal, slot: Pick<AppendixSlot, "name" | "allowedTypes" | "maxBytes" | "maxFiles">): string {
  switch (refusal) {
    case "missing":
      return `Select a ${singular(slot.name)}`;
    case "empty":
      return "The selected file is empty";
    case "too-large":
      return `The selected file must be smaller than ${formatSize(slot.maxBytes)}`;
    case "wrong-type":
      return `The selected file must be a ${typeList(slot.allowedTypes)}`;
    case "password-protected":
      return "The selected file is password protected";
    case "too-many":
      return `You can only upload up to ${slot.maxFiles} ${slot.maxFiles === 1 ? "file" : "files"}. Remove one before you upload another`;
    case "failed":
      return "The selected file could not be uploaded – try again";
  }
}

export type UploadCheck = { ok: true; fileType: FileType } | { ok: false; refusal: UploadRefusal };

/** Checks an upload against its slot: size first (an enormous file is not read), then content. */
export function checkUpload(
  slot: Pick<AppendixSlot, "allowedTypes" | "maxBytes" | "maxFiles">,
  file: { size: number; bytes: Uint8Array | null },
  filesAlready: number,
): UploadCheck {
  if (filesAlready >= slot.maxFiles && slot.maxFiles > 1) return { ok: false, refusal: "too-many" };
  if (file.size === 0) return { ok: false, refusal: "empty" };
  if (file.size > slot.maxBytes) return { ok: false, refusal: "too-large" };
  if (!file.bytes) return { ok: false, refusal: "failed" };
  const fileType = detectFileType(file.bytes);
  if (!fileType || !slot.allowedTypes.includes(fileType)) return { ok: false, refusal: "wrong-type" };
  if (fileType === "pdf" && isEncryptedPdf(file.bytes)) return { ok: false, refusal: "password-protected" };
  return { ok: true, fileType };
}

/**
 * A name safe to show and to send in Content-Disposition: the last path part, control characters
 * and quotes removed, at most 150 characters, ending in the extension of the detected type.
 */
export function cleanFilename(name: string, fileType: FileType): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, "")
    .trim();
  const extension = FILE_TYPES[fileType].extension;
  const stem = base.replace(/\.[^.]*$/, "").slice(0, 140) || "appendix";
  return `${stem}.${extension}`;
}

/** How many files a slot needs before it is complete (0 for an optional slot). */
export function filesNeeded(slot: Pick<AppendixSlot, "required" | "perPartner">, partnerCount: number): number {
  if (!slot.required) return 0;
  return slot.perPartner ? Math.max(1, partnerCount) : 1;
}

/** What a slot still needs, or null when it is complete. */
export function slotProblem(slot: AppendixSlot, files: number, partnerCount: number): string | null {
  const needed = filesNeeded(slot, partnerCount);
  if (files >= needed) return null;
  if (files === 0) {
    return slot.perPartner && partnerCount > 1
      ? `Upload a ${singular(slot.name)} from each of your ${partnerCount} international partners`
      : `Upload a ${singular(slot.name)}`;
  }
  return `Upload a ${singular(slot.name)} from each international partner: you have ${partnerCount} partners and ${files} ${files === 1 ? "file" : "files"}`;
}

/** "Letters of support" → "letter of support"; "Project plan (Gantt chart)" → "project plan (Gantt chart)". */
export function singular(name: string): string {
  const lower = name.charAt(0).toLowerCase() + name.slice(1);
  return lower.replace(/^letters\b/, "letter").replace(/^(\w+?)s\b(?= of)/, "$1");
}
