export function buildIdFile(root: string): string;
export function buildIsCurrent(root: string): boolean;
