// @ts-check

/** Security headers for every response: no framing, no MIME sniffing, no referrer leaks. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets tests, the benchmark and parallel work build into their own folder.
  distDir: process.env.CNMAP_DIST_DIR || ".next",
  poweredByHeader: false,
  // dockerode (through ssh2) ships a native addon that no bundler can place:
  // keep it a plain Node require on the server.
  serverExternalPackages: ["dockerode"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

module.exports = nextConfig;
