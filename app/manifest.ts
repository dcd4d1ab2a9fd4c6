import type { MetadataRoute } from "next";

/** The web app manifest (/manifest.webmanifest): lets a phone pin Berth to its home screen as an app. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Berth",
    short_name: "Berth",
    description: "Dashboard for Docker, Swarm and Kubernetes endpoints",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#0f172a",
    theme_color: "#1d4ed8",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
