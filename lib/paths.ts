/** Every route the app links to or revalidates, in one place. */
export const paths = {
  home: "/",
  signIn: "/signin",
  register: "/register",
  notAllowed: "/not-allowed",
  calls: "/calls",
  call: (id: number) => `/calls/${id}`,
  proposals: "/proposals",
  proposal: (id: number) => `/proposals/${id}`,
  editProposal: (id: number) => `/proposals/${id}/edit`,
  assessments: "/assessments",
  manage: "/manage",
} as const;
