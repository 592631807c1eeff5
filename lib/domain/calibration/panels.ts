/**
 * Separate panels: the connected components of the bipartite graph linking each assessor to the
 * proposals they scored. Leniency is only comparable within a component: if the graph splits,
 * a group of harsh assessors cannot be told apart from a group of weaker proposals (the model's
 * θ and b are then identified only through their priors across the groups).
 */
export interface Panel {
  proposalIds: number[];
  assessorIds: number[];
}

export function separatePanels(edges: readonly { proposalId: number; assessorId: number }[]): Panel[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  for (const e of edges) {
    const p = `p${e.proposalId}`;
    const a = `a${e.assessorId}`;
    add(p);
    add(a);
    const rp = find(p);
    const ra = find(a);
    if (rp !== ra) parent.set(rp, ra);
  }
  const groups = new Map<string, Panel>();
  for (const node of parent.keys()) {
    const root = find(node);
    const panel = groups.get(root) ?? { proposalIds: [], assessorIds: [] };
    groups.set(root, panel);
    const id = Number(node.slice(1));
    if (node.startsWith("p")) panel.proposalIds.push(id);
    else panel.assessorIds.push(id);
  }
  return [...groups.values()]
    .map((g) => ({ proposalIds: g.proposalIds.sort((x, y) => x - y), assessorIds: g.assessorIds.sort((x, y) => x - y) }))
    .sort((x, y) => y.proposalIds.length - x.proposalIds.length || (x.proposalIds[0] ?? 0) - (y.proposalIds[0] ?? 0));
}
