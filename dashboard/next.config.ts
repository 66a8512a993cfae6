// Next.js settings: a static export under /app/, served by the gateway next to the API (same origin).
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
    output: "export",
    basePath: "/app",
    trailingSlash: true,
    reactStrictMode: true,
    poweredByHeader: false,
    images: { unoptimized: true },
};

export default nextConfig;
