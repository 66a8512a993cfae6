// Next.js settings: a static export under /app/, served by the gateway next to the API (same origin).
// `npm run dev` has no gateway in front, so there (only) /api and /.well-known are proxied to one.
import type { NextConfig } from "next";

const devApiOrigin = process.env.DASHBOARD_API_ORIGIN ?? "http://127.0.0.1:8080";

const nextConfig: NextConfig = {
    output: "export",
    basePath: "/app",
    trailingSlash: true,
    reactStrictMode: true,
    poweredByHeader: false,
    images: { unoptimized: true },
    ...(process.env.NODE_ENV === "development"
        ? {
              // The API has no trailing slashes; the dashboard's own pages keep them via links.
              skipTrailingSlashRedirect: true,
              async rewrites() {
                  return [
                      { source: "/api/:path*", destination: `${devApiOrigin}/api/:path*`, basePath: false },
                      {
                          source: "/.well-known/:path*",
                          destination: `${devApiOrigin}/.well-known/:path*`,
                          basePath: false,
                      },
                  ];
              },
          }
        : {}),
};

export default nextConfig;
