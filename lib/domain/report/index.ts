/**
 * Report data: "International Benchmarking: Advanced Manufacturing and Materials" (Policy Links,
 * IfM Engage, University of Cambridge, for Innovate UK, July 2021). Pure data and functions.
 */

export const REPORT_CITATION =
  "Policy Links (2021). International Benchmarking: Advanced Manufacturing and Materials. IfM Engage, Institute for Manufacturing, University of Cambridge, Cambridge.";

export * from "./technology-domains";
export * from "./countries";
export * from "./opportunities";
export * from "./strategic-fit";
export * from "./principles";
export * from "./prioritisation-criteria";
export * from "./value-capture";
export * from "./rd-categories";
export * from "./national-context";
