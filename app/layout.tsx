import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/layout/Providers";
import { themeClass } from "@/lib/theme";
import { requestActor } from "@/server/auth/request-actor";
import { readTheme } from "@/server/services/account/user-theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { template: "%s · Berth", default: "Berth" },
  description: "Container dashboard",
  applicationName: "Berth",
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "32x32" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0f172a" },
  ],
};

// The theme class is rendered here from the user's saved choice: right on the first paint, no inline script.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = await readTheme(await requestActor().catch(() => null));
  return (
    <html lang="en" className={themeClass(theme)}>
      <body className="min-h-screen antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
