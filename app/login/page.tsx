import { Suspense } from "react";
import { connection } from "next/server";
import { SignInForm } from "@/components/auth/SignInForm";
import { ThemeSwitch } from "@/components/theme/ThemeSwitch";
import { serverConfig } from "@/lib/config";

export const metadata = { title: "Sign in: cnmap" };

export default async function LoginPage() {
  // Rendered per request: the OIDC button follows the server's configuration, not the build's.
  await connection();
  const oidc = serverConfig().oidc;
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 p-6">
      <Suspense fallback={null}>
        <div className="fixed top-4 right-4">
          <ThemeSwitch />
        </div>
        <SignInForm oidcName={oidc?.name ?? null} />
      </Suspense>
    </main>
  );
}
