import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/SiteHeader";
import { signOutAction } from "@/lib/server/actions/auth-actions";
import { currentActor } from "@/lib/server/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tandem", template: "%s – Tandem" },
  description: "Funding calls for international research and innovation collaboration in advanced manufacturing and materials",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  return (
    <html lang="en-GB">
      <body>
        <a href="#main-content" className="skip-link">
          Skip to main content
        </a>
        <SiteHeader user={actor ? { name: actor.name, role: actor.role } : null} signOut={signOutAction} />
        <main id="main-content" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
