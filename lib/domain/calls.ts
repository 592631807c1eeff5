/** When a call accepts proposals. Times are compared on the server's clock. */
export interface CallWindow {
  opensAt: Date;
  closesAt: Date;
}

export function isCallOpen(call: CallWindow, now: Date): boolean {
  return call.opensAt.getTime() <= now.getTime() && now.getTime() < call.closesAt.getTime();
}

export function callPhase(call: CallWindow, now: Date): "upcoming" | "open" | "closed" {
  if (now.getTime() < call.opensAt.getTime()) return "upcoming";
  return isCallOpen(call, now) ? "open" : "closed";
}
