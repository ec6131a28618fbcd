import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "cnmap: Docker container networking",
  description: "A live map of Docker's Container Network Model: networks, sandboxes and endpoints.",
  icons: { icon: "/favicon.svg" },
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body className="antialiased">{children}</body>
    </html>
  );
}
