import type { Metadata } from "next";
import { Suspense } from "react";
import { ThemeSync } from "@/components/theme/ThemeSync";
import { THEME_SCRIPT } from "@/lib/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: "cnmap: Docker container networking",
  description: "A live map of Docker's Container Network Model: networks, sandboxes and endpoints.",
  icons: { icon: "/favicon.svg" },
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    // The head script sets `dark` on <html> before the first paint; React does not own that class.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="antialiased bg-slate-50 text-slate-900">
        <Suspense fallback={null}>
          <ThemeSync />
        </Suspense>
        {children}
      </body>
    </html>
  );
}
