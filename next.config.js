import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Headers every response carries. The Content-Security-Policy is set per request (with a nonce) in proxy.ts.
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Docker image runs the standalone server; `npm start` runs `next start`, which standalone output would warn about.
  output: process.env.BATYS_STANDALONE === "1" ? "standalone" : undefined,
  poweredByHeader: false,
  // A second build folder lets a developer build and look at the app while the test suite uses .next.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@node-rs/argon2", "bcryptjs", "playwright-core", "exceljs"],
  // forbidden() answers 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default withNextIntl(nextConfig);
